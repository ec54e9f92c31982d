import type { DataSource } from 'typeorm';
import { writeAuditBatch, type SqlStatementCounter, type Viewer } from '@mamis/platform';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { buildAssociation, buildPerson } from '../../../test/support/builders';
import { makeDataSource } from '../src/data-source';
import { createLoaders } from '../src/loaders';
import { createRepositories } from '../src/repositories';

describe('access log: AccessLogRepository and its loader (membership role, real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let sql: SqlStatementCounter;
  let a: string;
  let b: string;
  let c: string;
  let assocId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const admin = await db.admin();
    assocId = (await buildAssociation(admin)).id;
    [a, b, c] = [(await buildPerson(admin)).id, (await buildPerson(admin)).id, (await buildPerson(admin)).id];
    const staff: Viewer = {
      kind: 'STAFF',
      sub: 'staff-1',
      associationId: assocId,
      associationTier: 'MUNICIPAL',
      scopes: [],
    };
    const audit = (op: string, persons: string[]) =>
      writeAuditBatch(
        admin,
        { requestId: op, service: 'membership', operation: op, viewer: staff },
        persons.map((personId) => ({ personId, group: 'CONTACT' as const, relations: ['MEMBER' as const] })),
      );
    await audit('first', [a]);
    await audit('both', [a, b]); // one row covering two persons
    await audit('third', [a]);
    ({ dataSource: ds, sql } = makeDataSource(db.urlFor('membership')));
    await ds.initialize();
  });

  afterAll(async () => {
    await ds?.destroy();
    await db.drop();
  });

  it('loads several persons’ logs in ONE statement, an entry listed for every person it covers', async () => {
    const loaders = createLoaders(createRepositories(ds));
    const before = sql.total;
    const [la, lb, lc] = await Promise.all([a, b, c].map((id) => loaders.accessLogByPersonId.load(id)));
    expect(sql.total - before).toBe(1);
    expect(la!.map((e) => e.operation)).toEqual(['third', 'both', 'first']);
    expect(lb!.map((e) => e.operation)).toEqual(['both']);
    expect(lc).toEqual([]);
    expect(la![0]).toMatchObject({
      personId: a,
      actor: 'staff-1',
      viewerKind: 'STAFF',
      viewerAssociation: assocId,
      relations: ['MEMBER'],
      groups: ['CONTACT'],
      action: 'READ',
    });
    expect(la![0]!.at).toBeInstanceOf(Date);
  });

  it('caps each person’s log separately (newest first) and ignores malformed ids', async () => {
    const repo = createRepositories(ds).accessLog;
    const rows = await repo.byPersonIds([a, b, 'not-a-uuid'], 2);
    expect(rows.filter((r) => r.personId === a).map((r) => r.operation)).toEqual(['third', 'both']);
    expect(rows.filter((r) => r.personId === b).map((r) => r.operation)).toEqual(['both']);
    expect(await repo.byPersonIds(['not-a-uuid'])).toEqual([]);
  });
});
