import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Client } from 'pg';
import {
  checkpointVerificationKey,
  devCheckpointKey,
  loadAuditCheckpointConfig,
  readCheckpoints,
  verifyAgainstCheckpoints,
  verifyAuditChain,
  writeAuditCheckpoint,
} from '@mamis/platform';
import { openTestbed, signInWeb, WEB_CLIENT as CLIENT, type Testbed } from './support/testbed';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { startStack } from '../../../test/support/stack';
import { buildAssociation, buildMembership, buildPerson } from '../../../test/support/builders';
import { type IdentityFixtures } from './support/identity-fixtures';
import type { IdentityProcess } from './support/identity-process';
import { manage, tokenRequest } from './support/oauth-client';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../../..');
const PASSWORD = 'correct horse battery staple';
const EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const AT = 'urn:ietf:params:oauth:token-type:access_token';

interface Row {
  operation: string;
  actor: string | null;
  on_behalf_of: string | null;
  viewer_kind: string;
  viewer_association: string | null;
  person_ids: string[];
  groups: string[];
  request_id: string;
}

/**
 * Identity events go to the one hash-chained audit trail (`audit.entry`, service
 * `identity`), not only to the log — act-on-behalf tokens, suspension, assistant grants and their
 * revocation, client registration and status. Each lands in the chain through the HTTP API, with
 * the physician's person where the event concerns a physician (their access log shows it), and
 * the chain still verifies, with its signed checkpoints (`npm run audit:verify`).
 */
describe('identity: events in the audit chain', () => {
  let db: TestDatabase;
  let admin: Client;
  let idp: IdentityProcess;
  let bed: Testbed | undefined;
  let fx: IdentityFixtures;
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};

  const signInAs = (username: string, totpSecret?: string | null, scope?: string) =>
    signInWeb(idp.url, { username, password: PASSWORD, totpSecret, scope });

  /** The identity entries of one operation since the test began; the chain must verify. */
  const entries = async (operation: string): Promise<Row[]> => {
    expect(await verifyAuditChain(admin)).toBeNull();
    return (
      await admin.query(
        `SELECT operation, actor, on_behalf_of, viewer_kind, viewer_association::text, person_ids::text[],
                groups, request_id
           FROM audit.entry WHERE service = 'identity' AND operation = $1 ORDER BY seq`,
        [operation],
      )
    ).rows as Row[];
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await db.admin();
    const jma = await buildAssociation(admin, { code: 'JMA', tier: 'NATIONAL', prefecture_code: null });
    const pref = await buildAssociation(admin, { code: 'P13', tier: 'PREFECTURAL', parent_id: jma.id });
    const muni = await buildAssociation(admin, { code: 'M13001', parent_id: pref.id });
    const person = await buildPerson(admin);
    await buildMembership(admin, { person_id: person.id, association_id: muni.id });
    ids.person = person.id;
    ids.muni = muni.id;
    ids.jma = jma.id;
    ({ idp, fx } = bed = await openTestbed(db, { client: { tokenExchange: true } }));
    ids.physician = (
      await fx.account({ username: 'dr-audit', kind: 'PHYSICIAN', personId: person.id })
    ).account.id;
    tokens.physician = (await signInAs('dr-audit')).access_token;
    for (const [username, associationId, role, sysadmin] of [
      ['muni-clerk', muni.id, 'CLERK', false],
      ['muni-admin', muni.id, 'ADMIN', false],
      ['jma-admin', jma.id, 'ADMIN', true],
    ] as const) {
      const a = await fx.account({ username, kind: 'STAFF', associationId, role, sysadmin });
      ids[username] = a.account.id;
      tokens[username] = (
        await signInAs(username, a.totpSecret, 'openid identity:read identity:write training:read')
      ).access_token;
    }
  }, 120_000);

  afterAll(async () => {
    await bed?.close();
    await db?.drop();
  });

  it('records an act-on-behalf token: the staff member, the physician, the token id and the groups it opens', async () => {
    const res = await tokenRequest(idp.url, {
      grant_type: EXCHANGE,
      client_id: CLIENT,
      subject_token: tokens['muni-clerk']!,
      subject_token_type: AT,
      requested_subject: ids.person!,
      reason: '会員本人からの電話依頼により住所変更を代行',
      scope: 'identity:read identity:write',
    });
    expect(res.status).toBe(200);
    const jti = JSON.parse(Buffer.from(String(res.body.access_token).split('.')[1]!, 'base64url').toString())
      .jti as string;
    expect(await entries('act_on_behalf:token_issued')).toEqual([
      {
        operation: 'act_on_behalf:token_issued',
        actor: ids['muni-clerk'],
        on_behalf_of: ids.physician,
        viewer_kind: 'STAFF',
        viewer_association: ids.muni,
        person_ids: [ids.person],
        groups: ['IDENTITY'],
        request_id: jti,
      },
    ]);
  });

  it('records an assistant grant and its revocation, in the physician’s log', async () => {
    const invited = await manage(idp.url, tokens.physician!, 'POST', '/manage/assistants', {
      username: 'asst-audit',
      displayName: '補助者 監査',
      scopes: ['identity:read', 'training:read'],
    });
    expect(invited.status).toBe(201);
    const { grantId, assistantAccountId } = invited.body as { grantId: string; assistantAccountId: string };
    const expected = {
      actor: ids.physician,
      on_behalf_of: assistantAccountId,
      viewer_kind: 'PHYSICIAN',
      viewer_association: null,
      person_ids: [ids.person],
      groups: ['IDENTITY', 'TRAINING'],
      request_id: grantId,
    };
    expect(await entries('assistant_grant:created')).toEqual([
      { operation: 'assistant_grant:created', ...expected },
    ]);

    const revoked = await manage(idp.url, tokens.physician!, 'DELETE', `/manage/assistants/${grantId}`);
    expect(revoked.status).toBe(204);
    expect(await entries('assistant_grant:revoked')).toEqual([
      { operation: 'assistant_grant:revoked', ...expected },
    ]);
    // revoking again changes nothing and records nothing more
    await manage(idp.url, tokens.physician!, 'DELETE', `/manage/assistants/${grantId}`);
    expect(await entries('assistant_grant:revoked')).toHaveLength(1);
  });

  it('records a suspension and its lifting with the administrator as actor', async () => {
    for (const status of ['SUSPENDED', 'ACTIVE'] as const) {
      const res = await manage(
        idp.url,
        tokens['muni-admin']!,
        'POST',
        `/manage/accounts/${ids.physician}/status`,
        { status, reason: '監査テスト' },
      );
      expect(res.status).toBe(200);
    }
    for (const status of ['SUSPENDED', 'ACTIVE'])
      expect(await entries(`account_status:${status}`)).toEqual([
        expect.objectContaining({
          actor: ids['muni-admin'],
          on_behalf_of: ids.physician,
          viewer_kind: 'STAFF',
          viewer_association: ids.muni,
          person_ids: [ids.person],
        }),
      ]);
  });

  it('records client registration, disabling and enabling with the JMA administrator as actor', async () => {
    const registered = await manage(idp.url, tokens['jma-admin']!, 'POST', '/manage/clients', {
      kind: 'MACHINE',
      name: 'Audit society',
      clientId: 'society-audit',
      scopes: ['society:audit'],
    });
    expect(registered.status).toBe(201);
    for (const verb of ['disable', 'enable'])
      expect(
        (await manage(idp.url, tokens['jma-admin']!, 'POST', `/manage/clients/society-audit/${verb}`)).status,
      ).toBe(200);
    for (const operation of ['client:registered', 'client:disabled', 'client:enabled'])
      expect((await entries(operation)).filter((e) => e.on_behalf_of === 'client:society-audit')).toEqual([
        expect.objectContaining({
          operation,
          actor: ids['jma-admin'],
          on_behalf_of: 'client:society-audit',
          viewer_kind: 'STAFF',
          person_ids: [],
        }),
      ]);
  });

  it('leaves the chain intact against its signed checkpoints (npm run audit:verify)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mamis-identity-audit-'));
    try {
      const file = path.join(dir, 'checkpoints.jsonl');
      const rows = {
        query: (sql: string, params?: unknown[]) => admin.query(sql, params).then((r) => r.rows),
      };
      expect(await writeAuditCheckpoint(rows, { key: devCheckpointKey(), file })).not.toBeNull();
      const publicKey = checkpointVerificationKey(loadAuditCheckpointConfig({ NODE_ENV: 'test' }));
      expect((await verifyAgainstCheckpoints(rows, readCheckpoints(file), publicKey)).problems).toEqual([]);
      const { stdout } = await run(process.execPath, ['--import', 'tsx', 'infra/db/audit-verify.ts'], {
        cwd: root,
        env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: db.adminUrl, AUDIT_CHECKPOINT_FILE: file },
      });
      expect(stdout).toMatch(/audit chain intact[\s\S]*checkpoints: 1 verified/);

      // the physician sees the events that concern them in their access log, through the
      // gateway, each with the signed checkpoint that covers it
      const [checkpoint] = readCheckpoints(file);
      const stack = await startStack(db);
      try {
        const res = await stack.queryAs<{
          me: {
            accessLog: { service: string; operation: string; checkpoint: { entryCount: number } | null }[];
          };
        }>(
          { kind: 'PHYSICIAN', sub: ids.physician!, personId: ids.person! },
          '{ me { accessLog { service operation checkpoint { entryCount } } } }',
        );
        expect(res.body.errors).toBeUndefined();
        const identity = res.body.data!.me.accessLog.filter((e) => e.service === 'identity');
        expect(identity.map((e) => e.operation).sort()).toEqual([
          'account_status:ACTIVE',
          'account_status:SUSPENDED',
          'act_on_behalf:token_issued',
          'assistant_grant:created',
          'assistant_grant:revoked',
        ]);
        const size = 'checkpoint' in checkpoint! ? checkpoint.checkpoint.size : -1;
        expect(identity.map((e) => e.checkpoint?.entryCount)).toEqual(identity.map(() => size));
      } finally {
        await stack.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
