import { type Client } from 'pg';
import { In, type DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { createDataSource, entityReader, type SortOrder } from '@mamis/platform';
import {
  entities as membershipEntities,
  AssociationEntity,
  MembershipEntity,
  PersonEntity,
} from '@mamis/membership/src/entities';
import {
  entities as trainingEntities,
  AttendanceEntity,
  TrainingSessionEntity,
} from '@mamis/training/src/entities';
import {
  entities as insuranceEntities,
  InsuranceEnrolmentEntity,
} from '@mamis/insurance-pension/src/entities';
import { createTestDatabase, type TestDatabase } from '../../test/support/database';
import {
  buildAssociation,
  buildAttendance,
  buildInsuranceEnrolment,
  buildMembership,
  buildPerson,
  buildTrainingSession,
} from '../../test/support/builders';

/**
 * The DataLoaders' batched reads (services/platform/src/entity-reader.ts) answer exactly what
 * TypeORM's `find` answers: the same entities, classes and values, in the same order.
 */
describe('entityReader: the same rows as TypeORM (real PostgreSQL)', () => {
  let db: TestDatabase;
  let admin: Client;
  const sources: DataSource[] = [];
  const persons: string[] = [];
  const associations: string[] = [];
  const sessions: string[] = [];

  const open = async (schema: string, entities: unknown[]) => {
    const { dataSource } = createDataSource({
      url: db.adminUrl,
      schema,
      entities: entities as never,
      migrations: [],
      poolSize: 2,
      preparedStatements: true,
    });
    await dataSource.initialize();
    sources.push(dataSource);
    return dataSource;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await db.admin();
    for (let i = 0; i < 2; i++) associations.push((await buildAssociation(admin)).id);
    for (let i = 0; i < 4; i++) {
      const p = (await buildPerson(admin, { family_name_kana: `エ${i}` })).id;
      persons.push(p);
      await buildMembership(admin, { person_id: p, association_id: associations[i % 2]! });
      if (i % 2 === 0)
        await buildMembership(admin, {
          person_id: p,
          association_id: associations[1]!,
          status: 'LEFT',
        } as never);
      await buildInsuranceEnrolment(admin, { person_id: p });
    }
    await admin.query(
      `UPDATE membership.person SET email = 'a@example.jp', phone = '03-0000-0000', prefecture_code = 13 WHERE id = $1`,
      [persons[0]],
    );
    for (let i = 0; i < 2; i++) {
      const s = (await buildTrainingSession(admin, { host_association_id: associations[0]! })).id;
      sessions.push(s);
      for (const p of persons.slice(0, 3)) await buildAttendance(admin, { session_id: s, person_id: p });
    }
  });
  afterAll(async () => {
    for (const ds of sources) await ds.destroy();
    await db?.drop();
  });

  const same = async <E extends ObjectLiteral>(
    ds: DataSource,
    entity: EntityTarget<E>,
    property: keyof E & string,
    keys: string[],
    order: SortOrder = [],
  ) => {
    const ours = await entityReader(ds, entity).whereIn(property, keys, order);
    const theirs = await ds.getRepository(entity).find({
      where: { [property]: In(keys) } as never,
      order: Object.fromEntries(order) as never,
    });
    expect(ours.length).toBeGreaterThan(0);
    if (order.length) expect(ours).toStrictEqual(theirs);
    else
      expect(new Set(ours.map((o) => JSON.stringify(o)))).toEqual(
        new Set(theirs.map((t) => JSON.stringify(t))),
      );
    for (const o of ours) expect(o).toBeInstanceOf(entity as new () => E);
    return ours;
  };

  it('membership: persons, associations, membership periods of persons', async () => {
    const ds = await open('membership', membershipEntities);
    const read = await same(ds, PersonEntity, 'id', persons);
    expect(read.find((p) => p.id === persons[0])).toMatchObject({
      email: 'a@example.jp',
      prefectureCode: 13,
    });
    await same(ds, AssociationEntity, 'id', associations);
    await same(ds, MembershipEntity, 'personId', persons, [
      ['joinedOn', 'DESC'],
      ['id', 'ASC'],
    ]);
  });

  it('training: sessions, attendances of persons', async () => {
    const ds = await open('training', trainingEntities);
    await same(ds, TrainingSessionEntity, 'id', sessions);
    await same(ds, AttendanceEntity, 'personId', persons, [
      ['createdAt', 'DESC'],
      ['id', 'ASC'],
    ]);
  });

  it('insurance-pension: enrolments of persons', async () => {
    const ds = await open('insurance_pension', insuranceEntities);
    await same(ds, InsuranceEnrolmentEntity, 'personId', persons, [
      ['insuranceYear', 'DESC'],
      ['id', 'ASC'],
    ]);
  });

  it('refuses an entity whose columns might hydrate differently, and an unknown key', async () => {
    const ds = sources[0]!;
    await expect(entityReader(ds, PersonEntity).whereIn('nope' as never, [persons[0]!])).rejects.toThrow(
      /no column nope/,
    );
    expect(await entityReader(ds, PersonEntity).whereIn('id', [])).toEqual([]);
  });
});
