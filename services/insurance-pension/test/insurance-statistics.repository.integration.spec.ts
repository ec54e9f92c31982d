import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { clock, runAsSystem, runAsViewer, type Viewer } from '@mamis/platform';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import {
  buildAssociation,
  buildInsuranceEnrolment,
  buildJmaAndTokyo,
  buildMembership,
  buildPerson,
  buildStaffViewer,
} from '../../../test/support/builders';
import { insuranceYearOf } from '../src/domain/insurance-rules';
import { makeDataSource } from '../src/data-source';
import { makeDataSource as makeMembershipDataSource } from '../../membership/src/data-source';
import { InsuranceStatisticsRepository } from '../src/repositories/insurance-statistics.repository';
import { REFRESH_JMA_INSURANCE_COUNTS_SQL } from '../src/repositories/jma-insurance-counts.sql';
import { createServices } from '../src/services';
import { insertMembershipEvent } from './support/fixtures';
import { expectJmaInsuranceCountsMaintained } from './support/jma-insurance-counts';

const TODAY = clock.today();
const YEAR = insuranceYearOf(TODAY);
const YEARS = [YEAR - 1, YEAR, YEAR + 1];

/**
 * The JMA's insuranceEnrolment (with and without byPrefecture) answers from the maintained counts
 * (migration JmaInsuranceCounts); every other association scans its population. Summary and scan
 * must give the same answer for the same data, for every insurance year, and the counts must equal
 * their recount after every kind of write that moves them: an enrolment added, changed, withdrawn;
 * a JMA membership joined, left, its category changed; a prefecture changed; and the bulk paths.
 */
describe('InsuranceStatisticsRepository: the JMA insurance counts = the population scan (real PostgreSQL)', () => {
  let db: TestDatabase;
  let admin: Client;
  let ds: DataSource;
  let membershipDs: DataSource;
  let repo: InsuranceStatisticsRepository;
  let jma: string;
  let tokyo: string;
  let osaka: string;
  let unnamed: string;
  let municipal: string;
  const persons: string[] = [];
  /** persons[i]'s JMA membership (if any). */
  const jmaMembership = new Map<string, string>();

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await db.admin();
    ({
      jma: { id: jma },
      tokyo: { id: tokyo },
    } = await buildJmaAndTokyo(admin));
    osaka = (
      await buildAssociation(admin, { code: 'P27', tier: 'PREFECTURAL', prefecture_code: 27, parent_id: jma })
    ).id;
    // a prefectural association without a prefecture code: its members count under '(none)'
    unnamed = (
      await buildAssociation(admin, {
        code: 'P99',
        tier: 'PREFECTURAL',
        prefecture_code: null,
        parent_id: jma,
      })
    ).id;
    municipal = (await buildAssociation(admin, { parent_id: tokyo })).id;
    const categories = ['A①', 'A②(B)', 'A②(C)', 'B', 'C'];
    for (let i = 0; i < 40; i++) {
      const p = (await buildPerson(admin)).id;
      persons.push(p);
      // JMA: current in an insured category, current uninsured, former, or none
      if (i % 7 !== 6) {
        const m = await buildMembership(admin, {
          person_id: p,
          association_id: jma,
          category: categories[i % categories.length]!,
          ...(i % 6 === 5 ? { status: 'LEFT', left_on: TODAY } : {}),
        });
        jmaMembership.set(p, m.id);
      }
      // prefecture: Tokyo, Osaka, both (the lowest code counts), the unnamed one, a past one, none
      if (i % 4 === 0 || i % 9 === 1)
        await buildMembership(admin, { person_id: p, association_id: tokyo, category: 'A' });
      if (i % 4 === 1 || i % 9 === 1)
        await buildMembership(admin, { person_id: p, association_id: osaka, category: 'A' });
      if (i % 8 === 2) await buildMembership(admin, { person_id: p, association_id: unnamed, category: 'A' });
      if (i % 8 === 6)
        await buildMembership(admin, {
          person_id: p,
          association_id: osaka,
          category: 'A',
          status: 'LEFT',
          left_on: TODAY,
        });
      if (i % 3 === 0)
        await buildMembership(admin, { person_id: p, association_id: municipal, category: 'A' });
      // enrolments: this year and the one before, in every status
      for (const [k, year] of [YEAR - 1, YEAR].entries())
        if ((i + k) % 3 !== 2)
          await buildInsuranceEnrolment(admin, {
            person_id: p,
            insurance_year: year,
            status: ['ENROLLED', 'ENROLLED', 'SUSPENDED', 'ENDED'][(i + k) % 4]!,
            enrolled_on: `${year}-07-01`,
          });
    }
    ds = makeDataSource(db.urlFor('insurance_pension')).dataSource;
    membershipDs = makeMembershipDataSource(db.urlFor('membership')).dataSource;
    await Promise.all([ds.initialize(), membershipDs.initialize()]);
    repo = new InsuranceStatisticsRepository(ds);
  });

  afterAll(async () => {
    await ds?.destroy();
    await membershipDs?.destroy();
    await db?.drop();
  });

  /** Summary = scan for every year asked, with and without the prefecture; returns the answers. */
  async function expectSummaryEqualsScan() {
    const answers: unknown[] = [];
    for (const year of YEARS)
      for (const byPrefecture of [false, true]) {
        const summarised = await runAsSystem(() => repo.enrolment(jma, true, year, byPrefecture));
        const scanned = await runAsSystem(() => repo.enrolmentScanned(jma, year, byPrefecture));
        expect({ year, byPrefecture, answer: summarised }).toEqual({ year, byPrefecture, answer: scanned });
        answers.push(summarised);
      }
    return answers;
  }

  it('the data is not trivial: enrolled and not in several prefectures, and some members outside the population', async () => {
    const t = await runAsSystem(() => repo.enrolment(jma, true, YEAR, true));
    const prefectures = new Set(t.cells.map((c) => c.keys[1]));
    expect([...prefectures].sort()).toEqual(['(none)', '13', '27']);
    for (const status of ['ENROLLED', 'NOT_ENROLLED'])
      expect(t.cells.filter((c) => c.keys[0] === status && c.count > 0).length).toBeGreaterThan(1);
    const { rows } = await admin.query<{ n: number }>(
      `SELECT count(DISTINCT person_id)::int AS n FROM membership.membership WHERE association_id = $1`,
      [jma],
    );
    expect(t.population).toBeLessThan(rows[0]!.n);
    expect((await expectJmaInsuranceCountsMaintained(admin)).every((n) => n > 0)).toBe(true);
  });

  it('every year, with and without the prefecture: the same cells as the scan', async () => {
    const answers = await expectSummaryEqualsScan();
    expect(answers).toHaveLength(YEARS.length * 2);
  });

  it('another association scans (the counts hold only the JMA)', async () => {
    for (const byPrefecture of [false, true]) {
      const answer = await runAsSystem(() => repo.enrolment(tokyo, false, YEAR, byPrefecture));
      expect(answer.population).toBeGreaterThan(0);
      expect(answer).toEqual(await runAsSystem(() => repo.enrolmentScanned(tokyo, YEAR, byPrefecture)));
    }
  });

  describe('every write that moves the counts keeps them equal to the recount and the scan', () => {
    const staff: Viewer = buildStaffViewer('00000000-0000-0000-0000-000000000000', {
      associationTier: 'NATIONAL',
    });
    const asInsurance = (sql: string, params: unknown[]) =>
      runAsSystem(() => ds.transaction((m) => m.query(sql, params)));
    const asMembership = (sql: string, params: unknown[]) =>
      runAsViewer({ ...staff, associationId: jma }, () =>
        membershipDs.transaction((m) => m.query(sql, params)),
      );
    /** A person of the population (current, insured, with a Tokyo membership). */
    const insuredInTokyo = () =>
      persons.find((_, i) => i % 7 !== 6 && i % 5 < 3 && i % 6 !== 5 && i % 4 === 0)!;

    afterEach(async () => {
      await expectJmaInsuranceCountsMaintained(admin);
      await expectSummaryEqualsScan();
    });

    it('an enrolment added, suspended, reinstated, ended, moved to another year and withdrawn (insurance role)', async () => {
      const p = insuredInTokyo();
      const id = randomUUID();
      await asInsurance(
        `INSERT INTO insurance_pension.insurance_enrolment (id, person_id, insurance_year, category, status, enrolled_on)
         VALUES ($1, $2, $3, 'A①', 'ENROLLED', $4)`,
        [id, p, YEAR + 1, `${YEAR + 1}-07-01`],
      );
      const enrolled = await runAsSystem(() => repo.enrolment(jma, true, YEAR + 1, false));
      expect(enrolled.cells[0]).toEqual({ keys: ['ENROLLED'], count: 1 });
      await expectJmaInsuranceCountsMaintained(admin);
      for (const status of ['SUSPENDED', 'ENROLLED', 'ENDED', 'ENROLLED']) {
        await asInsurance(
          `UPDATE insurance_pension.insurance_enrolment SET status = $2, version = version + 1 WHERE id = $1`,
          [id, status],
        );
        await expectJmaInsuranceCountsMaintained(admin);
      }
      // a change of anything else (the rider) moves nothing
      await asInsurance(`UPDATE insurance_pension.insurance_enrolment SET rider = true WHERE id = $1`, [id]);
      await asInsurance(
        `UPDATE insurance_pension.insurance_enrolment SET insurance_year = $2 WHERE id = $1`,
        [id, YEAR + 2],
      );
      await expectJmaInsuranceCountsMaintained(admin);
      await asInsurance(`DELETE FROM insurance_pension.insurance_enrolment WHERE id = $1`, [id]);
    });

    it('the membership event consumer enrols on a category change into an insured one and ends on leaving', async () => {
      // a current JMA member in category B (uninsured), without an enrolment of this year
      const p = (await buildPerson(admin)).id;
      await buildMembership(admin, { person_id: p, association_id: tokyo, category: 'A' });
      const m = await buildMembership(admin, { person_id: p, association_id: jma, category: 'B' });
      const consumer = createServices(ds).consumer;
      await consumer.runUntilIdle();
      await asMembership(`UPDATE membership.membership SET category = 'A②(B)' WHERE id = $1`, [m.id]);
      await insertMembershipEvent(admin, {
        personId: p,
        associationId: jma,
        kind: 'CATEGORY_CHANGE',
        category: 'A②(B)',
        previousCategory: 'B',
        effectiveOn: TODAY,
      });
      await consumer.runUntilIdle();
      const { rows } = await admin.query<{ status: string }>(
        `SELECT status FROM insurance_pension.insurance_enrolment WHERE person_id = $1 AND insurance_year = $2`,
        [p, YEAR],
      );
      expect(rows).toEqual([{ status: 'ENROLLED' }]);
      await expectJmaInsuranceCountsMaintained(admin);
      await expectSummaryEqualsScan();
      await insertMembershipEvent(admin, {
        personId: p,
        associationId: jma,
        kind: 'LEAVE',
        category: 'A②(B)',
        effectiveOn: TODAY,
      });
      await consumer.runUntilIdle();
      await asMembership(`UPDATE membership.membership SET status = 'LEFT', left_on = $2 WHERE id = $1`, [
        m.id,
        TODAY,
      ]);
    });

    it('joining the JMA takes an enrolled person into the population, leaving takes them out (membership role)', async () => {
      // enrolled in both years, in Osaka, no JMA membership yet
      const p = (await buildPerson(admin)).id;
      await buildMembership(admin, { person_id: p, association_id: osaka, category: 'A' });
      for (const year of [YEAR - 1, YEAR])
        await buildInsuranceEnrolment(admin, {
          person_id: p,
          insurance_year: year,
          enrolled_on: `${year}-07-01`,
        });
      await expectJmaInsuranceCountsMaintained(admin);
      const id = randomUUID();
      await asMembership(
        `INSERT INTO membership.membership (id, person_id, association_id, category, status, joined_on)
         VALUES ($1, $2, $3, 'A①', 'ACTIVE', $4)`,
        [id, p, jma, TODAY],
      );
      await expectJmaInsuranceCountsMaintained(admin);
      await expectSummaryEqualsScan();
      await asMembership(`UPDATE membership.membership SET status = 'LEFT', left_on = $2 WHERE id = $1`, [
        id,
        TODAY,
      ]);
      await expectJmaInsuranceCountsMaintained(admin);
      // back again, then the period deleted
      await asMembership(`UPDATE membership.membership SET status = 'ACTIVE', left_on = NULL WHERE id = $1`, [
        id,
      ]);
      await expectJmaInsuranceCountsMaintained(admin);
      await admin.query(`DELETE FROM membership.membership WHERE id = $1`, [id]);
    });

    it('a category change out of the insured ones and back (membership role)', async () => {
      const p = insuredInTokyo();
      const id = jmaMembership.get(p)!;
      const { rows } = await admin.query<{ category: string }>(
        `SELECT category FROM membership.membership WHERE id = $1`,
        [id],
      );
      await asMembership(`UPDATE membership.membership SET category = 'B' WHERE id = $1`, [id]);
      await expectJmaInsuranceCountsMaintained(admin);
      await expectSummaryEqualsScan();
      // between two insured categories: nothing moves
      await asMembership(`UPDATE membership.membership SET category = 'A②(C)' WHERE id = $1`, [id]);
      await expectJmaInsuranceCountsMaintained(admin);
      await asMembership(`UPDATE membership.membership SET category = $2 WHERE id = $1`, [
        id,
        rows[0]!.category,
      ]);
    });

    it('a prefecture changed: a transfer Tokyo → Osaka, a second prefecture of a lower code, and a prefectural period deleted', async () => {
      const p = insuredInTokyo();
      await asMembership(
        `UPDATE membership.membership SET status = 'LEFT', left_on = $3 WHERE person_id = $1 AND association_id = $2`,
        [p, tokyo, TODAY],
      );
      await expectJmaInsuranceCountsMaintained(admin);
      const osakaId = randomUUID();
      await asMembership(
        `INSERT INTO membership.membership (id, person_id, association_id, category, status, joined_on)
         VALUES ($1, $2, $3, 'A', 'ACTIVE', $4)`,
        [osakaId, p, osaka, TODAY],
      );
      await expectJmaInsuranceCountsMaintained(admin);
      await expectSummaryEqualsScan();
      // Tokyo again beside Osaka: P13 < P27, Tokyo counts
      await asMembership(
        `UPDATE membership.membership SET status = 'ACTIVE', left_on = NULL WHERE person_id = $1 AND association_id = $2`,
        [p, tokyo],
      );
      await expectJmaInsuranceCountsMaintained(admin);
      await admin.query(`DELETE FROM membership.membership WHERE id = $1`, [osakaId]);
      await expectJmaInsuranceCountsMaintained(admin);
      // a period moved to another association (no write path does it, the trigger still follows)
      await admin.query(
        `UPDATE membership.membership SET association_id = $3 WHERE person_id = $1 AND association_id = $2`,
        [p, tokyo, unnamed],
      );
      await expectJmaInsuranceCountsMaintained(admin);
      await admin.query(
        `UPDATE membership.membership SET association_id = $3 WHERE person_id = $1 AND association_id = $2`,
        [p, unnamed, tokyo],
      );
    });

    it("a person's rows moved to another id in both services (as erasure pseudonymises them)", async () => {
      const p = persons.find((_, i) => i % 7 !== 6 && i % 5 < 3 && i % 6 !== 5 && i % 4 === 1)!;
      const pseudonym = (await buildPerson(admin)).id;
      await admin.query(`UPDATE membership.membership SET person_id = $2 WHERE person_id = $1`, [
        p,
        pseudonym,
      ]);
      await expectJmaInsuranceCountsMaintained(admin);
      await admin.query(
        `UPDATE insurance_pension.insurance_enrolment SET person_id = $2 WHERE person_id = $1`,
        [p, pseudonym],
      );
      await expectJmaInsuranceCountsMaintained(admin);
      await admin.query(
        `UPDATE insurance_pension.insurance_enrolment SET person_id = $2 WHERE person_id = $1`,
        [pseudonym, p],
      );
      await admin.query(`UPDATE membership.membership SET person_id = $2 WHERE person_id = $1`, [
        pseudonym,
        p,
      ]);
    });

    it('a bulk statement over many persons, and one of more rows than the deltas take (recounted)', async () => {
      await admin.query(
        `UPDATE insurance_pension.insurance_enrolment SET status = 'SUSPENDED' WHERE insurance_year = $1 AND status = 'ENROLLED'`,
        [YEAR - 1],
      );
      await expectJmaInsuranceCountsMaintained(admin);
      await admin.query(
        `INSERT INTO insurance_pension.insurance_enrolment (id, person_id, insurance_year, category, status, enrolled_on)
         SELECT gen_random_uuid(), p, $2::int + g, 'A①', 'ENROLLED', $3::date
           FROM unnest($1::uuid[]) p CROSS JOIN generate_series(10, 29) g`,
        [persons, YEAR, TODAY],
      );
      await expectJmaInsuranceCountsMaintained(admin);
      await admin.query(`DELETE FROM insurance_pension.insurance_enrolment WHERE insurance_year >= $1`, [
        YEAR + 10,
      ]);
      await expectJmaInsuranceCountsMaintained(admin);
      await admin.query(
        `UPDATE insurance_pension.insurance_enrolment SET status = 'ENROLLED' WHERE insurance_year = $1 AND status = 'SUSPENDED'`,
        [YEAR - 1],
      );
    });

    it("an association's prefecture or code changed (no write path does it) recounts", async () => {
      await admin.query(`UPDATE membership.association SET prefecture_code = 28 WHERE id = $1`, [osaka]);
      await expectJmaInsuranceCountsMaintained(admin);
      await admin.query(`UPDATE membership.association SET code = 'P10' WHERE id = $1`, [osaka]);
      await expectJmaInsuranceCountsMaintained(admin);
      await admin.query(
        `UPDATE membership.association SET code = 'P27', prefecture_code = 27 WHERE id = $1`,
        [osaka],
      );
    });

    it('the bulk loaders: their refresh equals the recount, and so does a TRUNCATE', async () => {
      await admin.query(`DELETE FROM insurance_pension.jma_insured_count`);
      await admin.query(`UPDATE insurance_pension.jma_enrolled_count SET members = members + 1`);
      await admin.query(REFRESH_JMA_INSURANCE_COUNTS_SQL);
      await expectJmaInsuranceCountsMaintained(admin);
      await admin.query(`TRUNCATE insurance_pension.insurance_enrolment CASCADE`);
    });
  });

  /**
   * An enrolment and the end of the person's JMA membership are written by different services'
   * transactions. Each trigger reads the other table: without the advisory lock per person, the
   * second writer would not see the first one's uncommitted row (the end would not take away the
   * new enrolment, or the enrolment would be counted for a person no longer in the population).
   * With it, the second writer waits for the first to commit and reads its change.
   */
  describe('concurrent writers of one person in both services (advisory lock per person)', () => {
    const clients: Client[] = [];
    beforeAll(async () => {
      for (let i = 0; i < 2; i++) {
        const c = new Client({ connectionString: db.adminUrl });
        await c.connect();
        clients.push(c);
      }
    });
    afterAll(async () => {
      for (const c of clients) await c.end();
    });

    /** Run `first` and then `second` in two open transactions, commit the first while the second waits. */
    async function race(first: (c: Client) => Promise<unknown>, second: (c: Client) => Promise<unknown>) {
      const [a, b] = clients as [Client, Client];
      await a.query('BEGIN');
      await b.query('BEGIN');
      try {
        await first(a);
        let done = false;
        const waiting = second(b).then(() => (done = true));
        await new Promise((resolve) => setTimeout(resolve, 300));
        // the second writer waits for the first one's lock
        const waited = !done;
        await a.query('COMMIT');
        await waiting;
        await b.query('COMMIT');
        return waited;
      } catch (e) {
        await a.query('ROLLBACK').catch(() => undefined);
        await b.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
    }

    async function member() {
      const p = (await buildPerson(admin)).id;
      await buildMembership(admin, { person_id: p, association_id: tokyo, category: 'A' });
      const m = await buildMembership(admin, { person_id: p, association_id: jma, category: 'A①' });
      return { p, m: m.id };
    }
    const enrol = (p: string) => (c: Client) =>
      c.query(
        `INSERT INTO insurance_pension.insurance_enrolment (id, person_id, insurance_year, category, status, enrolled_on)
         VALUES ($1, $2, $3, 'A①', 'ENROLLED', $4)`,
        [randomUUID(), p, YEAR + 3, TODAY],
      );
    const leave = (m: string) => (c: Client) =>
      c.query(`UPDATE membership.membership SET status = 'LEFT', left_on = $2 WHERE id = $1`, [m, TODAY]);

    it('an enrolment, then the end of the JMA membership before it commits', async () => {
      const { p, m } = await member();
      const waited = await race(enrol(p), leave(m));
      await expectJmaInsuranceCountsMaintained(admin);
      expect(waited).toBe(true);
    });

    it('the end of the JMA membership, then an enrolment before it commits', async () => {
      const { p, m } = await member();
      const waited = await race(leave(m), enrol(p));
      await expectJmaInsuranceCountsMaintained(admin);
      expect(waited).toBe(true);
    });
  });
});
