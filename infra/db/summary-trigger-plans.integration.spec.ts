import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { clock } from '@mamis/platform';
import { createTestDatabase, type TestDatabase } from '../../test/support/database';
import {
  buildAssociation,
  buildAttendance,
  buildInsuranceEnrolment,
  buildJmaAndTokyo,
  buildMembership,
  buildPerson,
  buildTrainingSession,
} from '../../test/support/builders';

/** The person-keyed tables whose whole set no trigger may read to write one person's rows. */
const PERSON_TABLES = new Set([
  'membership',
  'attendance',
  'certificate',
  'credit_entry',
  'insurance_enrolment',
]);

interface PlanNode {
  'Node Type'?: string;
  'Relation Name'?: string;
  'Subplan Name'?: string;
  Plans?: PlanNode[];
  [key: string]: unknown;
}

/** The names of the hashed subplans of a plan whose subtree scans a person-keyed table. */
function hashedPersonSubplans(root: PlanNode): string[] {
  const hashed = new Set<string>();
  const visit = (n: PlanNode, f: (n: PlanNode) => void) => {
    f(n);
    for (const c of n.Plans ?? []) visit(c, f);
  };
  // a hashed subplan is named in its parent's expressions ("hashed SubPlan 5")
  visit(root, (n) => {
    for (const [k, v] of Object.entries(n))
      if (k !== 'Plans')
        for (const m of JSON.stringify(v).matchAll(/hashed (SubPlan \d+)/g)) hashed.add(m[1]!);
  });
  const found: string[] = [];
  visit(root, (n) => {
    if (!n['Subplan Name'] || !hashed.has(n['Subplan Name'])) return;
    visit(n, (x) => {
      if (x['Relation Name'] && PERSON_TABLES.has(x['Relation Name']))
        found.push(`${n['Subplan Name']} reads ${x['Relation Name']}`);
    });
  });
  return found;
}

/**
 * The maintained summaries' triggers (JMA certificate, credit and insurance counts) run in the
 * writer's transaction, for the persons its statement wrote. Each of their per-person checks ("is
 * this person in the JMA's population") must stay a probe of that person's rows: a plan that
 * hashes the whole set instead read all ~190k JMA memberships for every attendance recorded (W4
 * at full scale: 70 ms of trigger per write). Every statement the triggers run is explained
 * (auto_explain, nested statements) and no hashed subplan may read a person-keyed table.
 */
describe('summary triggers: per-person checks are probes, never a hash of a whole table (real PostgreSQL)', () => {
  let db: TestDatabase;
  let admin: Client;
  const plans: PlanNode[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await db.admin();
    admin.on('notice', (n) => {
      const text = n.message ?? '';
      const at = text.indexOf('{');
      if (text.startsWith('duration:') && at >= 0)
        plans.push((JSON.parse(text.slice(at)) as { Plan: PlanNode }).Plan);
    });
  });
  afterAll(async () => db?.drop());

  it('credit entries, attendance, memberships and enrolments of one person', async () => {
    const { jma, tokyo } = await buildJmaAndTokyo(admin);
    const other = await buildAssociation(admin, { tier: 'PREFECTURAL', prefecture_code: 27 });
    // enough rows that hashing them is a plan PostgreSQL considers
    for (let i = 0; i < 40; i++) {
      const p = (await buildPerson(admin)).id;
      await buildMembership(admin, { person_id: p, association_id: jma.id, category: 'A①' });
      await buildMembership(admin, { person_id: p, association_id: i % 2 ? tokyo.id : other.id });
    }
    await admin.query('ANALYZE');
    const session = await buildTrainingSession(admin, { host_association_id: tokyo.id, program_code: 'CME' });
    const person = (await buildPerson(admin)).id;

    await admin.query(`LOAD 'auto_explain'`);
    await admin.query(`SET auto_explain.log_min_duration = 0`);
    await admin.query(`SET auto_explain.log_nested_statements = on`);
    await admin.query(`SET auto_explain.log_format = json`);
    await admin.query(`SET auto_explain.log_level = notice`);
    await admin.query(`SET client_min_messages = notice`);
    // plpgsql plans its statements once per session: the first run of each trigger is explained
    await buildMembership(admin, { person_id: person, association_id: jma.id, category: 'A①' });
    await buildMembership(admin, { person_id: person, association_id: tokyo.id });
    const attendance = await buildAttendance(admin, { session_id: session.id, person_id: person });
    await admin.query(`UPDATE training.attendance SET status = 'ATTENDED' WHERE id = $1`, [attendance.id]);
    await admin.query(
      `INSERT INTO training.credit_entry (id, person_id, program_code, code, units, earned_on, source, evidence, recorded_by)
       VALUES ($1, $2, 'CME', '1', 1, $3, 'MANUAL', 'test', 'test')`,
      [randomUUID(), person, clock.today()],
    );
    await admin.query(
      `INSERT INTO training.certificate (id, number, person_id, program_code, valid_from, valid_to, holder_name,
                                         verification_code, issuer_association_id, issued_by)
       VALUES ($1, $2, $3, 'CME', $4, $4::date + 1000, 'test', $5, $6, 'test')`,
      [randomUUID(), `T-${randomUUID()}`, person, clock.today(), randomUUID().slice(0, 12), jma.id],
    );
    await buildInsuranceEnrolment(admin, { person_id: person });
    await admin.query(`SET auto_explain.log_min_duration = -1`);

    expect(plans.length).toBeGreaterThan(10);
    expect(plans.flatMap(hashedPersonSubplans)).toEqual([]);
  });
});
