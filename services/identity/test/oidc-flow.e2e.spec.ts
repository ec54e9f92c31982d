import http from 'node:http';
import { openTestbed, WEB_CLIENT as CLIENT, WEB_REDIRECT as REDIRECT, type Testbed } from './support/testbed';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { buildJmaAndTokyo } from '../../../test/support/builders';
import { type IdentityFixtures } from './support/identity-fixtures';
import type { IdentityProcess } from './support/identity-process';
import { totpCode } from '../src/auth/totp';
import {
  Browser,
  codeForTokens,
  decodeJwt,
  formAction,
  loginThroughForms,
  authorizationUrl,
  pkce,
  tokenRequest,
  verifyWithJwks,
} from './support/oauth-client';

const AUDIENCE = 'urn:mamis:gateway';

/**
 * Acceptance, over HTTP against the running service: discovery/JWKS, authorization code + PKCE
 * through the HTML forms with a computed TOTP and the terms step, refresh rotation with reuse
 * detection, revocation, introspection, client credentials per scope.
 */
describe('identity: OpenID provider flows', () => {
  let db: TestDatabase;
  let idp: IdentityProcess;
  let bed: Testbed | undefined;
  let fx: IdentityFixtures;
  let staff: { id: string; totp: string };
  let physicianId: string;
  let associationId: string;
  let society: { id: string; secret: string };
  let analytics: { id: string; secret: string };

  beforeAll(async () => {
    db = await createTestDatabase();
    const c = await db.admin();
    const { tokyo: pref } = await buildJmaAndTokyo(c);
    associationId = pref.id;
    ({ idp, fx } = bed = await openTestbed(db));
    const s = await fx.clients.register({
      clientId: 'society-abc',
      name: 'Society',
      kind: 'MACHINE',
      scopes: ['society:abc'],
    });
    society = { id: 'society-abc', secret: s.clientSecret! };
    const a = await fx.clients.register({
      clientId: 'analytics-1',
      name: 'Analytics',
      kind: 'MACHINE',
      scopes: ['analytics:aggregate'],
    });
    analytics = { id: 'analytics-1', secret: a.clientSecret! };
    const st = await fx.account({
      username: 'tokyo-admin',
      kind: 'STAFF',
      associationId: pref.id,
      role: 'ADMIN',
    });
    staff = { id: st.account.id, totp: st.totpSecret! };
    physicianId = (
      await fx.account({
        username: 'dr-yamada',
        kind: 'PHYSICIAN',
        personId: '4f3c2b1a-0000-4000-8000-000000000001',
      })
    ).account.id;
  });

  afterAll(async () => {
    await bed?.close();
    await db?.drop();
  });

  const login = (username: string, extra: Partial<Parameters<typeof loginThroughForms>[0]> = {}) =>
    loginThroughForms({
      base: idp.url,
      clientId: CLIENT,
      redirectUri: REDIRECT,
      username,
      password: 'correct horse battery staple',
      ...extra,
    });

  it('publishes discovery and an ES256 JWKS without private parts', async () => {
    const disc = (await (await fetch(`${idp.url}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    expect(disc.issuer).toBe(idp.url);
    expect(disc.code_challenge_methods_supported).toEqual(['S256']);
    expect(disc.grant_types_supported).toEqual(
      expect.arrayContaining([
        'authorization_code',
        'refresh_token',
        'client_credentials',
        'urn:ietf:params:oauth:grant-type:token-exchange',
      ]),
    );
    expect(disc.revocation_endpoint).toBeDefined();
    expect(disc.introspection_endpoint).toBeDefined();
    const jwks = (await (await fetch(`${idp.url}/jwks`)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys.length).toBeGreaterThan(0);
    for (const k of jwks.keys) {
      expect(k).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
      expect(k.d).toBeUndefined();
    }
  });

  it('builds discovery from the issuer, whatever Host and X-Forwarded-* the request carries', async () => {
    const raw = (headers: Record<string, string>) =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const req = http.get(`${idp.url}/.well-known/openid-configuration`, { headers }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve(JSON.parse(body) as Record<string, unknown>));
        });
        req.on('error', reject);
      });
    for (const headers of <Record<string, string>[]>[
      { host: 'evil.example' },
      { host: 'evil.example:8443', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
    ]) {
      const disc = await raw(headers);
      expect(JSON.stringify(disc)).not.toContain('evil.example');
      expect(disc.issuer).toBe(idp.url);
      const urls = Object.entries(disc).filter(([k]) => k.endsWith('_endpoint') || k === 'jwks_uri');
      expect(urls.length).toBeGreaterThan(3);
      for (const [, u] of urls) expect(String(u).startsWith(`${idp.url}/`)).toBe(true);
    }
  });

  it('accepts the secret of a machine client in the body (client_secret_post) as well as in Basic, and says so', async () => {
    const disc = (await (await fetch(`${idp.url}/.well-known/openid-configuration`)).json()) as {
      token_endpoint_auth_methods_supported: string[];
    };
    expect(disc.token_endpoint_auth_methods_supported).toEqual(
      expect.arrayContaining(['client_secret_basic', 'client_secret_post']),
    );
    const post = await tokenRequest(idp.url, {
      grant_type: 'client_credentials',
      scope: 'society:abc',
      client_id: society.id,
      client_secret: society.secret,
    });
    expect(post.body.error).toBeUndefined();
    expect(post.status).toBe(200);
    expect(decodeJwt(post.body.access_token).payload).toMatchObject({ client_id: society.id });
    const wrong = await tokenRequest(idp.url, {
      grant_type: 'client_credentials',
      scope: 'society:abc',
      client_id: society.id,
      client_secret: 'not-the-secret',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toBe('invalid_client');
  });

  it('runs authorization code + PKCE through the login, TOTP and terms forms and issues a gateway JWT', async () => {
    const result = await login('tokyo-admin', { totpSecret: staff.totp });
    const kinds = result.pages.map((p) =>
      p.html.includes('name="username"') ? 'login' : p.html.includes('name="otp"') ? 'otp' : 'terms',
    );
    expect(kinds).toEqual(['login', 'otp', 'terms']);
    const { status, body } = await codeForTokens(idp.url, CLIENT, REDIRECT, result);
    expect(status).toBe(200);
    expect(body.token_type).toBe('Bearer');
    expect(body.refresh_token).toBeDefined();
    expect(body.id_token).toBeDefined();
    expect(body.expires_in).toBeLessThanOrEqual(300);
    expect(await verifyWithJwks(idp.url, body.access_token)).toBe(true);
    const { header, payload } = decodeJwt(body.access_token);
    expect(header).toMatchObject({ alg: 'ES256', typ: 'at+jwt' });
    expect(payload).toMatchObject({
      iss: idp.url,
      aud: AUDIENCE,
      sub: staff.id,
      client_id: CLIENT,
      kind: 'STAFF',
      association_id: associationId,
      association_tier: 'PREFECTURAL',
      role: 'ADMIN',
      terms_version: '1.01',
    });
    expect((payload.exp as number) - (payload.iat as number)).toBeLessThanOrEqual(300);
    expect(String(payload.scope).split(' ').sort()).toEqual([
      'identity:read',
      'training:read',
      'training:write',
    ]);
    expect(payload.act).toBeUndefined();
    expect(decodeJwt(body.id_token!).payload).toMatchObject({ sub: staff.id, aud: CLIENT, iss: idp.url });
  });

  it('skips the terms page once the version in force is accepted, and a physician needs no TOTP', async () => {
    const first = await login('dr-yamada');
    expect(first.pages.length).toBe(2); // login, terms
    const again = await login('dr-yamada');
    expect(again.pages.length).toBe(1); // login only
    const { body } = await codeForTokens(idp.url, CLIENT, REDIRECT, again);
    expect(decodeJwt(body.access_token).payload).toMatchObject({
      sub: physicianId,
      kind: 'PHYSICIAN',
      person_id: '4f3c2b1a-0000-4000-8000-000000000001',
      terms_version: '1.01',
    });
  });

  it('refuses an authorization request without PKCE and a code with the wrong verifier', async () => {
    const b = new Browser();
    const u = authorizationUrl(idp.url, { clientId: CLIENT, redirectUri: REDIRECT, state: 'x', pkce: false });
    const res = await b.request(u.url);
    expect(res.status).toBe(303);
    expect(new URL(res.location!).searchParams.get('error')).toBe('invalid_request');

    const ok = await login('dr-yamada');
    const bad = await tokenRequest(idp.url, {
      grant_type: 'authorization_code',
      client_id: CLIENT,
      code: ok.code,
      redirect_uri: REDIRECT,
      code_verifier: pkce().verifier,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('invalid_grant');
  });

  it('rotates refresh tokens and revokes the whole grant when a used one comes back', async () => {
    const { body: t0 } = await codeForTokens(idp.url, CLIENT, REDIRECT, await login('dr-yamada'));
    const r1 = await tokenRequest(idp.url, {
      grant_type: 'refresh_token',
      client_id: CLIENT,
      refresh_token: t0.refresh_token!,
    });
    expect(r1.status).toBe(200);
    expect(r1.body.refresh_token).toBeDefined();
    expect(r1.body.refresh_token).not.toBe(t0.refresh_token);
    expect(decodeJwt(r1.body.access_token).payload.sub).toBe(physicianId);

    const reuse = await tokenRequest(idp.url, {
      grant_type: 'refresh_token',
      client_id: CLIENT,
      refresh_token: t0.refresh_token!,
    });
    expect(reuse.status).toBe(400);
    expect(reuse.body.error).toBe('invalid_grant');
    // Reuse detection revoked the grant: the newest refresh token is dead too.
    const after = await tokenRequest(idp.url, {
      grant_type: 'refresh_token',
      client_id: CLIENT,
      refresh_token: r1.body.refresh_token!,
    });
    expect(after.status).toBe(400);
    expect(after.body.error).toBe('invalid_grant');
  });

  it('revokes a refresh token (RFC 7009) and introspects it (RFC 7662)', async () => {
    const { body } = await codeForTokens(idp.url, CLIENT, REDIRECT, await login('dr-yamada'));
    const form = (p: Record<string, string>) => ({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(p).toString(),
    });
    const before = (await (
      await fetch(`${idp.url}/token/introspection`, form({ client_id: CLIENT, token: body.refresh_token! }))
    ).json()) as Record<string, unknown>;
    expect(before).toMatchObject({ active: true, client_id: CLIENT, sub: physicianId });
    const rev = await fetch(
      `${idp.url}/token/revocation`,
      form({ client_id: CLIENT, token: body.refresh_token!, token_type_hint: 'refresh_token' }),
    );
    expect(rev.status).toBe(200);
    const afterIntro = (await (
      await fetch(`${idp.url}/token/introspection`, form({ client_id: CLIENT, token: body.refresh_token! }))
    ).json()) as Record<string, unknown>;
    expect(afterIntro).toEqual({ active: false });
    const refresh = await tokenRequest(idp.url, {
      grant_type: 'refresh_token',
      client_id: CLIENT,
      refresh_token: body.refresh_token!,
    });
    expect(refresh.body.error).toBe('invalid_grant');
  });

  it('issues client-credentials tokens per registered scope only', async () => {
    const s = await tokenRequest(
      idp.url,
      { grant_type: 'client_credentials', scope: 'society:abc' },
      { id: society.id, secret: society.secret },
    );
    expect(s.status).toBe(200);
    expect(decodeJwt(s.body.access_token).payload).toMatchObject({
      sub: society.id,
      client_id: society.id,
      aud: AUDIENCE,
      kind: 'CLIENT',
      scope: 'society:abc',
    });
    expect(await verifyWithJwks(idp.url, s.body.access_token)).toBe(true);

    const a = await tokenRequest(
      idp.url,
      { grant_type: 'client_credentials', scope: 'analytics:aggregate' },
      { id: analytics.id, secret: analytics.secret },
    );
    expect(decodeJwt(a.body.access_token).payload).toMatchObject({
      kind: 'CLIENT',
      scope: 'analytics:aggregate',
    });

    const cross = await tokenRequest(
      idp.url,
      { grant_type: 'client_credentials', scope: 'analytics:aggregate' },
      { id: society.id, secret: society.secret },
    );
    expect(cross.status).toBe(400);
    expect(cross.body.error).toBe('invalid_scope');
    const other = await tokenRequest(
      idp.url,
      { grant_type: 'client_credentials', scope: 'society:xyz' },
      { id: society.id, secret: society.secret },
    );
    expect(other.body.error).toBe('invalid_scope');
    const user = await tokenRequest(
      idp.url,
      { grant_type: 'client_credentials', scope: 'identity:read' },
      { id: society.id, secret: society.secret },
    );
    expect(user.body.error).toBe('invalid_scope');

    const wrong = await tokenRequest(
      idp.url,
      { grant_type: 'client_credentials', scope: 'society:abc' },
      { id: society.id, secret: 'not-the-secret' },
    );
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toBe('invalid_client');

    // A public client cannot use client credentials.
    const pub = await tokenRequest(idp.url, {
      grant_type: 'client_credentials',
      client_id: CLIENT,
      scope: 'society:abc',
    });
    expect(pub.status).toBeGreaterThanOrEqual(400);

    // Disabled at once.
    await fx.clients.setDisabled(society.id, true);
    const disabled = await tokenRequest(
      idp.url,
      { grant_type: 'client_credentials', scope: 'society:abc' },
      { id: society.id, secret: society.secret },
    );
    expect(disabled.status).toBe(401);
    expect(disabled.body.error).toBe('invalid_client');
    await fx.clients.setDisabled(society.id, false);
  });

  it('enrols TOTP at the first sign-in of staff without one, shows recovery codes once, and accepts each code once', async () => {
    const st = await fx.account({ username: 'tokyo-clerk', kind: 'STAFF', associationId, role: 'CLERK' });
    await fx.ds.query('UPDATE account SET totp_secret_sealed = NULL WHERE id = $1', [st.account.id]);
    const b = new Browser();
    const u = authorizationUrl(idp.url, { clientId: CLIENT, redirectUri: REDIRECT, state: 's' });
    const start = await b.request(u.url);
    let page = await b.request(new URL(start.location!, idp.url).toString());
    let res = await b.request(new URL(formAction(page.text), idp.url).toString(), {
      form: { username: 'tokyo-clerk', password: 'correct horse battery staple' },
    });
    page = await b.request(new URL(res.location!, idp.url).toString());
    const secret = /id="totp-secret">([A-Z2-7]+)</.exec(page.text)![1]!;
    expect(page.text).toContain('otpauth://totp/MAMIS:tokyo-clerk');
    const wrong = await b.request(new URL(formAction(page.text), idp.url).toString(), {
      form: { otp: '000000' },
    });
    expect(wrong.status).toBe(401);
    res = await b.request(new URL(formAction(page.text), idp.url).toString(), {
      form: { otp: totpCode(secret) },
    });
    expect(res.status).toBe(200);
    const codes = [...res.text.matchAll(/<li>([a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4})<\/li>/g)].map(
      (m) => m[1]!,
    );
    expect(codes).toHaveLength(10);
    const done = await b.request(new URL(formAction(res.text), idp.url).toString(), {
      form: { continue: 'yes' },
    });
    expect(done.status).toBe(303);

    // A recovery code instead of the app: works once.
    const viaRecovery = await loginThroughForms({
      base: idp.url,
      clientId: CLIENT,
      redirectUri: REDIRECT,
      username: 'tokyo-clerk',
      password: 'correct horse battery staple',
      totpSecret: 'IGNORED',
      acceptTerms: true,
      browser: new Browser(),
      otpOverride: codes[0],
    });
    expect(viaRecovery.code).toBeDefined();
    await expect(
      loginThroughForms({
        base: idp.url,
        clientId: CLIENT,
        redirectUri: REDIRECT,
        username: 'tokyo-clerk',
        password: 'correct horse battery staple',
        totpSecret: 'IGNORED',
        otpOverride: codes[0],
      }),
    ).rejects.toThrow(/unexpected 401/);
    // The stored secret is sealed, not clear text.
    const rows: { totp_secret_sealed: string }[] = await fx.ds.query(
      'SELECT totp_secret_sealed FROM account WHERE id = $1',
      [st.account.id],
    );
    expect(rows[0]!.totp_secret_sealed).toMatch(/^v1\./);
    expect(rows[0]!.totp_secret_sealed).not.toContain(secret);
  });

  it('accepts a TOTP code once (replay refused) and refuses a wrong one', async () => {
    const st = await fx.account({ username: 'tokyo-viewer', kind: 'STAFF', associationId, role: 'VIEWER' });
    const code = totpCode(st.totpSecret!);
    const opts = {
      base: idp.url,
      clientId: CLIENT,
      redirectUri: REDIRECT,
      username: 'tokyo-viewer',
      password: 'correct horse battery staple',
      totpSecret: st.totpSecret,
      otpOverride: code,
    };
    const first = await loginThroughForms(opts);
    const { body } = await codeForTokens(idp.url, CLIENT, REDIRECT, first);
    // A VIEWER holds read rights only: the write scope asked for is not granted.
    expect(String(decodeJwt(body.access_token).payload.scope).split(' ').sort()).toEqual([
      'identity:read',
      'training:read',
    ]);
    await expect(loginThroughForms(opts)).rejects.toThrow(/unexpected 401/);
    await expect(
      loginThroughForms({ ...opts, otpOverride: code === '123456' ? '654321' : '123456' }),
    ).rejects.toThrow(/unexpected 401/);
  });

  it('stores the client secret hashed', async () => {
    const rows: { secret_hash: string }[] = await fx.ds.query(
      `SELECT secret_hash FROM oauth_client WHERE client_id = 'society-abc'`,
    );
    expect(rows[0]!.secret_hash).toMatch(/^sha256:/);
    expect(rows[0]!.secret_hash).not.toContain(society.secret);
  });
});
