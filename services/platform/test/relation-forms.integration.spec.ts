import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import {
  buildAssociation,
  buildAttendance,
  buildMembership,
  buildPerson,
  buildTrainingSession,
  type AssociationRow,
} from '../../../test/support/builders';
import { addDays, clock } from '../src/clock';
import { loadRelations, visiblePersonPredicate, visiblePersonsSql } from '../src/access/relations';
import { viewerSettingsSql } from '../src/rls';
import type { Viewer } from '../src/viewer';

/**
 * Every SQL form of "who is related to whom" is generated from RELATION_FACTS; this proves they
 * answer alike on generated data: for each viewer, the persons with any relation in the batched
 * relation query = the list set (visiblePersonsSql) = the per-row page predicate
 * (visiblePersonPredicate) = the rows row security lets a service role read (its predicate and
 * the view access.related_person_v1).
 */
describe('relation forms agree (one definition, four forms)', () => {
  let db: TestDatabase;
  let admin: Client;
  let role: Client;
  const assoc: Record<string, AssociationRow> = {};
  const persons: string[] = [];

  /** A small deterministic generator (the data differ per seed, the test does not). */
  let state = 20_240_401;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await db.admin();
    assoc.jma = await buildAssociation(admin, { tier: 'NATIONAL', code: 'JMA' });
    assoc.tokyo = await buildAssociation(admin, { tier: 'PREFECTURAL', parent_id: assoc.jma.id });
    assoc.bunkyo = await buildAssociation(admin, { tier: 'MUNICIPAL', parent_id: assoc.tokyo.id });
    assoc.minato = await buildAssociation(admin, { tier: 'MUNICIPAL', parent_id: assoc.tokyo.id });
    const all = Object.values(assoc);
    const sessions = [];
    for (let i = 0; i < 8; i++)
      sessions.push(
        await buildTrainingSession(admin, {
          host_association_id: pick(all).id,
          program_code: pick(['CME', 'OWN', 'OCCUPATIONAL', `OWN_${assoc.bunkyo.code}_救急`]),
          cohost_society_id: pick([null, null, 'jsim', 'jsa']),
        }),
      );
    const today = clock.today();
    for (let i = 0; i < 60; i++) {
      const p = await buildPerson(admin);
      persons.push(p.id);
      for (const a of all) {
        const r = next();
        if (r < 0.25) await buildMembership(admin, { person_id: p.id, association_id: a.id });
        else if (r < 0.35)
          await buildMembership(admin, {
            person_id: p.id,
            association_id: a.id,
            status: 'LEFT',
            left_on: '2022-03-31',
          });
      }
      if (next() < 0.3)
        await buildAttendance(admin, {
          session_id: pick(sessions).id,
          person_id: p.id,
          status: pick(['ATTENDED', 'REGISTERED', 'CANCELLED']),
        });
      if (next() < 0.15)
        await admin.query(
          `INSERT INTO training.credit_entry (id, person_id, program_code, code, units, earned_on, source, evidence, recorded_by)
           VALUES ($1, $2, $3, 'X', 1, $4, 'MANUAL', '研修手帳', 'test')`,
          [randomUUID(), p.id, pick(['CME', 'OWN']), addDays(today, -30)],
        );
      if (next() < 0.2) {
        const app = randomUUID();
        await admin.query(
          `INSERT INTO membership.membership_application (id, person_id, kind, status, effective_on, filed_by)
           VALUES ($1, $2, 'JOIN', $3, $4, 'test')`,
          [app, p.id, pick(['PENDING', 'PENDING', 'REJECTED']), addDays(today, 5)],
        );
        for (const [i, a] of [...new Set([pick(all), pick(all)])].entries())
          await admin.query(
            `INSERT INTO membership.membership_application_step (id, application_id, ordinal, association_id, action, category, status)
             VALUES ($1, $2, $3, $4, 'JOIN', 'A①', 'PENDING')`,
            [randomUUID(), app, i + 1, a.id],
          );
      }
    }
    role = new Client({ connectionString: db.urlFor('membership') });
    await role.connect();
  });

  afterAll(async () => {
    await role?.end();
    await admin?.end();
    await db?.drop();
  });

  const staff = (a: AssociationRow): Viewer => ({
    kind: 'STAFF',
    sub: `staff-${a.code}`,
    associationId: a.id,
    associationTier: a.tier,
    role: 'CLERK',
    scopes: [],
  });
  const viewers = (): [string, Viewer][] => [
    ...Object.entries(assoc).map(([k, a]): [string, Viewer] => [`staff of ${k}`, staff(a)]),
    [
      'an assistant of 文京区医師会 (no person)',
      {
        kind: 'ASSISTANT',
        sub: 'asst',
        associationId: assoc.bunkyo!.id,
        associationTier: 'MUNICIPAL',
        scopes: [],
      },
    ],
    ['society client jsim', { kind: 'CLIENT', sub: 'society', scopes: ['society:jsim'] }],
    ['society client of two', { kind: 'CLIENT', sub: 'societies', scopes: ['society:jsim', 'society:jsa'] }],
    ['analytics client', { kind: 'CLIENT', sub: 'analytics', scopes: ['analytics:aggregate'] }],
    ['a physician', { kind: 'PHYSICIAN', sub: 'dr', personId: persons[0], scopes: [] }],
    ['anonymous', { kind: 'ANONYMOUS', scopes: [] }],
  ];

  const sorted = (xs: Iterable<string>) => [...xs].sort();
  const rowsOf = (c: Client) => ({
    query: (sql: string, params?: unknown[]) => c.query(sql, params).then((r) => r.rows),
  });

  async function forms(viewer: Viewer) {
    const relations = await loadRelations(rowsOf(role), viewer, persons);
    const byRelations = sorted([...relations].filter(([, r]) => r.size > 0).map(([id]) => id));
    const set = visiblePersonsSql(viewer);
    const bySet = sorted(
      (
        await role.query<{ id: string }>(
          `SELECT v.person_id::text AS id FROM (${set.sql}) v WHERE v.person_id = ANY ($${set.params.length + 1}::uuid[])`,
          [...set.params, persons],
        )
      ).rows.map((r) => r.id),
    );
    const predicate = visiblePersonPredicate(viewer, 'p.id');
    // as the database owner (no row security): the predicate alone decides
    const byPredicate = sorted(
      (
        await admin.query<{ id: string }>(
          `SELECT p.id::text AS id FROM membership.person p
            WHERE ${predicate.sql} AND p.id = ANY ($${predicate.params.length + 1}::uuid[])`,
          [...predicate.params, persons],
        )
      ).rows.map((r) => r.id),
    );
    // as the membership service's role: row security alone decides
    await role.query('BEGIN');
    let byRowSecurity: string[];
    try {
      await role.query(viewerSettingsSql(viewer, false));
      byRowSecurity = sorted(
        (
          await role.query<{ id: string }>(
            `SELECT id::text AS id FROM membership.person WHERE id = ANY ($1::uuid[])`,
            [persons],
          )
        ).rows.map((r) => r.id),
      );
    } finally {
      await role.query('ROLLBACK');
    }
    return { byRelations, bySet, byPredicate, byRowSecurity };
  }

  it('gives the same persons in every form, for every kind of viewer', async () => {
    const sizes: Record<string, number> = {};
    for (const [name, viewer] of viewers()) {
      const f = await forms(viewer);
      expect({ name, set: f.bySet }).toEqual({ name, set: f.byRelations });
      expect({ name, predicate: f.byPredicate }).toEqual({ name, predicate: f.byRelations });
      expect({ name, rowSecurity: f.byRowSecurity }).toEqual({ name, rowSecurity: f.byRelations });
      sizes[name] = f.byRelations.length;
    }
    // the data are not trivial: every viewer but the analytics client and anonymous sees some and
    // not all of the persons
    for (const [name, n] of Object.entries(sizes))
      if (name === 'analytics client' || name === 'anonymous') expect({ name, n }).toEqual({ name, n: 0 });
      else {
        expect({ name, some: n > 0 }).toEqual({ name, some: true });
        expect({ name, notAll: n < persons.length }).toEqual({ name, notAll: true });
      }
  });

  it('has every relation occur in the generated data', async () => {
    const seen = new Set<string>();
    for (const [, viewer] of viewers())
      for (const r of (await loadRelations(rowsOf(role), viewer, persons)).values())
        for (const x of r) seen.add(x);
    expect(sorted(seen)).toEqual(
      sorted([
        'SELF',
        'MEMBER',
        'FORMER_MEMBER',
        'APPLICANT',
        'TRAINING_HOST',
        'TRAINING_ISSUER',
        'SOCIETY_COHOST',
      ]),
    );
  });
});
