import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import {
  buildAssociation,
  buildAttendance,
  buildMembership,
  buildPerson,
  buildTrainingSession,
  type AssociationRow,
} from '../../../test/support/builders';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { addDays, clock } from '../src/clock';
import { grantsFor, isVisible, scopeOf } from '../src/access/policy';
import { loadRelations } from '../src/access/relations';
import type { Viewer } from '../src/viewer';

/**
 * The relation query against real tables, with the source document's own membership patterns.
 * It runs as a service role (membership's), which reads the facts only through the access views.
 */
describe('relations from the access views', () => {
  let db: TestDatabase;
  let role: Client;
  let jma: AssociationRow, tokyo: AssociationRow, chiyoda: AssociationRow, minato: AssociationRow;
  const person: Record<string, string> = {};

  const staffOf = (a: AssociationRow): Viewer => ({
    kind: 'STAFF',
    sub: `staff-${a.code}`,
    associationId: a.id,
    associationTier: a.tier,
    role: 'CLERK',
    scopes: [],
  });
  const rowsOf = (c: Client) => ({
    query: (sql: string, params?: unknown[]) => c.query(sql, params).then((r) => r.rows),
  });
  const sees = async (a: AssociationRow, who: string) => {
    const rel = (await loadRelations(rowsOf(role), staffOf(a), [person[who]!])).get(person[who]!)!;
    return grantsFor(rel, a.tier);
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const c = await db.admin();
    jma = await buildAssociation(c, { tier: 'NATIONAL', code: 'JMA' });
    tokyo = await buildAssociation(c, { tier: 'PREFECTURAL', parent_id: jma.id });
    chiyoda = await buildAssociation(c, { tier: 'MUNICIPAL', parent_id: tokyo.id });
    minato = await buildAssociation(c, { tier: 'MUNICIPAL', parent_id: tokyo.id });
    const add = async (name: string, memberOf: AssociationRow[], former: AssociationRow[] = []) => {
      const p = await buildPerson(c);
      person[name] = p.id;
      for (const a of memberOf) await buildMembership(c, { person_id: p.id, association_id: a.id });
      for (const a of former)
        await buildMembership(c, {
          person_id: p.id,
          association_id: a.id,
          status: 'LEFT',
          left_on: '2022-03-31',
        });
    };
    await add('municipalOnly', [chiyoda]);
    await add('upToPrefectural', [chiyoda, tokyo]);
    await add('upToNational', [chiyoda, tokyo, jma]);
    await add('former', [], [chiyoda]);
    await add('attendee', []);
    const local = await buildTrainingSession(c, { host_association_id: minato.id, program_code: 'OWN' });
    const cme = await buildTrainingSession(c, { host_association_id: minato.id, program_code: 'CME' });
    await buildAttendance(c, { session_id: local.id, person_id: person.attendee! });
    await buildAttendance(c, { session_id: cme.id, person_id: person.attendee! });
    // an applicant to Chiyoda (steps: Chiyoda, then Tokyo), and one whose application was rejected
    for (const [name, status] of [
      ['applicant', 'PENDING'],
      ['rejected', 'REJECTED'],
    ] as const) {
      await add(name, []);
      const app = randomUUID();
      await c.query(
        `INSERT INTO membership.membership_application (id, person_id, kind, status, effective_on, filed_by)
         VALUES ($1, $2, 'JOIN', $3, $4, 'test')`,
        [app, person[name], status, addDays(clock.today(), 5)],
      );
      for (const [i, a] of [chiyoda, tokyo].entries())
        await c.query(
          `INSERT INTO membership.membership_application_step (id, application_id, ordinal, association_id, action, category, status)
           VALUES ($1, $2, $3, $4, 'JOIN', 'A①', 'PENDING')`,
          [randomUUID(), app, i + 1, a.id],
        );
    }
    // an attendee of a session co-hosted by an academic society
    await add('cohostAttendee', []);
    const cohosted = await buildTrainingSession(c, {
      host_association_id: minato.id,
      program_code: 'OWN',
      cohost_society_id: 'jsim',
    });
    await buildAttendance(c, { session_id: cohosted.id, person_id: person.cohostAttendee! });
    role = new Client({ connectionString: db.urlFor('membership') });
    await role.connect();
  });

  afterAll(async () => {
    await role?.end();
    await db.drop();
  });

  it('seed example: a member up to prefectural level only is invisible to the JMA', async () => {
    expect(isVisible(await sees(jma, 'upToPrefectural'))).toBe(false);
    expect(isVisible(await sees(tokyo, 'upToPrefectural'))).toBe(true);
  });

  it('seed example: a municipal-only member is invisible to the prefecture and the JMA', async () => {
    expect(isVisible(await sees(tokyo, 'municipalOnly'))).toBe(false);
    expect(isVisible(await sees(jma, 'municipalOnly'))).toBe(false);
    expect(isVisible(await sees(chiyoda, 'municipalOnly'))).toBe(true);
    // and not sideways either: another municipal association of the same prefecture
    expect(isVisible(await sees(minato, 'municipalOnly'))).toBe(false);
  });

  it('seed example: a training attendee is visible to the host and the JMA for training only', async () => {
    const host = await sees(minato, 'attendee');
    expect(Object.keys(host).sort()).toEqual(['IDENTITY', 'TRAINING']);
    expect(scopeOf(host, 'TRAINING')).toBe('HOSTED_SESSIONS');
    const issuer = await sees(jma, 'attendee');
    expect(Object.keys(issuer).sort()).toEqual(['IDENTITY', 'TRAINING']);
    expect(scopeOf(issuer, 'TRAINING')).toBe('JMA_PROGRAMS');
    expect(isVisible(await sees(tokyo, 'attendee'))).toBe(false);
    expect(isVisible(await sees(chiyoda, 'attendee'))).toBe(false);
  });

  it('gives the JMA insurance and pension of its own member, the prefecture insurance only, the municipality neither', async () => {
    const national = await sees(jma, 'upToNational');
    expect([scopeOf(national, 'INSURANCE'), scopeOf(national, 'PENSION')]).toEqual(['ALL', 'ALL']);
    const pref = await sees(tokyo, 'upToNational');
    expect([scopeOf(pref, 'INSURANCE'), scopeOf(pref, 'PENSION')]).toEqual(['ALL', undefined]);
    const muni = await sees(chiyoda, 'upToNational');
    expect([scopeOf(muni, 'INSURANCE'), scopeOf(muni, 'PENSION')]).toEqual([undefined, undefined]);
  });

  it('gives a former member’s association identity and its own membership and dues records only', async () => {
    const g = await sees(chiyoda, 'former');
    expect(Object.keys(g).sort()).toEqual(['DUES', 'IDENTITY', 'MEMBERSHIP']);
    expect(scopeOf(g, 'MEMBERSHIP')).toBe('OWN_ASSOCIATION');
  });

  it('sees an ended membership on the very next query (nothing cached)', async () => {
    expect(isVisible(await sees(chiyoda, 'municipalOnly'))).toBe(true);
    const c = await db.admin();
    await c.query(`UPDATE membership.membership SET status = 'LEFT', left_on = $2 WHERE person_id = $1`, [
      person.municipalOnly,
      addDays(clock.today(), -1),
    ]);
    const g = await sees(chiyoda, 'municipalOnly');
    expect(scopeOf(g, 'CONTACT')).toBeUndefined();
    expect(scopeOf(g, 'MEMBERSHIP')).toBe('OWN_ASSOCIATION');
  });

  it('APPLICANT: a pending application gives the associations of its steps identity, contact, profile and that application', async () => {
    for (const a of [chiyoda, tokyo]) {
      const g = await sees(a, 'applicant');
      expect(Object.keys(g).sort()).toEqual(['CONTACT', 'IDENTITY', 'MEMBERSHIP', 'PROFILE']);
      expect(scopeOf(g, 'MEMBERSHIP')).toBe('THE_APPLICATION');
    }
    expect(isVisible(await sees(jma, 'applicant'))).toBe(false);
    expect(isVisible(await sees(minato, 'applicant'))).toBe(false);
    // a closed application is no relation
    expect(isVisible(await sees(chiyoda, 'rejected'))).toBe(false);
  });

  it('SOCIETY_COHOST: a society client sees attendees of sessions it co-hosts (name and registry, those sessions)', async () => {
    const client = (society: string): Viewer => ({
      kind: 'CLIENT',
      sub: `society-${society}`,
      scopes: [`society:${society}`],
    });
    const rel = async (society: string, who: string) =>
      (await loadRelations(rowsOf(role), client(society), [person[who]!])).get(person[who]!)!;
    const g = grantsFor(await rel('jsim', 'cohostAttendee'), undefined);
    expect(g).toEqual({ IDENTITY: ['NAME_AND_REGISTRY'], TRAINING: ['COHOSTED_SESSIONS'] });
    expect(isVisible(grantsFor(await rel('other', 'cohostAttendee'), undefined))).toBe(false);
    expect(isVisible(grantsFor(await rel('jsim', 'attendee'), undefined))).toBe(false);
  });

  it('answers a batch of persons with one SQL statement', async () => {
    let statements = 0;
    const counting = {
      query: (sql: string, params?: unknown[]) => (statements++, role.query(sql, params).then((r) => r.rows)),
    };
    const ids = Object.values(person);
    const map = await loadRelations(counting, staffOf(chiyoda), [...ids, 'not-a-uuid']);
    expect(statements).toBe(1);
    expect(map.size).toBe(ids.length + 1);
    expect(map.get('not-a-uuid')).toEqual(new Set());
  });

  it('recognises the physician as SELF without asking the database', async () => {
    let statements = 0;
    const counting = { query: async () => (statements++, []) };
    const map = await loadRelations(
      counting,
      { kind: 'PHYSICIAN', personId: person.municipalOnly, scopes: [] },
      [person.municipalOnly!],
    );
    expect(map.get(person.municipalOnly!)).toEqual(new Set(['SELF']));
    expect(statements).toBe(0);
  });
});
