import { addDays, clock } from '@mamis/platform';
import { openTestbed, WEB_CLIENT as CLIENT, WEB_REDIRECT as REDIRECT, type Testbed } from './support/testbed';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { buildAssociation, buildMembership, buildPerson } from '../../../test/support/builders';
import { type IdentityFixtures } from './support/identity-fixtures';
import type { IdentityProcess } from './support/identity-process';
import { decodeJwt, signIn, tokenRequest, verifyWithJwks } from './support/oauth-client';

const EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const AT = 'urn:ietf:params:oauth:token-type:access_token';

/**
 * Act-on-behalf (terms art. 5.5) through RFC 8693 token exchange: staff of an association the
 * person is a current member of get a token whose subject is the person and whose `act` is them.
 */
describe('identity: act-on-behalf (token exchange)', () => {
  let db: TestDatabase;
  let idp: IdentityProcess;
  let bed: Testbed | undefined;
  let fx: IdentityFixtures;
  const t: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    const c = await db.admin();
    const jma = await buildAssociation(c, { code: 'JMA', tier: 'NATIONAL', prefecture_code: null });
    const pref = await buildAssociation(c, { code: 'P27', tier: 'PREFECTURAL', parent_id: jma.id });
    const muni = await buildAssociation(c, { code: 'M27001', parent_id: pref.id });
    const other = await buildAssociation(c, { code: 'M27002', parent_id: pref.id });
    const member = await buildPerson(c);
    const former = await buildPerson(c);
    const prefOnly = await buildPerson(c);
    await buildMembership(c, { person_id: member.id, association_id: muni.id });
    await buildMembership(c, {
      person_id: former.id,
      association_id: muni.id,
      status: 'LEFT',
      left_on: addDays(clock.today(), -250),
    });
    await buildMembership(c, { person_id: prefOnly.id, association_id: pref.id });
    ids.member = member.id;
    ids.former = former.id;
    ids.prefOnly = prefOnly.id;
    ids.muni = muni.id;

    ({ idp, fx } = bed = await openTestbed(db, { client: { tokenExchange: true } }));
    await fx.clients.register({
      clientId: 'web-other',
      name: 'Other',
      kind: 'PUBLIC',
      redirectUris: [REDIRECT],
      tokenExchange: true,
    });
    ids.memberAccount = (
      await fx.account({ username: 'dr-member', kind: 'PHYSICIAN', personId: member.id })
    ).account.id;
    await fx.account({ username: 'dr-former', kind: 'PHYSICIAN', personId: former.id });
    await fx.account({ username: 'dr-pref', kind: 'PHYSICIAN', personId: prefOnly.id });
    const login = async (
      username: string,
      kind: 'STAFF',
      associationId: string,
      role: 'ADMIN' | 'CLERK' | 'VIEWER',
    ) => {
      const a = await fx.account({ username, kind, associationId, role });
      ids[username] = a.account.id;
      t[username] = (
        await signIn({
          base: idp.url,
          clientId: CLIENT,
          redirectUri: REDIRECT,
          username,
          password: 'correct horse battery staple',
          totpSecret: a.totpSecret,
          scope: 'openid identity:read identity:write training:read',
        })
      ).access_token;
    };
    await login('muni-clerk', 'STAFF', muni.id, 'CLERK');
    await login('muni-viewer', 'STAFF', muni.id, 'VIEWER');
    await login('other-admin', 'STAFF', other.id, 'ADMIN');
  });

  afterAll(async () => {
    await bed?.close();
    await db?.drop();
  });

  const exchange = (subjectToken: string, personId: string, extra: Record<string, string> = {}) =>
    tokenRequest(idp.url, {
      grant_type: EXCHANGE,
      client_id: CLIENT,
      subject_token: subjectToken,
      subject_token_type: AT,
      requested_subject: personId,
      reason: '会員本人からの電話依頼により住所変更を代行',
      ...extra,
    });

  it('issues a token for a current member: subject = the person, act = the staff member', async () => {
    const res = await exchange(t['muni-clerk']!, ids.member!);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ issued_token_type: AT, token_type: 'Bearer' });
    expect(res.body.refresh_token).toBeUndefined();
    expect(res.body.expires_in).toBeLessThanOrEqual(300);
    expect(await verifyWithJwks(idp.url, res.body.access_token)).toBe(true);
    const claims = decodeJwt(res.body.access_token).payload;
    expect(claims).toMatchObject({
      sub: ids.memberAccount,
      kind: 'PHYSICIAN',
      person_id: ids.member,
      aud: 'urn:mamis:gateway',
      act: {
        sub: ids['muni-clerk'],
        kind: 'STAFF',
        association_id: ids.muni,
        role: 'CLERK',
        reason: '会員本人からの電話依頼により住所変更を代行',
      },
      terms_version: '1.01',
    });
    expect(String(claims.scope).split(' ').sort()).toEqual([
      'identity:read',
      'identity:write',
      'training:read',
    ]);
  });

  it('refuses staff of another association, former members, members of another tier, and unknown persons alike', async () => {
    for (const [token, person] of [
      [t['other-admin']!, ids.member!],
      [t['muni-clerk']!, ids.former!],
      [t['muni-clerk']!, ids.prefOnly!],
      [t['muni-clerk']!, '00000000-0000-4000-8000-000000000000'],
    ] as const) {
      const res = await exchange(token, person);
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid_grant');
      // The same answer for all: nothing tells whether the person exists or where they are a member.
      expect(res.body.error_description).toBe('grant request is invalid');
    }
  });

  it('refuses VIEWER staff, a missing reason, a delegated subject token and another client', async () => {
    expect((await exchange(t['muni-viewer']!, ids.member!)).body.error).toBe('invalid_grant');
    expect((await exchange(t['muni-clerk']!, ids.member!, { reason: '' })).body.error).toBe(
      'invalid_request',
    );
    const delegated = (await exchange(t['muni-clerk']!, ids.member!)).body.access_token;
    expect((await exchange(delegated, ids.member!)).body.error).toBe('invalid_grant');
    const other = await tokenRequest(idp.url, {
      grant_type: EXCHANGE,
      client_id: 'web-other',
      subject_token: t['muni-clerk']!,
      subject_token_type: AT,
      requested_subject: ids.member!,
      reason: 'x',
    });
    expect(other.body.error).toBe('invalid_grant');
  });

  it('refuses forged and wrong-audience subject tokens', async () => {
    const [h, p, s] = t['muni-clerk']!.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...payload, association_id: 'x' })).toString('base64url')}.${s}`;
    expect((await exchange(tampered, ids.member!)).body.error).toBe('invalid_grant');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt' })).toString('base64url')}.${p}.`;
    expect((await exchange(none, ids.member!)).body.error).toBe('invalid_grant');
    expect((await exchange('not-a-jwt', ids.member!)).body.error).toBe('invalid_grant');
  });

  it('refuses requested scopes the staff token does not carry', async () => {
    const res = await exchange(t['muni-clerk']!, ids.member!, { scope: 'insurance:read' });
    expect(res.body.error).toBe('invalid_scope');
  });
});
