/**
 * `npm run token -- <demo account or client>`: an access token for one of the demo accounts of
 * `<MAMIS_DATA_DIR or .data>/demo-credentials.json`, printed on stdout (nothing else there), so
 * that the README's first query can be copied as is:
 *
 *   TOKEN=$(npm run -s token -- muni-admin)
 *
 * A human account (jma-admin, pref-admin, muni-admin, dr-…, asst-…) signs in as a browser would:
 * the authorization code + PKCE flow of the identity service through its HTML forms (username and
 * password, the TOTP code computed from the demo secret, the terms of use accepted when asked —
 * demo accounts only), then the code is exchanged at `/token` by the public demo client `mamis-web`.
 * A machine client (its client id, or `society` / `analytics`) uses client_credentials.
 *
 * Identity at IDENTITY_URL, else http://127.0.0.1:<MAMIS_PORT_BASE + 10> (default 4010).
 * Development only: refuses NODE_ENV=production.
 */
import { createHash, randomBytes } from 'node:crypto';
import { totpCode } from '@mamis/identity/src/auth/totp';
import type { DemoCredentials } from '@mamis/identity/src/demo/demo-accounts';

/** The public demo client and one of its registered redirect URIs (never fetched: the code is read from it). */
export const TOKEN_CLIENT_ID = 'mamis-web';
export const TOKEN_REDIRECT_URI = 'http://127.0.0.1:5173/callback';
const DEFAULT_SCOPE = 'openid identity:read contact:read profile:read training:read training:write';

export interface DemoTokenOptions {
  /** The identity service's base URL. */
  base: string;
  credentials: DemoCredentials;
  /** A demo account's username, a client id, or `society` / `analytics`. */
  name: string;
  scope?: string;
  clientId?: string;
  redirectUri?: string;
}

/** A tiny browser: cookies, no automatic redirects, form posts. */
class FormBrowser {
  private readonly cookies = new Map<string, string>();
  async request(url: string, form?: Record<string, string>) {
    const headers: Record<string, string> = {};
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (cookie) headers.cookie = cookie;
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(url, {
      method: form ? 'POST' : 'GET',
      headers,
      body: form ? new URLSearchParams(form).toString() : undefined,
      redirect: 'manual',
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i).trim();
      const value = pair!.slice(i + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(c) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: res.status, location: res.headers.get('location'), html: await res.text() };
  }
}

const formAction = (html: string) => {
  const m = /<form[^>]*action="([^"]+)"/.exec(html);
  if (!m) throw new Error('the identity service answered a page without a form');
  return m[1]!.replace(/&amp;/g, '&');
};
const hidden = (html: string, name: string) =>
  new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';

async function tokenEndpoint(base: string, params: Record<string, string>, basic?: [string, string]) {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (basic)
    headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(basic[0])}:${encodeURIComponent(basic[1])}`).toString('base64')}`;
  const res = await fetch(`${base}/token`, {
    method: 'POST',
    headers,
    body: new URLSearchParams(params).toString(),
  });
  const body = (await res.json()) as { access_token?: string; error?: string; error_description?: string };
  if (!res.ok || !body.access_token)
    throw new Error(
      `token endpoint ${res.status}: ${body.error ?? ''} ${body.error_description ?? ''}`.trim(),
    );
  return body.access_token;
}

/** Sign a demo account (or client) in and return its access token. */
export async function demoToken(opts: DemoTokenOptions): Promise<string> {
  const { base, credentials, name } = opts;
  const client =
    credentials.clients.find((c) => c.clientId === name) ??
    (name === 'society' || name === 'analytics'
      ? credentials.clients.find((c) =>
          c.scopes.some((s) => s.startsWith(name === 'society' ? 'society:' : 'analytics:')),
        )
      : undefined);
  if (client) {
    if (!client.clientSecret)
      throw new Error(`${client.clientId} is a public client: name a demo account instead`);
    return tokenEndpoint(base, { grant_type: 'client_credentials', scope: client.scopes.join(' ') }, [
      client.clientId,
      client.clientSecret,
    ]);
  }
  const account = credentials.accounts.find((a) => a.username === name);
  if (!account) {
    const known = [...credentials.accounts.map((a) => a.username), 'society', 'analytics'].join(', ');
    throw new Error(`no demo account or client "${name}" (known: ${known})`);
  }
  const clientId = opts.clientId ?? TOKEN_CLIENT_ID;
  const redirectUri = opts.redirectUri ?? TOKEN_REDIRECT_URI;
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(8).toString('hex');
  const auth = new URL(`${base}/auth`);
  auth.search = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: opts.scope ?? DEFAULT_SCOPE,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    state,
  }).toString();
  const browser = new FormBrowser();
  let res = await browser.request(auth.toString());
  let retriedOtp = false;
  for (let hop = 0; hop < 20; hop++) {
    if (res.status >= 300 && res.status < 400 && res.location) {
      const next = new URL(res.location, base).toString();
      if (next.startsWith(redirectUri)) {
        const u = new URL(next);
        if (u.searchParams.get('error'))
          throw new Error(
            `sign-in refused: ${u.searchParams.get('error')} ${u.searchParams.get('error_description') ?? ''}`,
          );
        if (u.searchParams.get('state') !== state) throw new Error('state mismatch');
        return tokenEndpoint(base, {
          grant_type: 'authorization_code',
          client_id: clientId,
          code: u.searchParams.get('code')!,
          redirect_uri: redirectUri,
          code_verifier: verifier,
        });
      }
      res = await browser.request(next);
      continue;
    }
    // a TOTP code is accepted once: right after another sign-in of the same account, wait for the next one
    if (res.status === 401 && res.html.includes('name="otp"') && account.totpSecret && !retriedOtp) {
      retriedOtp = true;
      await new Promise((r) => setTimeout(r, 30_000 - (Date.now() % 30_000) + 500));
      res = await browser.request(new URL(formAction(res.html), base).toString(), {
        otp: totpCode(account.totpSecret),
      });
      continue;
    }
    if (res.status !== 200) throw new Error(`the identity service answered ${res.status} during sign-in`);
    const action = new URL(formAction(res.html), base).toString();
    if (res.html.includes('name="username"'))
      res = await browser.request(action, { username: account.username, password: account.password });
    else if (res.html.includes('name="otp"')) {
      if (!account.totpSecret)
        throw new Error(`${account.username}: a TOTP code is asked but the account has no secret`);
      res = await browser.request(action, { otp: totpCode(account.totpSecret) });
    } else if (res.html.includes('name="accept"'))
      res = await browser.request(action, { accept: 'yes', version: hidden(res.html, 'version') });
    else throw new Error('an unexpected page during sign-in (wrong password?)');
  }
  throw new Error('too many redirects during sign-in');
}
