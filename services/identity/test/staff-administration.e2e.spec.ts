import { randomBytes } from 'node:crypto';
import { clockEnv, runAsSystem } from '@mamis/platform';
import type { Client } from 'pg';
import { createRepositories } from '../../consent/src/repositories';
import { buildAssociation } from '../../../test/support/builders';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { startStack, type GatewayInstance, type Stack } from '../../../test/support/stack';
import { FIELD_GROUPS } from '../src/auth/rights';
import { startIdentity } from './support/identity-process';
import { authorizationUrl, Browser, formAction, manage, tokenRequest } from './support/oauth-client';
import {
  openTestbed,
  signInWeb,
  stackEnv,
  WEB_CLIENT as CLIENT,
  WEB_REDIRECT as REDIRECT,
  type Testbed,
} from './support/testbed';

const DAY_MS = 86_400_000;

const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a fresh clerk password';
const ALL_RIGHTS = [
  'openid',
  'offline_access',
  ...FIELD_GROUPS.flatMap((g) => [`${g}:read`, `${g}:write`]),
].join(' ');

/**
 * Office administration (職員管理) by an association's ADMIN through identity's /manage/staff:
 * its own staff only (another association's accounts are "not found" like unknown ones), a
 * one-time invitation link that expires by the platform clock (the administrator never sees a
 * password, TOTP secret or recovery code), disabling with the earlier tokens refused at the
 * gateway's next request, a second-factor reset that makes the clerk enrol again, no self
 * lock-out, and the office's own audit trail (newest first, paged, by staff and date).
 */
describe('identity: office administration by the association ADMIN', () => {
  let db: TestDatabase;
  let admin: Client;
  let stack: Stack;
  let bed: Testbed | undefined;
  let gateway: GatewayInstance;
  const totp: Record<string, string | null> = {};
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};

  const signInAs = (username: string, password = PASSWORD) =>
    signInWeb(bed!.idp.url, { username, password, totpSecret: totp[username] ?? null, scope: ALL_RIGHTS });

  /** The HTTP status of a GraphQL request with the token at the gateway. */
  const gatewayStatus = async (token: string) =>
    (await gateway.query('{ termsOfUse { version } }', undefined, { authorization: `Bearer ${token}` }))
      .status;

  /** The page identity shows after the password step (the second factor: verify or enrol). */
  async function afterPassword(username: string, password: string) {
    const browser = new Browser();
    const auth = authorizationUrl(bed!.idp.url, {
      clientId: CLIENT,
      redirectUri: REDIRECT,
      state: randomBytes(4).toString('hex'),
    });
    let res = await browser.request(auth.url);
    while (res.location) res = await browser.request(new URL(res.location, bed!.idp.url).toString());
    res = await browser.request(new URL(formAction(res.text), bed!.idp.url).toString(), {
      form: { username, password },
    });
    while (res.location) res = await browser.request(new URL(res.location, bed!.idp.url).toString());
    return { status: res.status, enrol: res.text.includes('otpauth'), otp: res.text.includes('name="otp"') };
  }

  const invitationPost = (url: string, password: string) =>
    new Browser().request(url.replace(/^https?:\/\/[^/]+/, bed!.idp.url), { form: { password } });

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await db.admin();
    const jma = await buildAssociation(admin, { code: 'JMA', tier: 'NATIONAL', prefecture_code: null });
    const pref = await buildAssociation(admin, { code: 'P01', tier: 'PREFECTURAL', parent_id: jma.id });
    const muni = await buildAssociation(admin, { code: 'M01001', parent_id: pref.id });
    const other = await buildAssociation(admin, { code: 'M01002', parent_id: pref.id });
    ids.muni = muni.id;
    stack = await startStack(db);
    await runAsSystem(() => createRepositories(stack.services.consent!.dataSource).terms.installDefault());
    bed = await openTestbed(db, {
      env: stackEnv(stack),
    });
    for (const [username, associationId, role] of [
      ['muni-admin', muni.id, 'ADMIN'],
      ['muni-clerk', muni.id, 'CLERK'],
      ['muni-clerk2', muni.id, 'CLERK'],
      ['other-admin', other.id, 'ADMIN'],
      ['other-clerk', other.id, 'CLERK'],
    ] as const) {
      const a = await bed.fx.account({ username, kind: 'STAFF', associationId, role, displayName: username });
      totp[username] = a.totpSecret;
      ids[username] = a.account.id;
    }
    gateway = await stack.startGateway({ OIDC_ISSUER: bed.idp.url });
    for (const username of ['muni-admin', 'other-admin', 'muni-clerk'])
      tokens[username] = (await signInAs(username)).access_token;
  }, 180_000);

  afterAll(async () => {
    await gateway?.close();
    await bed?.close();
    await stack?.close();
    await admin?.end();
    await db?.drop();
  });

  it('lists only its own office: role, status, second factor enrolled and last sign-in, and no secret', async () => {
    const res = await manage(bed!.idp.url, tokens['muni-admin']!, 'GET', '/manage/staff');
    expect(res.status).toBe(200);
    const staff = res.body.staff as Record<string, unknown>[];
    expect(staff.map((s) => s.username).sort()).toEqual(['muni-admin', 'muni-clerk', 'muni-clerk2']);
    const clerk = staff.find((s) => s.username === 'muni-clerk')!;
    expect(clerk).toMatchObject({ role: 'CLERK', status: 'ACTIVE', secondFactorEnrolled: true, self: false });
    expect(typeof clerk.lastSignInAt).toBe('string');
    expect(staff.find((s) => s.username === 'muni-clerk2')!.lastSignInAt).toBeNull();
    expect(staff.find((s) => s.username === 'muni-admin')!.self).toBe(true);
    expect(JSON.stringify(res.body)).not.toMatch(/totpSecret|passwordHash|recovery|"password"/i);
  });

  it('a CLERK is refused; another association sees these accounts exactly as non-existent ones', async () => {
    const refused = await manage(bed!.idp.url, tokens['muni-clerk']!, 'GET', '/manage/staff');
    expect(refused.status).toBe(403);
    expect(
      (
        await manage(
          bed!.idp.url,
          tokens['muni-clerk']!,
          'POST',
          `/manage/staff/${ids['muni-clerk2']}/disable`,
          {},
        )
      ).status,
    ).toBe(403);

    const list = await manage(bed!.idp.url, tokens['other-admin']!, 'GET', '/manage/staff');
    expect((list.body.staff as { username: string }[]).map((s) => s.username).sort()).toEqual([
      'other-admin',
      'other-clerk',
    ]);
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const action of ['disable', 'enable', 'second-factor/reset', 'invitation']) {
      const theirs = await manage(
        bed!.idp.url,
        tokens['other-admin']!,
        'POST',
        `/manage/staff/${ids['muni-clerk']}/${action}`,
        {},
      );
      const none = await manage(
        bed!.idp.url,
        tokens['other-admin']!,
        'POST',
        `/manage/staff/${unknown}/${action}`,
        {},
      );
      expect([action, theirs.status, theirs.body]).toEqual([action, 404, none.body]);
    }
    // their audit trail filtered by this office's clerk: empty, as for an unknown id
    const trail = await manage(
      bed!.idp.url,
      tokens['other-admin']!,
      'GET',
      `/manage/staff/audit?staff=${ids['muni-clerk']}`,
    );
    expect(trail.status).toBe(200);
    expect(trail.body.entries).toEqual([]);
    // nothing changed for the clerk
    const rows = await bed!.fx.ds.query(
      'SELECT status, totp_secret_sealed IS NOT NULL AS totp FROM account WHERE id = $1',
      [ids['muni-clerk']],
    );
    expect(rows[0]).toEqual({ status: 'ACTIVE', totp: true });
  });

  it('invites a clerk: problems name their field; the answer is only the link; it works once; the clerk enrols their own second factor', async () => {
    const invite = (body: unknown) =>
      manage(bed!.idp.url, tokens['muni-admin']!, 'POST', '/manage/staff/invitations', body);
    const cases: [unknown, number, string, string][] = [
      [{ displayName: '新任 事務員' }, 400, 'username_required', 'username'],
      [{ displayName: '新任 事務員', username: 'a b' }, 400, 'username_invalid', 'username'],
      [{ username: 'new-clerk' }, 400, 'display_name_required', 'displayName'],
      [{ displayName: '新任', username: 'new-clerk', email: 'not-mail' }, 400, 'email_invalid', 'email'],
      [{ displayName: '新任', username: 'new-clerk', role: 'ADMIN' }, 400, 'role_invalid', 'role'],
      [{ displayName: '新任', username: 'muni-clerk' }, 409, 'username_taken', 'username'],
    ];
    for (const [body, status, error, field] of cases) {
      const res = await invite(body);
      expect([res.status, res.body.error, res.body.field]).toEqual([status, error, field]);
    }

    const res = await invite({
      displayName: '新任 事務員',
      username: 'New-Clerk',
      email: 'new-clerk@example.jp',
    });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual([
      'account',
      'invitationExpiresAt',
      'invitationUrl',
      'mailed',
    ]);
    expect(res.body.mailed).toBe(true);
    const url = res.body.invitationUrl as string;
    expect(url).toMatch(/\/invitation\/[A-Za-z0-9_-]{40,}$/);
    ids['new-clerk'] = res.body.account as string;
    const listed = (
      (await manage(bed!.idp.url, tokens['muni-admin']!, 'GET', '/manage/staff')).body.staff as Record<
        string,
        unknown
      >[]
    ).find((s) => s.username === 'new-clerk')!;
    expect(listed).toMatchObject({ status: 'INVITED', secondFactorEnrolled: false, role: 'CLERK' });
    expect(listed.invitationExpiresAt).toBe(res.body.invitationExpiresAt);

    // an invited account cannot sign in before it has set a password
    expect((await afterPassword('new-clerk', NEW_PASSWORD)).status).toBe(401);
    const page = await new Browser().request(url.replace(/^https?:\/\/[^/]+/, bed!.idp.url));
    expect(page.status).toBe(200);
    expect(page.text).toContain('職員アカウントの設定');
    expect((await invitationPost(url, '12345678901234')).status).toBe(400); // digits only
    const done = await invitationPost(url, NEW_PASSWORD);
    expect(done.status).toBe(200);
    expect(done.text).toContain('2段階認証');
    // once only
    expect((await invitationPost(url, 'another password here')).status).toBe(400);
    // the first sign-in asks the clerk to enrol their own authenticator (nothing was enrolled for them)
    const first = await afterPassword('new-clerk', NEW_PASSWORD);
    expect(first).toMatchObject({ status: 200, enrol: true });
  });

  it('an invitation expires by the platform clock', async () => {
    const res = await manage(bed!.idp.url, tokens['muni-admin']!, 'POST', '/manage/staff/invitations', {
      displayName: '遅い 事務員',
      username: 'late-clerk',
    });
    expect(res.status).toBe(201);
    const path = new URL(res.body.invitationUrl as string).pathname;
    // six days later (the service's clock ahead of this run's, itself maybe shifted) the link still works
    const sooner = await startIdentity(db.urlFor('identity'), clockEnv(6 * DAY_MS));
    try {
      expect((await new Browser().request(`${sooner.url}${path}`)).text).toContain('職員アカウントの設定');
    } finally {
      await sooner.stop();
    }
    // eight days later it has expired (the link is good for seven)
    const later = await startIdentity(db.urlFor('identity'), clockEnv(8 * DAY_MS));
    try {
      expect((await new Browser().request(`${later.url}${path}`)).text).not.toContain('職員アカウントの設定');
      const late = await new Browser().request(`${later.url}${path}`, { form: { password: NEW_PASSWORD } });
      expect(late.status).toBe(400);
      expect(late.text).toContain('招待が無効か期限切れです');
    } finally {
      await later.stop();
    }
    const rows = await bed!.fx.ds.query('SELECT status, password_hash FROM account WHERE id = $1', [
      res.body.account,
    ]);
    expect(rows[0]).toEqual({ status: 'INVITED', password_hash: null });
  }, 60_000);

  it("disables a clerk: the clerk's existing token is refused at the gateway's next request; re-enabled, they sign in again", async () => {
    const clerk = await signInAs('muni-clerk2');
    expect(await gatewayStatus(clerk.access_token)).toBe(200);
    const res = await manage(
      bed!.idp.url,
      tokens['muni-admin']!,
      'POST',
      `/manage/staff/${ids['muni-clerk2']}/disable`,
      { reason: '退職' },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'SUSPENDED' });
    expect(await gatewayStatus(clerk.access_token)).toBe(401);
    const refresh = await tokenRequest(bed!.idp.url, {
      grant_type: 'refresh_token',
      client_id: CLIENT,
      refresh_token: clerk.refresh_token!,
    });
    expect(refresh.body.error).toBe('invalid_grant');
    expect((await afterPassword('muni-clerk2', PASSWORD)).status).toBe(403);

    const back = await manage(
      bed!.idp.url,
      tokens['muni-admin']!,
      'POST',
      `/manage/staff/${ids['muni-clerk2']}/enable`,
      {},
    );
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ status: 'ACTIVE' });
    expect(await afterPassword('muni-clerk2', PASSWORD)).toMatchObject({
      status: 200,
      otp: true,
      enrol: false,
    });
  });

  it('resets a clerk’s second factor: tokens refused at once, the clerk enrols again at the next sign-in', async () => {
    expect(await gatewayStatus(tokens['muni-clerk']!)).toBe(200);
    const res = await manage(
      bed!.idp.url,
      tokens['muni-admin']!,
      'POST',
      `/manage/staff/${ids['muni-clerk']}/second-factor/reset`,
      {},
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ACTIVE', secondFactorEnrolled: false });
    expect(JSON.stringify(res.body)).not.toMatch(/secret|recovery/i);
    expect(await gatewayStatus(tokens['muni-clerk']!)).toBe(401);
    const codes = await bed!.fx.ds.query(
      'SELECT count(*)::int AS n FROM recovery_code WHERE account_id = $1',
      [ids['muni-clerk']],
    );
    expect(codes[0].n).toBe(0);
    expect(await afterPassword('muni-clerk', PASSWORD)).toMatchObject({ status: 200, enrol: true });
  });

  it('an administrator cannot lock themselves out: disabling or resetting their own account is refused', async () => {
    for (const action of ['disable', 'second-factor/reset']) {
      const res = await manage(
        bed!.idp.url,
        tokens['muni-admin']!,
        'POST',
        `/manage/staff/${ids['muni-admin']}/${action}`,
        {},
      );
      expect([action, res.status, res.body.error]).toEqual([action, 409, 'own_account']);
    }
    const rows = await bed!.fx.ds.query(
      'SELECT status, totp_secret_sealed IS NOT NULL AS totp FROM account WHERE id = $1',
      [ids['muni-admin']],
    );
    expect(rows[0]).toEqual({ status: 'ACTIVE', totp: true });
    expect(await gatewayStatus(tokens['muni-admin']!)).toBe(200);
  });

  it("the office's audit trail: every admin action, newest first, paged, by staff member and by date", async () => {
    const trail = (query: string) =>
      manage(bed!.idp.url, tokens['muni-admin']!, 'GET', `/manage/staff/audit${query}`);
    const all = await trail('?first=100');
    expect(all.status).toBe(200);
    type Entry = {
      seq: string;
      at: string;
      operation: string;
      actorId: string;
      actorName: string;
      action: string;
    };
    const entries = all.body.entries as Entry[];
    const seqs = entries.map((e) => Number(e.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    const adminOps = entries.filter((e) => e.actorId === ids['muni-admin']).map((e) => e.operation);
    for (const op of [
      'staff:list',
      'staff:invited',
      'account_status:SUSPENDED',
      'account_status:ACTIVE',
      'account_second_factor:reset',
      'staff:audit_trail_read',
    ])
      expect(adminOps).toContain(op);
    expect(entries.find((e) => e.operation === 'staff:list')!.action).toBe('READ');
    expect(entries.find((e) => e.operation === 'staff:invitation_accepted')!.actorId).toBe(ids['new-clerk']);
    // the other office's actions are not in it (their admin listed and tried these accounts)
    expect(entries.some((e) => e.actorId === ids['other-admin'])).toBe(false);

    // pages of two by cursor, the same order
    const first = await trail('?first=2');
    expect((first.body.entries as Entry[]).length).toBe(2);
    const info = first.body.pageInfo as { hasNextPage: boolean; endCursor: string };
    expect(info.hasNextPage).toBe(true);
    const second = await trail(`?first=2&after=${info.endCursor}`);
    expect(Number((second.body.entries as Entry[])[0]!.seq)).toBeLessThan(Number(info.endCursor));

    // by staff member
    const clerkOnly = await trail(`?staff=${ids['new-clerk']}`);
    expect((clerkOnly.body.entries as Entry[]).map((e) => e.operation)).toEqual([
      'staff:invitation_accepted',
    ]);

    // by date (Tokyo calendar days of the entries themselves)
    const day = new Date(new Date(entries[0]!.at).getTime() + 9 * 3600_000).toISOString().slice(0, 10);
    const dayBefore = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect(
      ((await trail(`?from=${day}&to=${day}&first=100`)).body.entries as Entry[]).length,
    ).toBeGreaterThan(0);
    expect((await trail(`?to=${dayBefore}`)).body.entries).toEqual([]);
    const bad = await trail('?from=2023-02-30');
    expect([bad.status, bad.body.field]).toEqual([400, 'from']);
    const reversed = await trail(`?from=${day}&to=${dayBefore}`);
    expect([reversed.status, reversed.body.error, reversed.body.field]).toEqual([
      400,
      'date_range_invalid',
      'to',
    ]);
  });
});
