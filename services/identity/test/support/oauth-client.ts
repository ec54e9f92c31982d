import { createHash, createPublicKey, randomBytes, verify, type JsonWebKey } from 'node:crypto';
import { totpCode } from '../../src/auth/totp';

/** A tiny browser: cookies per origin, no automatic redirects, form posts. */
export class Browser {
  private readonly cookies = new Map<string, string>();

  async request(
    url: string,
    init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    const cookie = [...this.cookies.entries()].map(([k, v]) => `${k}=${v}`).join('; ');
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(url, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      body,
      redirect: 'manual',
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const idx = pair!.indexOf('=');
      const name = pair!.slice(0, idx).trim();
      const value = pair!.slice(idx + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(c) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, location: res.headers.get('location') };
  }
}

export const formAction = (html: string): string => {
  const m = /<form[^>]*action="([^"]+)"/.exec(html);
  if (!m) throw new Error(`no form in page:\n${html.slice(0, 2000)}`);
  return m[1]!.replace(/&amp;/g, '&');
};

export const hiddenValue = (html: string, name: string): string | undefined =>
  new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html)?.[1];

export const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

export interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  /** Default: `openid`. */
  scope?: string;
  /** Absent: no state parameter. */
  state?: string;
  /** Send a PKCE challenge (S256); default true. */
  pkce?: boolean;
}

/** The URL of an authorization code request at `base`, and the PKCE verifier of its challenge. */
export function authorizationUrl(base: string, req: AuthorizationRequest): { url: string; verifier: string } {
  const { verifier, challenge } = pkce();
  const u = new URL(`${base}/auth`);
  u.search = new URLSearchParams({
    client_id: req.clientId,
    response_type: 'code',
    redirect_uri: req.redirectUri,
    scope: req.scope ?? 'openid',
    ...(req.pkce === false ? {} : { code_challenge: challenge, code_challenge_method: 'S256' }),
    ...(req.state === undefined ? {} : { state: req.state }),
  }).toString();
  return { url: u.toString(), verifier };
}

/**
 * The login form of a fresh authorization request (the redirect to the login page followed): the
 * browser holding its interaction, and the form's action to post attempts to.
 */
export async function openLoginForm(
  base: string,
  client: { clientId: string; redirectUri: string },
): Promise<{ browser: Browser; action: string }> {
  const browser = new Browser();
  const first = await browser.request(authorizationUrl(base, { ...client, state: 's' }).url);
  const page = await browser.request(new URL(first.location!, base).toString());
  return { browser, action: new URL(formAction(page.text), base).toString() };
}

export interface TokenResponse {
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  expires_in: number;
  token_type: string;
  scope?: string;
  error?: string;
  error_description?: string;
  issued_token_type?: string;
}

export async function tokenRequest(
  base: string,
  params: Record<string, string>,
  basic?: { id: string; secret: string },
) {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (basic)
    headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(basic.id)}:${encodeURIComponent(basic.secret)}`).toString('base64')}`;
  const res = await fetch(`${base}/token`, {
    method: 'POST',
    headers,
    body: new URLSearchParams(params).toString(),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as TokenResponse };
}

export const decodeJwt = (
  jwt: string,
): { header: Record<string, unknown>; payload: Record<string, unknown> } => {
  const [h, p] = jwt.split('.');
  return {
    header: JSON.parse(Buffer.from(h!, 'base64url').toString()),
    payload: JSON.parse(Buffer.from(p!, 'base64url').toString()),
  };
};

/** Verify an ES256 JWT against the service's published JWKS. */
export async function verifyWithJwks(base: string, jwt: string): Promise<boolean> {
  const jwks = (await (await fetch(`${base}/jwks`)).json()) as { keys: (JsonWebKey & { kid: string })[] };
  const [h, p, s] = jwt.split('.');
  const { kid, alg } = JSON.parse(Buffer.from(h!, 'base64url').toString()) as { kid: string; alg: string };
  const jwk = jwks.keys.find((k) => k.kid === kid);
  if (!jwk || alg !== 'ES256') return false;
  return verify(
    'sha256',
    Buffer.from(`${h}.${p}`),
    { key: createPublicKey({ key: jwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' },
    Buffer.from(s!, 'base64url'),
  );
}

export interface LoginInput {
  base: string;
  clientId: string;
  redirectUri: string;
  username: string;
  password: string;
  totpSecret?: string | null;
  scope?: string;
  acceptTerms?: boolean;
  browser?: Browser;
  /** Type this in the otp field instead of the computed code (e.g. a recovery code). */
  otpOverride?: string;
}

export interface LoginResult {
  code: string;
  verifier: string;
  browser: Browser;
  /** The pages seen, in order (for assertions). */
  pages: { url: string; status: number; html: string }[];
}

/**
 * Drive the authorization code + PKCE flow through the HTML forms: login (username, password),
 * TOTP (otp, computed from the secret), terms (accept), then the redirect with the code.
 */
export async function loginThroughForms(input: LoginInput): Promise<LoginResult> {
  const browser = input.browser ?? new Browser();
  const state = randomBytes(8).toString('hex');
  const { url, verifier } = authorizationUrl(input.base, {
    clientId: input.clientId,
    redirectUri: input.redirectUri,
    scope: input.scope ?? 'openid offline_access identity:read training:read training:write',
    state,
  });
  const pages: LoginResult['pages'] = [];
  let res = await browser.request(url);
  for (let hop = 0; hop < 20; hop++) {
    if (res.status >= 300 && res.status < 400 && res.location) {
      const next = new URL(res.location, input.base).toString();
      if (next.startsWith(input.redirectUri)) {
        const u = new URL(next);
        if (u.searchParams.get('error'))
          throw new Error(
            `authorization error: ${u.searchParams.get('error')} ${u.searchParams.get('error_description')}`,
          );
        if (u.searchParams.get('state') !== state) throw new Error('state mismatch');
        return { code: u.searchParams.get('code')!, verifier, browser, pages };
      }
      res = await browser.request(next);
      continue;
    }
    pages.push({ url: '', status: res.status, html: res.text });
    if (res.status !== 200)
      throw new Error(
        `unexpected ${res.status}:\n${res.text.slice(res.text.indexOf('<main'), res.text.indexOf('<main') + 1500)}`,
      );
    const action = new URL(formAction(res.text), input.base).toString();
    if (res.text.includes('name="username"')) {
      res = await browser.request(action, { form: { username: input.username, password: input.password } });
    } else if (res.text.includes('name="otp"')) {
      if (!input.totpSecret) throw new Error('TOTP asked but no secret given');
      res = await browser.request(action, { form: { otp: input.otpOverride ?? totpCode(input.totpSecret) } });
    } else if (res.text.includes('name="accept"')) {
      if (input.acceptTerms === false)
        res = await browser.request(action, {
          form: { decline: 'yes', version: hiddenValue(res.text, 'version') ?? '' },
        });
      else
        res = await browser.request(action, {
          form: { accept: 'yes', version: hiddenValue(res.text, 'version') ?? '' },
        });
    } else {
      throw new Error(`unknown page:\n${res.text.slice(0, 1500)}`);
    }
  }
  throw new Error('too many hops');
}

export async function codeForTokens(
  base: string,
  clientId: string,
  redirectUri: string,
  login: { code: string; verifier: string },
) {
  return tokenRequest(base, {
    grant_type: 'authorization_code',
    client_id: clientId,
    code: login.code,
    redirect_uri: redirectUri,
    code_verifier: login.verifier,
  });
}

/** Sign in through the forms and exchange the code: the tokens a frontend would hold. */
export async function signIn(input: LoginInput): Promise<TokenResponse> {
  const login = await loginThroughForms(input);
  const { status, body } = await codeForTokens(input.base, input.clientId, input.redirectUri, login);
  if (status !== 200) throw new Error(`token endpoint ${status}: ${JSON.stringify(body)}`);
  return body;
}

export async function manage(base: string, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}
