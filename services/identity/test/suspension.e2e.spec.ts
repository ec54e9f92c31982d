import {
  openTestbed,
  signInWeb,
  WEB_CLIENT as CLIENT,
  WEB_REDIRECT as REDIRECT,
  type Testbed,
} from './support/testbed';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { buildAssociation, buildMembership, buildPerson } from '../../../test/support/builders';
import { type IdentityFixtures } from './support/identity-fixtures';
import type { IdentityProcess } from './support/identity-process';
import { loginThroughForms, manage, tokenRequest } from './support/oauth-client';

const PASSWORD = 'correct horse battery staple';

/** Suspension (terms art. 8): the association or the JMA suspends an account; its tokens stop working; data stays. */
describe('identity: suspension', () => {
  let db: TestDatabase;
  let idp: IdentityProcess;
  let bed: Testbed | undefined;
  let fx: IdentityFixtures;
  let physicianId: string;
  const tokens: Record<string, string> = {};

  const signInAs = (username: string, totpSecret?: string | null) =>
    signInWeb(idp.url, { username, password: PASSWORD, totpSecret });

  /** `admin` sets the physician's account status. */
  const setStatus = (admin: string, status: string, reason: string) =>
    manage(idp.url, tokens[admin]!, 'POST', `/manage/accounts/${physicianId}/status`, { status, reason });
  /** The forms' sign-in of the physician with `password` (throws on an unexpected page). */
  const loginAsPhysician = (password: string) =>
    loginThroughForms({
      base: idp.url,
      clientId: CLIENT,
      redirectUri: REDIRECT,
      username: 'dr-ito',
      password,
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    const c = await db.admin();
    const jma = await buildAssociation(c, { code: 'JMA', tier: 'NATIONAL', prefecture_code: null });
    const pref = await buildAssociation(c, { code: 'P01', tier: 'PREFECTURAL', parent_id: jma.id });
    const muni = await buildAssociation(c, { code: 'M01001', parent_id: pref.id });
    const person = await buildPerson(c);
    await buildMembership(c, { person_id: person.id, association_id: muni.id });
    ({ idp, fx } = bed = await openTestbed(db));
    physicianId = (await fx.account({ username: 'dr-ito', kind: 'PHYSICIAN', personId: person.id })).account
      .id;
    for (const [username, associationId, sysadmin] of [
      ['muni-admin', muni.id, false],
      ['pref-admin', pref.id, false],
      ['jma-admin', jma.id, true],
    ] as const) {
      const a = await fx.account({ username, kind: 'STAFF', associationId, role: 'ADMIN', sysadmin });
      tokens[username] = (await signInAs(username, a.totpSecret)).access_token;
    }
  });

  afterAll(async () => {
    await bed?.close();
    await db?.drop();
  });

  it('only the member association (or the JMA administrator) may suspend; membership is not inherited', async () => {
    const res = await setStatus('pref-admin', 'SUSPENDED', 'test');
    expect(res.status).toBe(404);
  });

  it('a suspended account cannot refresh or sign in; reinstated, it can sign in again', async () => {
    const t = await signInAs('dr-ito');
    const res = await setStatus('muni-admin', 'SUSPENDED', '会費未納による利用停止');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: physicianId, status: 'SUSPENDED' });

    const refresh = await tokenRequest(idp.url, {
      grant_type: 'refresh_token',
      client_id: CLIENT,
      refresh_token: t.refresh_token!,
    });
    expect(refresh.status).toBe(400);
    expect(refresh.body.error).toBe('invalid_grant');
    await expect(loginAsPhysician(PASSWORD)).rejects.toThrow(/unexpected 403/);
    // The data stays.
    const rows: { status: string }[] = await fx.ds.query('SELECT status FROM account WHERE id = $1', [
      physicianId,
    ]);
    expect(rows[0]!.status).toBe('SUSPENDED');

    const back = await setStatus('jma-admin', 'ACTIVE', '納付確認');
    expect(back.status).toBe(200);
    expect((await signInAs('dr-ito')).access_token).toBeDefined();
  });

  it('a wrong password for a suspended account still gets the generic answer', async () => {
    await setStatus('jma-admin', 'ENDED', '退会');
    await expect(loginAsPhysician('wrong password here')).rejects.toThrow(/unexpected 401/);
  });
});
