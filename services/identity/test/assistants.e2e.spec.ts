import { openTestbed, WEB_CLIENT as CLIENT, WEB_REDIRECT as REDIRECT, type Testbed } from './support/testbed';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { type IdentityFixtures } from './support/identity-fixtures';
import type { IdentityProcess } from './support/identity-process';
import {
  Browser,
  decodeJwt,
  formAction,
  loginThroughForms,
  manage,
  signIn,
  tokenRequest,
} from './support/oauth-client';

const PERSON = '7a1e0c55-1111-4111-8111-000000000042';
const PASSWORD = 'correct horse battery staple';

/** Assistants (terms art. 2.3): invited with a subset of the grantor's rights; revocation is immediate. */
describe('identity: assistants', () => {
  let db: TestDatabase;
  let idp: IdentityProcess;
  let bed: Testbed | undefined;
  let fx: IdentityFixtures;
  let physician: { id: string; token: string };

  const login = (username: string, password = PASSWORD, scope?: string) =>
    signIn({ base: idp.url, clientId: CLIENT, redirectUri: REDIRECT, username, password, scope });

  beforeAll(async () => {
    db = await createTestDatabase();
    ({ idp, fx } = bed = await openTestbed(db));
    const p = await fx.account({ username: 'dr-suzuki', kind: 'PHYSICIAN', personId: PERSON });
    physician = { id: p.account.id, token: (await login('dr-suzuki')).access_token };
  });

  afterAll(async () => {
    await bed?.close();
    await db?.drop();
  });

  async function invite(username: string, scopes: string[], expiresAt?: string) {
    const res = await manage(idp.url, physician.token, 'POST', '/manage/assistants', {
      username,
      displayName: `補助者 ${username}`,
      scopes,
      expiresAt,
    });
    expect(res.status).toBe(201);
    // The assistant opens the invitation link and sets a password.
    const b = new Browser();
    const page = await b.request(String(res.body.invitationUrl));
    expect(page.status).toBe(200);
    const set = await b.request(new URL(formAction(page.text), idp.url).toString(), {
      form: { password: 'assistant password 123' },
    });
    expect(set.status).toBe(200);
    return res.body as { grantId: string; assistantAccountId: string };
  }

  it('refuses rights the grantor does not hold and unauthenticated calls', async () => {
    const bad = await manage(idp.url, physician.token, 'POST', '/manage/assistants', {
      username: 'x-asst',
      displayName: 'x',
      scopes: ['society:abc'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('invalid_scope');
    const none = await fetch(`${idp.url}/manage/assistants`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const forged = await fetch(`${idp.url}/manage/assistants`, {
      headers: { authorization: `Bearer ${physician.token.slice(0, -4)}AAAA` },
    });
    expect(forged.status).toBe(401);
    expect(forged.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
  });

  it('acts as the physician with the delegated subset, attributable through act', async () => {
    const inv = await invite('asst-sato', ['identity:read', 'training:read', 'training:write']);
    const t = await login(
      'asst-sato',
      'assistant password 123',
      'openid identity:read identity:write training:read training:write',
    );
    const claims = decodeJwt(t.access_token).payload;
    expect(claims).toMatchObject({
      sub: physician.id,
      kind: 'ASSISTANT',
      person_id: PERSON,
      act: { sub: inv.assistantAccountId, kind: 'ASSISTANT' },
    });
    // identity:write was asked for but not delegated.
    expect(String(claims.scope).split(' ').sort()).toEqual([
      'identity:read',
      'training:read',
      'training:write',
    ]);
    // An assistant cannot invite assistants of its own.
    const sub = await manage(idp.url, t.access_token, 'POST', '/manage/assistants', {
      username: 'y',
      displayName: 'y',
      scopes: ['identity:read'],
    });
    expect(sub.status).toBe(403);
  });

  it('refuses the refresh token at once when the physician revokes the assistant', async () => {
    const inv = await invite('asst-tanaka', ['identity:read']);
    const t = await login('asst-tanaka', 'assistant password 123');
    const ok = await tokenRequest(idp.url, {
      grant_type: 'refresh_token',
      client_id: CLIENT,
      refresh_token: t.refresh_token!,
    });
    expect(ok.status).toBe(200);

    const list = await manage(idp.url, physician.token, 'GET', '/manage/assistants');
    expect((list.body.assistants as { grantId: string }[]).map((a) => a.grantId)).toContain(inv.grantId);
    const del = await manage(idp.url, physician.token, 'DELETE', `/manage/assistants/${inv.grantId}`);
    expect(del.status).toBe(204);

    const refused = await tokenRequest(idp.url, {
      grant_type: 'refresh_token',
      client_id: CLIENT,
      refresh_token: ok.body.refresh_token!,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('invalid_grant');
    // … and the assistant cannot sign in again.
    await expect(
      loginThroughForms({
        base: idp.url,
        clientId: CLIENT,
        redirectUri: REDIRECT,
        username: 'asst-tanaka',
        password: 'assistant password 123',
      }),
    ).rejects.toThrow(/unexpected 403/);
  });

  it('ends an assistant at its expiry', async () => {
    const inv = await invite('asst-kato', ['identity:read'], new Date(Date.now() + 60_000).toISOString());
    const t = await login('asst-kato', 'assistant password 123');
    await fx.ds.query(`UPDATE assistant_grant SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      inv.grantId,
    ]);
    const refused = await tokenRequest(idp.url, {
      grant_type: 'refresh_token',
      client_id: CLIENT,
      refresh_token: t.refresh_token!,
    });
    expect(refused.body.error).toBe('invalid_grant');
  });

  it('refuses a used or unknown invitation', async () => {
    const res = await manage(idp.url, physician.token, 'POST', '/manage/assistants', {
      username: 'asst-once',
      displayName: 'once',
      scopes: ['identity:read'],
    });
    const b = new Browser();
    const url = String(res.body.invitationUrl);
    expect((await b.request(url, { form: { password: 'assistant password 123' } })).status).toBe(200);
    expect((await b.request(url, { form: { password: 'another password 456' } })).status).toBe(400);
  });
});
