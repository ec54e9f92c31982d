import { randomUUID } from 'node:crypto';
import { clock, runAsSystem, verifyAuditChain } from '@mamis/platform';
import type { Client } from 'pg';
import { createRepositories } from '../../consent/src/repositories';
import {
  buildAssociation,
  buildAttendance,
  buildMembership,
  buildPerson,
  buildTrainingSession,
} from '../../../test/support/builders';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { startStack, type GatewayInstance, type Stack } from '../../../test/support/stack';
import { Browser, formAction, manage, tokenRequest } from './support/oauth-client';
import { openTestbed, signInWeb, stackEnv, type Testbed } from './support/testbed';
import { FIELD_GROUPS } from '../src/auth/rights';

const PASSWORD = 'correct horse battery staple';
const ASSISTANT_PASSWORD = 'assistant password 123';
const ALL_RIGHTS = ['openid', ...FIELD_GROUPS.flatMap((g) => [`${g}:read`, `${g}:write`])].join(' ');

/**
 * A revocation holds from the next request on, on every gateway replica. Before,
 * a revoked assistant's or suspended account's access token kept working until its `exp` (up to
 * 300 s, plus the gateway's 60 s cache of verified tokens). Two gateway replicas (the second with
 * REDIS_URL when it is set, as replicas behind a load balancer run), both warmed with the token
 * before the revoke call, must both refuse it right after the call returns.
 */
describe('identity + two gateways: revocation and suspension take effect on the next request', () => {
  let db: TestDatabase;
  let admin: Client;
  let stack: Stack;
  let bed: Testbed | undefined;
  let replicas: GatewayInstance[] = [];
  let physicianId: string;
  let clerkId: string;
  let muniId: string;
  const lifecycle: Record<string, { personId: string; accountId: string }> = {};
  const totp: Record<string, string | null> = {};

  const signInAs = async (username: string, password = PASSWORD, scope?: string) =>
    (await signInWeb(bed!.idp.url, { username, password, totpSecret: totp[username] ?? null, scope }))
      .access_token;

  /** Administrators' tokens, signed in once (a TOTP code is good once per 30 s step). */
  const adminTokens = new Map<string, Promise<string>>();
  const adminToken = (username: string) => {
    if (!adminTokens.has(username)) adminTokens.set(username, signInAs(username, PASSWORD, ALL_RIGHTS));
    return adminTokens.get(username)!;
  };

  /** The HTTP status of `{ termsOfUse { version } }` with the token on each replica. */
  const statuses = async (token: string) =>
    Promise.all(
      replicas.map(async (gw) => {
        const res = await gw.query('{ termsOfUse { version } }', undefined, {
          authorization: `Bearer ${token}`,
        });
        return res.status;
      }),
    );

  /** Both replicas answer (and hold the verified token in their caches). */
  const expectAccepted = async (token: string) => {
    expect(await statuses(token)).toEqual([200, 200]);
    expect(await statuses(token)).toEqual([200, 200]);
  };
  const expectRefused = async (token: string) => {
    for (const gw of replicas) {
      const res = await gw.query('{ termsOfUse { version } }', undefined, {
        authorization: `Bearer ${token}`,
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/invalid_token/);
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await db.admin();
    const jma = await buildAssociation(admin, { code: 'JMA', tier: 'NATIONAL', prefecture_code: null });
    const pref = await buildAssociation(admin, { code: 'P01', tier: 'PREFECTURAL', parent_id: jma.id });
    const muni = await buildAssociation(admin, { code: 'M01001', parent_id: pref.id });
    const person = await buildPerson(admin);
    await buildMembership(admin, { person_id: person.id, association_id: muni.id });
    stack = await startStack(db);
    await runAsSystem(() => createRepositories(stack.services.consent!.dataSource).terms.installDefault());
    bed = await openTestbed(db, {
      env: stackEnv(stack),
    });
    const fx = bed.fx;
    muniId = muni.id;
    // terms art. 8: one physician per lifecycle case, each a current member of the municipal association
    for (const username of ['dr-dead', 'dr-leave', 'dr-trainee', 'dr-breach']) {
      const p = await buildPerson(admin);
      await buildMembership(admin, { person_id: p.id, association_id: muni.id });
      lifecycle[username] = {
        personId: p.id,
        accountId: (await fx.account({ username, kind: 'PHYSICIAN', personId: p.id })).account.id,
      };
    }
    const session = await buildTrainingSession(admin, { host_association_id: muni.id });
    await buildAttendance(admin, { session_id: session.id, person_id: lifecycle['dr-trainee']!.personId });
    physicianId = (await fx.account({ username: 'dr-rev', kind: 'PHYSICIAN', personId: person.id })).account
      .id;
    for (const [username, associationId, role, sysadmin] of [
      ['muni-admin', muni.id, 'ADMIN', false],
      ['muni-clerk', muni.id, 'CLERK', false],
      ['jma-admin', jma.id, 'ADMIN', true],
    ] as const) {
      const a = await fx.account({ username, kind: 'STAFF', associationId, role, sysadmin });
      totp[username] = a.totpSecret;
      if (username === 'muni-clerk') clerkId = a.account.id;
    }
    const redis = process.env.REDIS_URL;
    replicas = [
      await stack.startGateway({ OIDC_ISSUER: bed.idp.url }),
      await stack.startGateway({ OIDC_ISSUER: bed.idp.url, ...(redis ? { REDIS_URL: redis } : {}) }),
    ];
  }, 120_000);

  afterAll(async () => {
    for (const gw of replicas) await gw.close();
    await bed?.close();
    await stack?.close();
    await admin?.end();
    await db?.drop();
  });

  /** The physician invites an assistant (identity:read), who sets a password and signs in. */
  async function inviteAssistant(physicianToken: string, username: string, displayName: string) {
    const invited = await manage(bed!.idp.url, physicianToken, 'POST', '/manage/assistants', {
      username,
      displayName,
      scopes: ['identity:read'],
    });
    expect(invited.status).toBe(201);
    const b = new Browser();
    const page = await b.request(String(invited.body.invitationUrl));
    await b.request(new URL(formAction(page.text), bed!.idp.url).toString(), {
      form: { password: ASSISTANT_PASSWORD },
    });
    const token = await signInAs(username, ASSISTANT_PASSWORD, 'openid identity:read');
    return { grantId: String(invited.body.grantId), token };
  }

  it('a revoked assistant: its earlier token is refused by both replicas right after the DELETE', async () => {
    const physicianToken = await signInAs('dr-rev');
    const { grantId, token: assistantToken } = await inviteAssistant(physicianToken, 'asst-rev', '補助者');
    await expectAccepted(assistantToken);
    await expectAccepted(physicianToken);

    const del = await manage(bed!.idp.url, physicianToken, 'DELETE', `/manage/assistants/${grantId}`);
    expect(del.status).toBe(204);
    await expectRefused(assistantToken);
    // the grantor's own token is untouched
    expect(await statuses(physicianToken)).toEqual([200, 200]);
  });

  it('an assistant grant reaching its expiry: the earlier token is refused by both replicas', async () => {
    const physicianToken = await signInAs('dr-rev');
    const { grantId, token } = await inviteAssistant(physicianToken, 'asst-expiring', '補助者（期限付き）');
    await expectAccepted(token);
    await admin.query(`UPDATE identity.assistant_grant SET expires_at = now() WHERE id = $1`, [grantId]);
    await expectRefused(token);
    expect(await statuses(physicianToken)).toEqual([200, 200]);
  });

  it('a suspended physician: their earlier token is refused by both replicas; reinstated, a new sign-in works', async () => {
    const token = await signInAs('dr-rev');
    await expectAccepted(token);
    const muniAdmin = await adminToken('muni-admin');
    const res = await manage(bed!.idp.url, muniAdmin, 'POST', `/manage/accounts/${physicianId}/status`, {
      status: 'SUSPENDED',
      reason: '規約違反の調査中 / under investigation',
    });
    expect(res.status).toBe(200);
    await expectRefused(token);

    const back = await manage(bed!.idp.url, muniAdmin, 'POST', `/manage/accounts/${physicianId}/status`, {
      status: 'ACTIVE',
      reason: '調査終了 / cleared',
    });
    expect(back.status).toBe(200);
    await expectRefused(token); // tokens from before the suspension stay void
    await new Promise((r) => setTimeout(r, 2_100)); // past the issuance margin (1 s)
    await expectAccepted(await signInAs('dr-rev'));
  });

  it('a disabled staff account: its earlier token is refused by both replicas', async () => {
    const token = await signInAs('muni-clerk');
    await expectAccepted(token);
    const res = await manage(
      bed!.idp.url,
      await adminToken('jma-admin'),
      'POST',
      `/manage/accounts/${clerkId}/status`,
      { status: 'ENDED', reason: '退職 / left the association' },
    );
    expect(res.status).toBe(200);
    await expectRefused(token);
  });

  it('a disabled client: its earlier client-credentials token is refused by both replicas', async () => {
    const { clientSecret } = await bed!.fx.clients.register({
      clientId: 'analytics-rev',
      name: 'Analytics (revocation test)',
      kind: 'MACHINE',
      scopes: ['analytics:aggregate'],
    });
    const cc = await tokenRequest(
      bed!.idp.url,
      { grant_type: 'client_credentials', scope: 'analytics:aggregate' },
      { id: 'analytics-rev', secret: clientSecret! },
    );
    expect(cc.status).toBe(200);
    await expectAccepted(cc.body.access_token);
    const res = await manage(
      bed!.idp.url,
      await adminToken('jma-admin'),
      'POST',
      '/manage/clients/analytics-rev/disable',
    );
    expect(res.status).toBe(200);
    await expectRefused(cc.body.access_token);
  });

  it('fails closed: a gateway that cannot read the revocation feed answers 503, never the request', async () => {
    const token = await adminToken('jma-admin');
    const blind = await stack.startGateway({
      OIDC_ISSUER: bed!.idp.url,
      REVOCATION_FEED_URL: 'http://127.0.0.1:9/internal/revocations',
    });
    try {
      const res = await blind.query('{ termsOfUse { version } }', undefined, {
        authorization: `Bearer ${token}`,
      });
      expect(res.status).toBe(503);
      // anonymous requests need no token and no feed
      expect((await blind.query('{ termsOfUse { version } }')).status).toBe(200);
    } finally {
      await blind.close();
    }
  });

  // --- terms art. 8: leaving, death, breach ------------------------------------------------------

  const accountRow = async (id: string) =>
    (await admin.query(`SELECT status, status_cause FROM identity.account WHERE id = $1`, [id])).rows[0] as {
      status: string;
      status_cause: string | null;
    };

  /** The account's entries in the shared audit chain (which must stay intact). */
  const auditOf = async (accountId: string) => {
    expect(await verifyAuditChain(admin)).toBeNull();
    return (
      await admin.query(
        `SELECT operation, actor, viewer_kind, person_ids FROM audit.entry
         WHERE service = 'identity' AND on_behalf_of = $1 ORDER BY seq`,
        [accountId],
      )
    ).rows;
  };

  /** What the membership service writes when a member leaves their (only) association. */
  const leave = async (personId: string) => {
    const today = clock.today();
    await admin.query(
      `UPDATE membership.membership SET status = 'LEFT', left_on = $2 WHERE person_id = $1 AND status = 'ACTIVE'`,
      [personId, today],
    );
    await admin.query(
      `INSERT INTO membership.membership_event (id, person_id, association_id, kind, category, effective_on, recorded_by)
       VALUES ($1, $2, $3, 'LEAVE', 'A①', $4, 'test')`,
      [randomUUID(), personId, muniId, today],
    );
  };
  const rejoin = async (personId: string) => {
    const today = clock.today();
    await buildMembership(admin, { person_id: personId, association_id: muniId, joined_on: today });
    await admin.query(
      `INSERT INTO membership.membership_event (id, person_id, association_id, kind, category, effective_on, recorded_by)
       VALUES ($1, $2, $3, 'JOIN', 'A①', $4, 'test')`,
      [randomUUID(), personId, muniId, today],
    );
  };

  it('death (recordDeath through the gateway): the account ends at once, earlier tokens refused, no sign-in, no reinstatement', async () => {
    const { personId, accountId } = lifecycle['dr-dead']!;
    const token = await signInAs('dr-dead');
    await expectAccepted(token);
    const res = await replicas[0]!.query(
      `mutation D($p: ID!, $d: Date!) { recordDeath(personId: $p, diedOn: $d) { id } }`,
      { p: personId, d: clock.today() },
      { authorization: `Bearer ${await adminToken('muni-admin')}` },
    );
    expect(res.body.errors).toBeUndefined();
    await expectRefused(token);
    await expect(signInAs('dr-dead')).rejects.toThrow(/unexpected 403/);
    expect(await accountRow(accountId)).toEqual({ status: 'ENDED', status_cause: 'DECEASED' });
    expect(await auditOf(accountId)).toEqual([
      {
        operation: 'account_lifecycle:ENDED:DECEASED',
        actor: null,
        viewer_kind: 'SYSTEM',
        person_ids: [personId],
      },
    ]);
    const again = await manage(
      bed!.idp.url,
      await adminToken('jma-admin'),
      'POST',
      `/manage/accounts/${accountId}/status`,
      {
        status: 'ACTIVE',
        reason: '誤登録 / mistake',
      },
    );
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('deceased');
  });

  it('leaving every association: suspended at once (earlier tokens refused, no sign-in); joining again reinstates', async () => {
    const { personId, accountId } = lifecycle['dr-leave']!;
    const token = await signInAs('dr-leave');
    await expectAccepted(token);
    await leave(personId);
    await expectRefused(token);
    await expect(signInAs('dr-leave')).rejects.toThrow(/unexpected 403/);
    expect(await accountRow(accountId)).toEqual({ status: 'SUSPENDED', status_cause: 'LEFT' });

    await rejoin(personId);
    await new Promise((r) => setTimeout(r, 2_100)); // past the issuance margin of the revocation
    await expectAccepted(await signInAs('dr-leave'));
    expect(await accountRow(accountId)).toEqual({ status: 'ACTIVE', status_cause: null });
  });

  it('leaving every association while attending training: keeps access to their own data', async () => {
    const { personId, accountId } = lifecycle['dr-trainee']!;
    const token = await signInAs('dr-trainee');
    await leave(personId);
    await expectAccepted(token);
    expect(await accountRow(accountId)).toEqual({ status: 'ACTIVE', status_cause: null });
    await expectAccepted(await signInAs('dr-trainee'));
  });

  it('a breach: only the JMA suspends (with a reason) and reinstates; tokens stop at once', async () => {
    const { accountId } = lifecycle['dr-breach']!;
    const token = await signInAs('dr-breach');
    await expectAccepted(token);
    const path = `/manage/accounts/${accountId}/status`;
    const byMunicipal = await manage(bed!.idp.url, await adminToken('muni-admin'), 'POST', path, {
      status: 'SUSPENDED',
      cause: 'BREACH',
      reason: '規約第 7 条違反 / breach of art. 7',
    });
    expect(byMunicipal.status).toBe(403);
    await expectAccepted(token);

    const byJma = await manage(bed!.idp.url, await adminToken('jma-admin'), 'POST', path, {
      status: 'SUSPENDED',
      cause: 'BREACH',
      reason: '規約第 7 条違反 / breach of art. 7',
    });
    expect(byJma.status).toBe(200);
    expect(byJma.body).toMatchObject({ status: 'SUSPENDED', statusCause: 'BREACH' });
    const jmaAdminId = (await admin.query(`SELECT id FROM identity.account WHERE username = 'jma-admin'`))
      .rows[0].id as string;
    expect(await auditOf(accountId)).toEqual([
      {
        operation: 'account_status:SUSPENDED:BREACH',
        actor: jmaAdminId,
        viewer_kind: 'STAFF',
        person_ids: [lifecycle['dr-breach']!.personId],
      },
    ]);
    await expectRefused(token);
    await expect(signInAs('dr-breach')).rejects.toThrow(/unexpected 403/);

    const liftByMunicipal = await manage(bed!.idp.url, await adminToken('muni-admin'), 'POST', path, {
      status: 'ACTIVE',
      reason: '解除 / lifted',
    });
    expect(liftByMunicipal.status).toBe(403);
    const lift = await manage(bed!.idp.url, await adminToken('jma-admin'), 'POST', path, {
      status: 'ACTIVE',
      reason: '解除 / lifted',
    });
    expect(lift.status).toBe(200);
    await new Promise((r) => setTimeout(r, 2_100));
    await expectAccepted(await signInAs('dr-breach'));
  });
});
