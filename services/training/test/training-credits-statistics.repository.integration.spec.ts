import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { addDays, clock, runAsSystem, runAsViewer, type Viewer } from '@mamis/platform';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import {
  buildAssociation,
  buildAttendance,
  buildJmaAndTokyo,
  buildMembership,
  buildPerson,
  buildStaffViewer,
  buildTrainingSession,
} from '../../../test/support/builders';
import { makeDataSource } from '../src/data-source';
import { makeDataSource as makeMembershipDataSource } from '../../membership/src/data-source';
import { CreditLedgerRepository } from '../src/repositories/credit-ledger.repository';
import {
  TrainingStatisticsRepository,
  type TrainingDimension,
} from '../src/repositories/training-statistics.repository';
import { REFRESH_JMA_CREDIT_COUNTS_SQL } from '../src/repositories/jma-credit-counts.sql';
import { expectJmaCreditCountsMaintained } from './support/jma-credit-counts';

const PROGRAMS = ['CME', 'SPORTS', 'OWN', 'NONE'];
const GROUPINGS: TrainingDimension[][] = [
  [],
  ['UNITS_BAND'],
  ['PREFECTURE'],
  ['UNITS_BAND', 'PREFECTURE'],
  ['PREFECTURE', 'UNITS_BAND'],
];
/** Units per entry: every band is reached by one or two entries, and some sums are zero. */
const UNITS = [0.5, 3, 5, 7.5, 12, 25, 1, 4.5, 9.5, 19.5];

/**
 * The JMA's trainingCredits answer from the maintained counts (migration JmaCreditCounts); other
 * associations scan the population. Summary and scan must give the same answer for every
 * programme, fiscal year and grouping, and the counts must equal their recount after every kind of
 * write that moves them: credit entries added and reversed, attendance added and cancelled, the
 * JMA joined and left, a transfer between prefectural associations, a prefecture renamed.
 */
describe('TrainingStatisticsRepository: the JMA credit counts = the population scan (real PostgreSQL)', () => {
  let db: TestDatabase;
  let admin: Client;
  let ds: DataSource;
  let membershipDs: DataSource;
  let repo: TrainingStatisticsRepository;
  let jma: string;
  let tokyo: string;
  let osaka: string;
  let kanagawa: string;
  let cmeSession: string;
  let ownSession: string;
  const today = clock.today();
  const fiscalYear = Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) < 4 ? 1 : 0);
  const fiscalYears = [fiscalYear - 2, fiscalYear - 1, fiscalYear, fiscalYear + 1];
  const persons: string[] = [];
  const staff: Viewer = buildStaffViewer('00000000-0000-0000-0000-000000000000', {
    associationTier: 'NATIONAL',
  });

  const credit = (personId: string, program: string, units: number, earnedOn: string) =>
    admin.query(
      `INSERT INTO training.credit_entry (id, person_id, program_code, code, units, earned_on, source, evidence, recorded_by)
       VALUES ($1, $2, $3, '1', $4, $5, 'MANUAL', 'test', 'test')`,
      [randomUUID(), personId, program, units, earnedOn],
    );

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
    kanagawa = (
      await buildAssociation(admin, { code: 'P14', tier: 'PREFECTURAL', prefecture_code: 14, parent_id: jma })
    ).id;
    const municipal = (await buildAssociation(admin, { parent_id: tokyo })).id;
    cmeSession = (await buildTrainingSession(admin, { host_association_id: jma, program_code: 'CME' })).id;
    ownSession = (await buildTrainingSession(admin, { host_association_id: municipal, program_code: 'OWN' }))
      .id;
    for (let i = 0; i < 48; i++) {
      const p = (await buildPerson(admin)).id;
      persons.push(p);
      // in the JMA's population by membership, by JMA-programme attendance, both, or not at all
      if (i % 4 === 0) await buildMembership(admin, { person_id: p, association_id: jma });
      if (i % 4 === 1)
        await buildMembership(admin, {
          person_id: p,
          association_id: jma,
          status: 'LEFT',
          left_on: addDays(today, -200),
        });
      // no prefecture, one, two (the first by code counts), or one left
      if (i % 3 === 0) await buildMembership(admin, { person_id: p, association_id: tokyo });
      if (i % 3 === 1) await buildMembership(admin, { person_id: p, association_id: osaka });
      if (i % 7 === 0 || i % 7 === 1)
        await buildMembership(admin, { person_id: p, association_id: kanagawa });
      if (i % 3 === 2 && i % 2 === 0)
        await buildMembership(admin, {
          person_id: p,
          association_id: tokyo,
          status: 'TRANSFERRED',
          left_on: addDays(today, -30),
        });
      if (i % 5 === 0) await buildAttendance(admin, { session_id: cmeSession, person_id: p });
      if (i % 5 === 1)
        await buildAttendance(admin, { session_id: cmeSession, person_id: p, status: 'CANCELLED' });
      if (i % 5 === 2) await buildAttendance(admin, { session_id: ownSession, person_id: p });
      // credits this fiscal year and the last, in two programmes; a few reversed to zero
      for (const [k, program] of ['CME', 'SPORTS', 'OWN'].entries()) {
        if ((i + k) % 4 === 3) continue;
        await credit(p, program, UNITS[(i + k) % UNITS.length]!, today);
        if ((i + k) % 3 === 0) await credit(p, program, UNITS[(i * 7 + k) % UNITS.length]!, today);
        if ((i + k) % 5 === 0) await credit(p, program, 2, addDays(today, -370));
        if ((i + k) % 11 === 0) await credit(p, program, -UNITS[(i + k) % UNITS.length]!, today);
      }
    }
    ds = makeDataSource(db.urlFor('training')).dataSource;
    membershipDs = makeMembershipDataSource(db.urlFor('membership')).dataSource;
    await Promise.all([ds.initialize(), membershipDs.initialize()]);
    repo = new TrainingStatisticsRepository(ds);
  });

  afterAll(async () => {
    await ds?.destroy();
    await membershipDs?.destroy();
    await db?.drop();
  });

  /** Summary = scan for every programme, fiscal year and grouping; returns the answers. */
  async function expectSummaryEqualsScan() {
    const answers: unknown[] = [];
    for (const program of PROGRAMS)
      for (const year of fiscalYears)
        for (const dims of GROUPINGS) {
          const summarised = await runAsSystem(() => repo.credits(jma, true, program, year, dims));
          const scanned = await runAsSystem(() => repo.creditsScanned(jma, true, program, year, dims));
          expect({ program, year, dims, answer: summarised }).toEqual({
            program,
            year,
            dims,
            answer: scanned,
          });
          answers.push(summarised);
        }
    return answers;
  }

  const cmeNow = () => runAsSystem(() => repo.credits(jma, true, 'CME', fiscalYear, ['UNITS_BAND']));

  it('the data is not trivial: every band, several prefectures, and persons outside the population', async () => {
    const bands = await cmeNow();
    expect(bands.cells.map((c) => c.keys[0])).toEqual(['0', '0.5-4.5', '10-19.5', '20+', '5-9.5']);
    const prefectures = await runAsSystem(() => repo.credits(jma, true, 'CME', fiscalYear, ['PREFECTURE']));
    expect(prefectures.cells.map((c) => c.keys[0])).toEqual(['(none)', '13', '14', '27']);
    const { rows } = await admin.query<{ n: number }>(
      `SELECT count(DISTINCT person_id)::int AS n FROM training.credit_entry`,
    );
    expect(bands.population).toBeLessThan(rows[0]!.n);
    expect((await expectJmaCreditCountsMaintained(admin)).every((n) => n > 0)).toBe(true);
  });

  it('every programme, fiscal year and grouping: the same cells as the scan', async () => {
    await expectSummaryEqualsScan();
  });

  it('the JMA routes to the summary; another association scans', async () => {
    // a count moved by hand shows which one answered (put back after)
    await admin.query(
      `UPDATE training.jma_population_count SET persons = persons + 1 WHERE prefecture = '13'`,
    );
    try {
      const jmaAnswer = await runAsSystem(() => repo.credits(jma, true, 'CME', fiscalYear, ['PREFECTURE']));
      const scanned = await runAsSystem(() =>
        repo.creditsScanned(jma, true, 'CME', fiscalYear, ['PREFECTURE']),
      );
      expect(jmaAnswer.population).toBe(scanned.population + 1);
    } finally {
      await admin.query(
        `UPDATE training.jma_population_count SET persons = persons - 1 WHERE prefecture = '13'`,
      );
    }
    for (const dims of GROUPINGS) {
      const tokyoAnswer = await runAsSystem(() => repo.credits(tokyo, false, 'CME', fiscalYear, dims));
      expect(tokyoAnswer).toEqual(
        await runAsSystem(() => repo.creditsScanned(tokyo, false, 'CME', fiscalYear, dims)),
      );
    }
  });

  describe('every write that moves the counts keeps them equal to the recount', () => {
    // a person with credits outside the population: no JMA membership, no attendance
    const outsider = () => persons.find((_, i) => i % 4 === 2 && i % 5 >= 3)!;

    afterEach(async () => {
      await expectJmaCreditCountsMaintained(admin);
      await expectSummaryEqualsScan();
    });

    it('credit entries recorded and reversed by the ledger (training role), across bands', async () => {
      const ledger = new CreditLedgerRepository(ds);
      const member = persons[0]!;
      const before = await cmeNow();
      const entries = await runAsViewer({ ...staff, associationId: jma }, () =>
        ds.transaction((m) =>
          ledger.insertEntries(m, [
            {
              personId: member,
              programCode: 'CME',
              code: '1',
              units: 15,
              earnedOn: today,
              source: 'MANUAL',
              sessionId: null,
              evidence: 'test',
              recordedBy: 'test',
            },
            {
              personId: persons[4]!,
              programCode: 'CME',
              code: '2',
              units: 0.5,
              earnedOn: addDays(today, -400),
              source: 'MANUAL',
              sessionId: null,
              evidence: 'test',
              recordedBy: 'test',
            },
            {
              personId: outsider(),
              programCode: 'CME',
              code: '2',
              units: 3,
              earnedOn: today,
              source: 'MANUAL',
              sessionId: null,
              evidence: 'test',
              recordedBy: 'test',
            },
          ]),
        ),
      );
      await expectJmaCreditCountsMaintained(admin);
      expect(await cmeNow()).not.toEqual(before);
      await runAsViewer({ ...staff, associationId: jma }, () =>
        ds.transaction((m) => ledger.insertReversals(m, entries, 'entered twice', 'test')),
      );
      expect(await cmeNow()).toEqual(before);
    });

    it('credit entries moved and deleted with the ledger guard off (as erasure does)', async () => {
      await admin.query(`ALTER TABLE training.credit_entry DISABLE TRIGGER credit_entry_append_only`);
      try {
        await admin.query(
          `UPDATE training.credit_entry SET earned_on = $2 WHERE id IN (
             SELECT id FROM training.credit_entry WHERE person_id = $1 AND program_code = 'CME' ORDER BY id LIMIT 1)`,
          [persons[8], addDays(today, -370)],
        );
        await admin.query(
          `UPDATE training.credit_entry SET person_id = $2 WHERE id IN (
             SELECT id FROM training.credit_entry WHERE person_id = $1 ORDER BY id LIMIT 2)`,
          [persons[12], outsider()],
        );
        await admin.query(`UPDATE training.credit_entry SET units = units * 2 WHERE person_id = $1`, [
          persons[16],
        ]);
        await admin.query(`DELETE FROM training.credit_entry WHERE person_id = $1`, [persons[20]]);
      } finally {
        await admin.query(`ALTER TABLE training.credit_entry ENABLE TRIGGER credit_entry_append_only`);
      }
    });

    it('attendance in a JMA programme takes a person into the population; cancelling and deleting it out again', async () => {
      const person = outsider();
      const id = randomUUID();
      await runAsViewer({ ...staff, associationId: jma }, () =>
        ds.transaction((m) =>
          m.query(
            `INSERT INTO training.attendance (id, session_id, person_id, status, units) VALUES ($1, $2, $3, 'REGISTERED', 0)`,
            [id, cmeSession, person],
          ),
        ),
      );
      const inside = await cmeNow();
      await admin.query(`UPDATE training.attendance SET status = 'CANCELLED' WHERE id = $1`, [id]);
      const outside = await cmeNow();
      expect(inside.population).toBe(outside.population + 1);
      await admin.query(`UPDATE training.attendance SET status = 'REGISTERED' WHERE id = $1`, [id]);
      await admin.query(`DELETE FROM training.attendance WHERE id = $1`, [id]);
      // attendance in an association's own programme does not count
      await buildAttendance(admin, { session_id: ownSession, person_id: person });
    });

    it('joining the JMA takes a person into the population, leaving takes them out (membership role)', async () => {
      const person = outsider();
      const id = randomUUID();
      const asMembership = (sql: string, params: unknown[]) =>
        runAsViewer({ ...staff, associationId: jma }, () =>
          membershipDs.transaction((m) => m.query(sql, params)),
        );
      const before = await cmeNow();
      await asMembership(
        `INSERT INTO membership.membership (id, person_id, association_id, category, status, joined_on)
         VALUES ($1, $2, $3, 'A①', 'ACTIVE', $4)`,
        [id, person, jma, addDays(today, -5)],
      );
      await expectJmaCreditCountsMaintained(admin);
      expect((await cmeNow()).population).toBe(before.population + 1);
      await asMembership(`UPDATE membership.membership SET status = 'LEFT', left_on = $2 WHERE id = $1`, [
        id,
        today,
      ]);
      await expectJmaCreditCountsMaintained(admin);
      expect(await cmeNow()).toEqual(before);
      // a municipal association changes nothing; deleting the JMA period neither
      const municipal = (await buildAssociation(admin, { parent_id: tokyo })).id;
      await buildMembership(admin, { person_id: person, association_id: municipal });
      await admin.query(`DELETE FROM membership.membership WHERE id = $1`, [id]);
    });

    it('a transfer between prefectural associations moves the person (two statements, and one)', async () => {
      const person = persons[0]!; // a JMA member of Tokyo and Kanagawa: counted under 13
      const asMembership = (sql: string, params: unknown[]) =>
        runAsViewer({ ...staff, associationId: jma }, () =>
          membershipDs.transaction((m) => m.query(sql, params)),
        );
      const before = await runAsSystem(() => repo.credits(jma, true, 'CME', fiscalYear, ['PREFECTURE']));
      await asMembership(
        `UPDATE membership.membership SET status = 'TRANSFERRED', left_on = $3 WHERE person_id = $1 AND association_id = $2`,
        [person, tokyo, today],
      );
      await expectJmaCreditCountsMaintained(admin);
      const moved = await runAsSystem(() => repo.credits(jma, true, 'CME', fiscalYear, ['PREFECTURE']));
      expect(moved).not.toEqual(before);
      await asMembership(
        `INSERT INTO membership.membership (id, person_id, association_id, category, status, joined_on)
         VALUES ($1, $2, $3, 'A①', 'ACTIVE', $4)`,
        [randomUUID(), person, osaka, today],
      );
      await expectJmaCreditCountsMaintained(admin);
      // one statement: a membership's association changed, and a JMA membership and a prefectural
      // one ended together
      await admin.query(
        `UPDATE membership.membership SET association_id = $2 WHERE person_id = $1 AND association_id = $3`,
        [persons[3], kanagawa, osaka],
      );
      await expectJmaCreditCountsMaintained(admin);
      await admin.query(
        `UPDATE membership.membership SET status = 'LEFT', left_on = $2 WHERE person_id = $1 AND status = 'ACTIVE'`,
        [persons[24], today],
      );
    });

    it("a prefectural association's prefecture or code changed (no write path does it) recounts", async () => {
      await admin.query(`UPDATE membership.association SET prefecture_code = 28 WHERE id = $1`, [osaka]);
      await expectJmaCreditCountsMaintained(admin);
      await expectSummaryEqualsScan();
      // Kanagawa's code after Osaka's: persons in both now count under Osaka
      await admin.query(`UPDATE membership.association SET code = 'P99' WHERE id = $1`, [kanagawa]);
      await expectJmaCreditCountsMaintained(admin);
      await expectSummaryEqualsScan();
      await admin.query(`UPDATE membership.association SET code = 'P14' WHERE id = $1`, [kanagawa]);
      await admin.query(`UPDATE membership.association SET prefecture_code = 27 WHERE id = $1`, [osaka]);
    });

    /**
     * `firstWrite` in one transaction, `secondWrite` in another begun before the first commits:
     * the second waits for the first (without that, both would count from the same state).
     */
    async function concurrently(
      firstWrite: (c: Client) => Promise<unknown>,
      secondWrite: (c: Client) => Promise<unknown>,
    ) {
      const [first, second] = [new Client(db.adminUrl), new Client(db.adminUrl)];
      await Promise.all([first.connect(), second.connect()]);
      try {
        await first.query('BEGIN');
        await second.query('BEGIN');
        await firstWrite(first);
        let secondDone = false;
        const written = secondWrite(second).then(() => (secondDone = true));
        await new Promise((r) => setTimeout(r, 300));
        expect(secondDone).toBe(false);
        await first.query('COMMIT');
        await written;
        await second.query('COMMIT');
      } finally {
        await Promise.all([first.end(), second.end()]);
      }
    }

    it("two transactions writing one person's units at once take turns (each counts the other's committed entries)", async () => {
      const entry = (client: Client, units: number) =>
        client.query(
          `INSERT INTO training.credit_entry (id, person_id, program_code, code, units, earned_on, source, evidence, recorded_by)
           VALUES ($1, $2, 'CME', '1', $3, $4, 'MANUAL', 'test', 'test')`,
          [randomUUID(), persons[40], units, today],
        );
      await concurrently(
        (c) => entry(c, 3),
        (c) => entry(c, 4),
      );
    });

    it('joining the JMA and attending a JMA programme at once count the person once', async () => {
      const person = persons.find((_, i) => i % 4 === 3 && i % 5 >= 3)!;
      await concurrently(
        (c) =>
          c.query(
            `INSERT INTO membership.membership (id, person_id, association_id, category, status, joined_on)
             VALUES ($1, $2, $3, 'A①', 'ACTIVE', $4)`,
            [randomUUID(), person, jma, today],
          ),
        (c) =>
          c.query(
            `INSERT INTO training.attendance (id, session_id, person_id, status, units) VALUES ($1, $2, $3, 'REGISTERED', 0)`,
            [randomUUID(), cmeSession, person],
          ),
      );
    });

    it('a bulk statement over many persons (a whole session cancelled, then restored)', async () => {
      await admin.query(`UPDATE training.attendance SET status = 'CANCELLED' WHERE session_id = $1`, [
        cmeSession,
      ]);
      await expectJmaCreditCountsMaintained(admin);
      await expectSummaryEqualsScan();
      await admin.query(
        `UPDATE training.attendance SET status = 'ATTENDED' WHERE session_id = $1 AND person_id = ANY ($2)`,
        [cmeSession, persons.filter((_, i) => i % 5 === 0)],
      );
    });

    it('a bulk statement of more rows than the deltas take (recounted): 720 credit entries', async () => {
      await admin.query(
        `INSERT INTO training.credit_entry (id, person_id, program_code, code, units, earned_on, source, evidence, recorded_by)
         SELECT gen_random_uuid(), p, (ARRAY['CME', 'SPORTS', 'OWN'])[1 + g % 3], '1', 0.5 * (1 + g % 7),
                $2::date - g * 40, 'MANUAL', 'bulk', 'test'
           FROM unnest($1::uuid[]) p CROSS JOIN generate_series(1, 15) g`,
        [persons, today],
      );
    });

    it("a session's programme changed (no write path does it) recounts", async () => {
      await admin.query(`UPDATE training.training_session SET program_code = 'OWN' WHERE id = $1`, [
        cmeSession,
      ]);
      await expectJmaCreditCountsMaintained(admin);
      await expectSummaryEqualsScan();
      await admin.query(`UPDATE training.training_session SET program_code = 'CME' WHERE id = $1`, [
        cmeSession,
      ]);
    });

    it('the bulk loaders: their refresh equals the recount, and so does a TRUNCATE', async () => {
      await admin.query(`DELETE FROM training.jma_population_count WHERE prefecture = '13'`);
      await admin.query(`UPDATE training.jma_credit_count SET persons = persons + 1`);
      await admin.query(REFRESH_JMA_CREDIT_COUNTS_SQL);
      await expectJmaCreditCountsMaintained(admin);
      await admin.query(`TRUNCATE training.attendance`);
    });
  });
});
