import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { verifyAuditChain, writeAuditBatch } from '../src/audit';
import type { Viewer } from '../src/viewer';

const rowsOf = (c: Client) => ({
  query: (sql: string, params?: unknown[]) => c.query(sql, params).then((r) => r.rows),
});

describe('audit: append-only, hash-chained', () => {
  let db: TestDatabase;
  let role: Client;
  const staff: Viewer = {
    kind: 'STAFF',
    sub: 'staff-1',
    associationId: randomUUID(),
    associationTier: 'MUNICIPAL',
    role: 'CLERK',
    scopes: [],
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    role = new Client({ connectionString: db.urlFor('training') });
    await role.connect();
  });
  afterAll(async () => {
    await role.end();
    await db.drop();
  });

  it('writes one batch for a request that read 200 members', async () => {
    const persons = Array.from({ length: 200 }, () => randomUUID());
    const reads = persons.flatMap((personId) =>
      (['IDENTITY', 'CONTACT'] as const).map((group) => ({
        personId,
        group,
        relations: ['MEMBER' as const],
      })),
    );
    let statements = 0;
    const counting = { query: (sql: string, p?: unknown[]) => (statements++, rowsOf(role).query(sql, p)) };
    const rows = await writeAuditBatch(
      counting,
      { requestId: 'req-200', service: 'membership', operation: 'Members', viewer: staff },
      reads,
    );
    expect(statements).toBe(1);
    expect(rows).toBe(1);
    const c = await db.admin();
    const e = (await c.query(`SELECT * FROM audit.entry WHERE request_id = 'req-200'`)).rows;
    expect(e).toHaveLength(1);
    expect(e[0]).toMatchObject({
      actor: 'staff-1',
      viewer_kind: 'STAFF',
      relations: ['MEMBER'],
      groups: ['CONTACT', 'IDENTITY'],
    });
    expect(e[0].person_ids).toHaveLength(200);
  });

  it('records the staff member as actor and the person as on-behalf-of when acting for someone', async () => {
    const person = randomUUID();
    const acting: Viewer = {
      kind: 'PHYSICIAN',
      sub: 'physician-9',
      personId: person,
      scopes: [],
      actor: { sub: 'staff-7', kind: 'STAFF' },
    };
    await writeAuditBatch(
      rowsOf(role),
      { requestId: 'req-act', service: 'membership', viewer: acting, action: 'WRITE' },
      [{ personId: person, group: 'CONTACT', relations: ['SELF'] }],
    );
    const c = await db.admin();
    const [e] = (
      await c.query(`SELECT actor, on_behalf_of, action FROM audit.entry WHERE request_id = 'req-act'`)
    ).rows;
    expect(e).toEqual({ actor: 'staff-7', on_behalf_of: 'physician-9', action: 'WRITE' });
  });

  it('refuses UPDATE and DELETE to the service role and even to the owner', async () => {
    await expect(role.query(`UPDATE audit.entry SET actor = 'x'`)).rejects.toThrow(/permission denied/);
    await expect(role.query(`DELETE FROM audit.entry`)).rejects.toThrow(/permission denied/);
    const c = await db.admin();
    await expect(c.query(`UPDATE audit.entry SET actor = 'x'`)).rejects.toThrow(/append-only/);
    await expect(c.query(`DELETE FROM audit.entry`)).rejects.toThrow(/append-only/);
  });

  it('keeps an intact chain under concurrent writers', async () => {
    const other = new Client({ connectionString: db.urlFor('membership') });
    await other.connect();
    try {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          writeAuditBatch(rowsOf(i % 2 ? other : role), { requestId: `c${i}`, service: 's', viewer: staff }, [
            { personId: randomUUID(), group: 'IDENTITY', relations: ['MEMBER'] },
          ]),
        ),
      );
    } finally {
      await other.end();
    }
    expect(await verifyAuditChain(rowsOf(role))).toBeNull();
  });

  it('detects a tampered row (even by a superuser who disabled the trigger)', async () => {
    const c = await db.admin();
    const [{ seq }] = (await c.query(`SELECT seq FROM audit.entry ORDER BY seq LIMIT 1 OFFSET 2`)).rows;
    await c.query('ALTER TABLE audit.entry DISABLE TRIGGER entry_append_only');
    await c.query(`UPDATE audit.entry SET groups = ARRAY['PENSION'] WHERE seq = $1`, [seq]);
    await c.query('ALTER TABLE audit.entry ENABLE TRIGGER entry_append_only');
    expect(await verifyAuditChain(rowsOf(role))).toEqual({
      seq: String(seq),
      problem: expect.stringMatching(/altered/),
    });
  });

  it('detects a removed row', async () => {
    const fresh = await createTestDatabase();
    const c = await fresh.admin();
    const r = rowsOf(c);
    for (let i = 0; i < 3; i++) {
      await writeAuditBatch(r, { requestId: `d${i}`, service: 's', viewer: staff }, [
        { personId: randomUUID(), group: 'IDENTITY', relations: ['MEMBER'] },
      ]);
    }
    const [{ seq }] = (await c.query(`SELECT seq FROM audit.entry ORDER BY seq LIMIT 1 OFFSET 1`)).rows;
    await c.query('ALTER TABLE audit.entry DISABLE TRIGGER entry_append_only');
    await c.query(`DELETE FROM audit.entry WHERE seq = $1`, [seq]);
    const broken = await verifyAuditChain(r);
    expect(broken?.problem).toMatch(/removed/);
    await fresh.drop();
  });
});
