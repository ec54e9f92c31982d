import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Client } from 'pg';
import { writeAuditBatch, type Viewer } from '@mamis/platform';
import { createTestDatabase, type TestDatabase } from '../../test/support/database';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');
const rowsOf = (c: Client) => ({
  query: (sql: string, params?: unknown[]) => c.query(sql, params).then((r) => r.rows),
});
const staff: Viewer = { kind: 'STAFF', sub: 'staff-1', associationId: randomUUID(), scopes: [] };

/** The signed audit checkpoint through the commands: `npm run audit:checkpoint`, then `npm run audit:verify`. */
describe('audit:checkpoint and audit:verify', () => {
  let db: TestDatabase;
  let c: Client;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const cli = (script: string) =>
    run(process.execPath, ['--import', 'tsx', `infra/db/${script}.ts`], { cwd: root, env });

  beforeAll(async () => {
    db = await createTestDatabase();
    c = await db.admin();
    dir = mkdtempSync(path.join(tmpdir(), 'mamis-checkpoint-cli-'));
    env = {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: db.adminUrl,
      AUDIT_CHECKPOINT_FILE: path.join(dir, 'checkpoints.jsonl'),
    };
    for (let i = 0; i < 3; i++)
      await writeAuditBatch(rowsOf(c), { requestId: `cli-${i}`, service: 's', viewer: staff }, [
        { personId: randomUUID(), group: 'IDENTITY', relations: ['MEMBER'] },
      ]);
  });
  afterAll(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  // spawns the commands' scripts: allow for a slow, shared machine
  it('signs the head, verifies it, and reports a removed newest entry', async () => {
    expect((await cli('audit-checkpoint')).stdout).toMatch(/checkpoint [0-9a-f]{16}: 3 entries/);
    expect((await cli('audit-verify')).stdout).toMatch(/intact: 3 entries[\s\S]*1 verified.*entries 1–3/);
    await c.query('ALTER TABLE audit.entry DISABLE TRIGGER entry_append_only');
    await c.query('DELETE FROM audit.entry WHERE seq = (SELECT max(seq) FROM audit.entry)');
    await expect(cli('audit-verify')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/does NOT match checkpoint .*:1: the chain has 2 entries/),
    });
  }, 180_000);
});
