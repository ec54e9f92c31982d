import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { verifyAuditChain, writeAuditBatch } from '../src/audit';
import {
  checkpointId,
  checkpointSigningKey,
  checkpointVerificationKey,
  loadAuditCheckpointConfig,
  readCheckpoints,
  verifyAgainstCheckpoints,
  verifyCheckpointCopy,
  writeAuditCheckpoint,
} from '../src/audit-checkpoint';
import type { Viewer } from '../src/viewer';

const rowsOf = (c: Client) => ({
  query: (sql: string, params?: unknown[]) => c.query(sql, params).then((r) => r.rows),
});

const staff: Viewer = {
  kind: 'STAFF',
  sub: 'staff-1',
  associationId: randomUUID(),
  associationTier: 'MUNICIPAL',
  role: 'CLERK',
  scopes: [],
};

/** What `npm run audit:verify` reports: the chain's own links, then the checkpoints. */
async function verifyAll(c: Client, file: string, publicKey: KeyObject) {
  const broken = await verifyAuditChain(rowsOf(c));
  const { problems } = await verifyAgainstCheckpoints(rowsOf(c), readCheckpoints(file), publicKey);
  return { broken, problems };
}

describe('audit checkpoints: a signed witness of the chain head outside the database', () => {
  let db: TestDatabase;
  let c: Client;
  let dir: string;
  let file: string;
  const { privateKey: key, publicKey } = generateKeyPairSync('ed25519');

  const append = async (n: number, tag: string) => {
    for (let i = 0; i < n; i++)
      await writeAuditBatch(rowsOf(c), { requestId: `${tag}-${i}`, service: 's', viewer: staff }, [
        { personId: randomUUID(), group: 'IDENTITY', relations: ['MEMBER'] },
      ]);
  };

  beforeEach(async () => {
    db = await createTestDatabase();
    c = await db.admin();
    dir = mkdtempSync(path.join(tmpdir(), 'mamis-checkpoints-'));
    file = path.join(dir, 'audit-checkpoints.jsonl');
    await append(5, 'a');
  });
  afterEach(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an untampered chain verifies against its checkpoints, and entries after the last one too', async () => {
    const first = await writeAuditCheckpoint(rowsOf(c), { key, file });
    expect(first).toMatchObject({ size: 5 });
    expect(await writeAuditCheckpoint(rowsOf(c), { key, file })).toBeNull(); // unchanged head: no line
    await append(3, 'b');
    expect(await writeAuditCheckpoint(rowsOf(c), { key, file })).toMatchObject({ size: 8 });
    await append(2, 'c');
    const { broken, problems } = await verifyAll(c, file, publicKey);
    expect(broken).toBeNull();
    expect(problems).toEqual([]);
    expect(readCheckpoints(file)).toHaveLength(2);
  });

  it('detects the newest entry deleted by a superuser (the chain alone says intact)', async () => {
    await writeAuditCheckpoint(rowsOf(c), { key, file });
    await c.query('ALTER TABLE audit.entry DISABLE TRIGGER entry_append_only');
    await c.query('DELETE FROM audit.entry WHERE seq = (SELECT max(seq) FROM audit.entry)');
    const { broken, problems } = await verifyAll(c, file, publicKey);
    expect(broken).toBeNull(); // what audit:verify saw before checkpoints
    expect(problems).toEqual([
      { line: 1, problem: expect.stringMatching(/has 4 entries.*covers 5.*removed/) },
    ]);
    // and the next checkpoint refuses to sign the truncated chain
    await expect(writeAuditCheckpoint(rowsOf(c), { key, file })).rejects.toThrow(/removed/);
  });

  it('detects an entry rewritten with every later hash recomputed', async () => {
    await writeAuditCheckpoint(rowsOf(c), { key, file });
    const [{ seq }] = (await c.query(`SELECT seq FROM audit.entry ORDER BY seq OFFSET 2 LIMIT 1`)).rows;
    await c.query('ALTER TABLE audit.entry DISABLE TRIGGER entry_append_only');
    // erase the ids of entry 3, then re-chain it and every later entry as the trigger would
    await c.query(
      `UPDATE audit.entry SET person_ids = '{}', person_salts = '{}', person_digests = '{}' WHERE seq = $1`,
      [seq],
    );
    const later = (await c.query(`SELECT seq FROM audit.entry WHERE seq >= $1 ORDER BY seq`, [seq])).rows;
    for (const r of later) {
      await c.query(
        `UPDATE audit.entry e SET prev_hash = p.hash
           FROM (SELECT hash FROM audit.entry WHERE seq < $1 ORDER BY seq DESC LIMIT 1) p WHERE e.seq = $1`,
        [r.seq],
      );
      await c.query(`UPDATE audit.entry e SET hash = audit.digest(e.prev_hash, e) WHERE e.seq = $1`, [r.seq]);
    }
    const { broken, problems } = await verifyAll(c, file, publicKey);
    expect(broken).toBeNull(); // the chain is linked again
    expect(problems).toEqual([{ line: 1, problem: expect.stringMatching(/entry 5 .*rewritten/) }]);
  });

  it('detects a forged checkpoint (signed with another key) and a non-monotonic one', async () => {
    await writeAuditCheckpoint(rowsOf(c), { key, file });
    const forger = generateKeyPairSync('ed25519').privateKey;
    await append(1, 'f');
    await writeAuditCheckpoint(rowsOf(c), { key: forger, file });
    const { problems } = await verifyAll(c, file, publicKey);
    expect(problems).toEqual([{ line: 2, problem: expect.stringMatching(/signature does not verify/) }]);

    // a genuine line edited (size lowered to hide a truncation) no longer verifies either
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const edited = { ...JSON.parse(lines[0]!), size: 4 };
    writeFileSync(file, `${lines[0]}\n${JSON.stringify(edited)}\n`);
    const again = await verifyAll(c, file, publicKey);
    expect(again.problems).toEqual([
      { line: 2, problem: expect.stringMatching(/signature does not verify/) },
    ]);
  });

  it('detects checkpoints that go backwards', async () => {
    await writeAuditCheckpoint(rowsOf(c), { key, file });
    await append(2, 'm');
    await writeAuditCheckpoint(rowsOf(c), { key, file });
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    writeFileSync(file, `${lines[1]}\n${lines[0]}\n`);
    const { problems } = await verifyAll(c, file, publicKey);
    expect(problems).toEqual([{ line: 2, problem: expect.stringMatching(/not monotonic/) }]);
  });

  it('copies each checkpoint into audit.checkpoint (what the access log names) and detects a copy that differs from the file', async () => {
    const first = (await writeAuditCheckpoint(rowsOf(c), { key, file }))!;
    await append(2, 'k');
    await writeAuditCheckpoint(rowsOf(c), { key, file });
    const copy = async () =>
      (
        await c.query(
          'SELECT id, size::int AS size, head_seq::text AS "headSeq" FROM audit.checkpoint ORDER BY size',
        )
      ).rows;
    expect(await copy()).toEqual([
      { id: checkpointId(first), size: 5, headSeq: first.headSeq },
      expect.objectContaining({ size: 7 }),
    ]);
    expect(await verifyCheckpointCopy(rowsOf(c), readCheckpoints(file), publicKey)).toEqual([]);
    // append-only, like the chain
    await expect(c.query('DELETE FROM audit.checkpoint')).rejects.toThrow(/append-only/);

    // a superuser hides the first checkpoint (its entries would read "not covered") and forges one
    await c.query('ALTER TABLE audit.checkpoint DISABLE TRIGGER checkpoint_no_change');
    await c.query('DELETE FROM audit.checkpoint WHERE size = 5');
    await c.query(
      `INSERT INTO audit.checkpoint (id, v, size, head_seq, head_hash, signed_at, key_id, sig)
       VALUES ('00000000000000ff', 1, 6, 6, repeat('0', 64), '2020-01-01T00:00:00.000Z', 'x', 'forged')`,
    );
    expect(await verifyCheckpointCopy(rowsOf(c), readCheckpoints(file), publicKey)).toEqual([
      expect.stringMatching(/copy holds checkpoint 00000000000000ff, which is no valid checkpoint/),
      expect.stringMatching(
        new RegExp(`checkpoint ${checkpointId(first)} \\(line 1, 5 entries\\) is missing`),
      ),
    ]);
  });

  it('uses a derived dev key outside production and requires a configured key in production', () => {
    const dev = loadAuditCheckpointConfig({ NODE_ENV: 'test' });
    expect(checkpointSigningKey(dev).asymmetricKeyType).toBe('ed25519');
    expect(checkpointVerificationKey(dev).type).toBe('public');
    const prod = loadAuditCheckpointConfig({ NODE_ENV: 'production' });
    expect(() => checkpointSigningKey(prod)).toThrow(/required in production/);
    expect(() => checkpointVerificationKey(prod)).toThrow(/required in production/);
    const pem = key.export({ type: 'pkcs8', format: 'pem' }).toString();
    const configured = loadAuditCheckpointConfig({ NODE_ENV: 'production', AUDIT_CHECKPOINT_KEY: pem });
    expect(checkpointVerificationKey(configured).export({ type: 'spki', format: 'der' })).toEqual(
      publicKey.export({ type: 'spki', format: 'der' }),
    );
  });
});
