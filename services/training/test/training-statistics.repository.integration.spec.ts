import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
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
import { CertificationRepository } from '../src/repositories/certification.repository';
import { TrainingStatisticsRepository } from '../src/repositories/training-statistics.repository';
import { REFRESH_JMA_CERTIFICATE_COUNTS_SQL } from '../src/repositories/jma-certificate-counts.sql';
import { expectJmaCertificateCountsMaintained } from './support/jma-certificate-counts';

const PROGRAMS = ['CME', 'OCCUPATIONAL', 'SPORTS'];

/**
 * The JMA's certificateHolders (by programme, of one programme) and certificateExpiryForecast
 * answer from the maintained counts (migration JmaCertificateCounts); every other shape, and every
 * other association, scans the population. Summary and scan must give the same answer for the same
 * data on any day — today, and a day on which some certificates have expired and others begun —
 * and the counts must equal their recount after every kind of write that moves them.
 */
describe('TrainingStatisticsRepository: the JMA certificate counts = the population scan (real PostgreSQL)', () => {
  let db: TestDatabase;
  let admin: Client;
  let ds: DataSource;
  let membershipDs: DataSource;
  let repo: TrainingStatisticsRepository;
  let jma: string;
  let tokyo: string;
  let cmeSession: string;
  let ownSession: string;
  const today = clock.today();
  // ten days on: certificates expiring in between are no longer valid, those starting are
  const days = [today, addDays(today, 10)];
  const fiscalYear = Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) < 4 ? 1 : 0);
  const persons: string[] = [];

  const certificate = (personId: string, program: string, from: number, to: number) =>
    admin.query(
      `INSERT INTO training.certificate (id, number, person_id, program_code, valid_from, valid_to, holder_name,
         verification_code, issuer_association_id, issued_by)
       VALUES ($1, $2, $3, $4, $5, $6, 'テスト 太郎', $7, $8, 'test')`,
      [
        randomUUID(),
        `${program}-${randomUUID().slice(0, 8)}`,
        personId,
        program,
        addDays(today, from),
        addDays(today, to),
        randomUUID().slice(0, 14),
        jma,
      ],
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await db.admin();
    ({
      jma: { id: jma },
      tokyo: { id: tokyo },
    } = await buildJmaAndTokyo(admin));
    const municipal = (await buildAssociation(admin, { parent_id: tokyo })).id;
    cmeSession = (await buildTrainingSession(admin, { host_association_id: jma, program_code: 'CME' })).id;
    ownSession = (await buildTrainingSession(admin, { host_association_id: municipal, program_code: 'OWN' }))
      .id;
    // validity shapes, relative to today (days): expiring before the later day, beginning before
    // it, long past, far ahead, two overlapping, a renewal adjacent to its predecessor, and one
    // valid on no day at all
    const shapes: [number, number][][] = [
      [[-400, 5]],
      [[3, 368]],
      [[-800, -300]],
      [
        [-100, 100],
        [-50, 300],
      ],
      [
        [-365, -1],
        [0, 364],
      ],
      [
        [-10, 8],
        [9, 700],
      ],
      [[20, 10]],
      [[-30, 1500]],
    ];
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
      if (i % 3 === 0) await buildMembership(admin, { person_id: p, association_id: tokyo });
      if (i % 5 === 0) await buildAttendance(admin, { session_id: cmeSession, person_id: p });
      if (i % 5 === 1)
        await buildAttendance(admin, { session_id: cmeSession, person_id: p, status: 'CANCELLED' });
      if (i % 5 === 2) await buildAttendance(admin, { session_id: ownSession, person_id: p });
      for (const [k, program] of PROGRAMS.entries())
        if ((i + k) % 3 !== 2)
          for (const [from, to] of shapes[(i + k) % shapes.length]!) await certificate(p, program, from, to);
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

  /** Summary = scan for every shape routed to the summary, on both days; returns the answers. */
  async function expectSummaryEqualsScan() {
    const answers: unknown[] = [];
    for (const day of days) {
      for (const program of [null, ...PROGRAMS, 'NONE']) {
        const shapes = program ? [['PROGRAM'] as const, [] as const] : [['PROGRAM'] as const];
        for (const dims of shapes) {
          const summarised = await runAsSystem(() => repo.holders(jma, true, program, day, dims));
          const scanned = await runAsSystem(() => repo.holdersScanned(jma, true, program, day, dims));
          expect({ day, program, dims, answer: summarised }).toEqual({ day, program, dims, answer: scanned });
          answers.push(summarised);
        }
      }
    }
    for (const program of [null, ...PROGRAMS])
      for (const [from, to] of [
        [fiscalYear - 3, fiscalYear + 5],
        [fiscalYear, fiscalYear],
        [fiscalYear + 1, fiscalYear + 2],
      ] as const) {
        const summarised = await runAsSystem(() => repo.expiryForecast(jma, true, program, from, to));
        const scanned = await runAsSystem(() => repo.expiryForecastScanned(jma, true, program, from, to));
        expect({ program, from, to, answer: summarised }).toEqual({ program, from, to, answer: scanned });
        answers.push(summarised);
      }
    return answers;
  }

  it('the data is not trivial: holders on both days, different on each, and some outside the population', async () => {
    const [now, later] = await Promise.all(
      days.map((day) => runAsSystem(() => repo.holders(jma, true, null, day, ['PROGRAM']))),
    );
    expect(now!.cells.length).toBe(PROGRAMS.length);
    expect(now!.cells.every((c) => c.count > 0)).toBe(true);
    expect(later).not.toEqual(now);
    const { rows } = await admin.query<{ n: number }>(
      `SELECT count(DISTINCT person_id)::int AS n FROM training.certificate`,
    );
    const population = await runAsSystem(() => repo.holders(jma, true, null, addDays(today, 100), []));
    expect(population.population).toBeLessThan(rows[0]!.n);
    expect((await expectJmaCertificateCountsMaintained(admin)).every((n) => n > 0)).toBe(true);
  });

  it('holders by programme and of one programme, and the expiry forecast: the same cells on both days', async () => {
    await expectSummaryEqualsScan();
  });

  it('other shapes and other associations scan (the summary holds only the JMA by programme)', async () => {
    for (const day of days) {
      for (const dims of [[], ['PREFECTURE']] as const) {
        const answer = await runAsSystem(() => repo.holders(jma, true, null, day, dims));
        expect(answer).toEqual(await runAsSystem(() => repo.holdersScanned(jma, true, null, day, dims)));
      }
      const tokyoAnswer = await runAsSystem(() => repo.holders(tokyo, false, null, day, ['PROGRAM']));
      expect(tokyoAnswer).toEqual(
        await runAsSystem(() => repo.holdersScanned(tokyo, false, null, day, ['PROGRAM'])),
      );
    }
  });

  describe('every write that moves the counts keeps them equal to the recount', () => {
    const staff: Viewer = buildStaffViewer('00000000-0000-0000-0000-000000000000', {
      associationTier: 'NATIONAL',
    });
    // a holder outside the population: no JMA membership, no attendance at all, no Tokyo membership
    const outsider = () => persons.find((_, i) => i % 4 > 1 && i % 5 >= 3 && i % 3 !== 0)!;

    afterEach(async () => {
      await expectJmaCertificateCountsMaintained(admin);
      await expectSummaryEqualsScan();
    });

    it('a certificate issued by the service (new, and a renewal continuing the last one)', async () => {
      const repository = new CertificationRepository(ds);
      const holder = persons[0]!;
      await runAsViewer({ ...staff, associationId: jma }, () =>
        ds.transaction(async (m) => {
          const input = {
            personId: holder,
            programCode: 'FAMILY_DOCTOR',
            holderName: 'テスト 太郎',
            issuerAssociationId: jma,
            applicationId: randomUUID(),
            issuedBy: 'test',
          };
          await repository.issueCertificate(m, {
            ...input,
            validFrom: addDays(today, -1000),
            validTo: addDays(today, 2),
          });
          await repository.issueCertificate(m, {
            ...input,
            validFrom: addDays(today, 3),
            validTo: addDays(today, 1098),
          });
        }),
      );
    });

    it('a certificate shortened (revoked from a day), moved to another person, and deleted', async () => {
      await admin.query(
        `UPDATE training.certificate SET valid_to = $2 WHERE id = (
           SELECT id FROM training.certificate WHERE person_id = $1 ORDER BY valid_to DESC LIMIT 1)`,
        [persons[4], addDays(today, 4)],
      );
      await admin.query(
        `UPDATE training.certificate SET person_id = $2 WHERE id = (
           SELECT id FROM training.certificate WHERE person_id = $1 ORDER BY id LIMIT 1)`,
        [persons[5], outsider()],
      );
      await admin.query(`DELETE FROM training.certificate WHERE person_id = $1`, [persons[8]]);
    });

    it('attendance in a JMA programme takes a holder into the population; cancelling and deleting it out again', async () => {
      const holder = outsider();
      const id = randomUUID();
      await runAsViewer({ ...staff, associationId: jma }, () =>
        ds.transaction((m) =>
          m.query(
            `INSERT INTO training.attendance (id, session_id, person_id, status, units) VALUES ($1, $2, $3, 'REGISTERED', 0)`,
            [id, cmeSession, holder],
          ),
        ),
      );
      const inside = await runAsSystem(() => repo.holders(jma, true, null, today, ['PROGRAM']));
      await admin.query(`UPDATE training.attendance SET status = 'CANCELLED' WHERE id = $1`, [id]);
      const outside = await runAsSystem(() => repo.holders(jma, true, null, today, ['PROGRAM']));
      expect(inside).not.toEqual(outside);
      await admin.query(`UPDATE training.attendance SET status = 'REGISTERED' WHERE id = $1`, [id]);
      await admin.query(`DELETE FROM training.attendance WHERE id = $1`, [id]);
      // attendance in an association's own programme does not count
      await buildAttendance(admin, { session_id: ownSession, person_id: holder });
    });

    it('joining the JMA takes a holder into the population, leaving takes them out (membership role)', async () => {
      const holder = outsider();
      const id = randomUUID();
      const asMembership = (sql: string, params: unknown[]) =>
        runAsViewer({ ...staff, associationId: jma }, () =>
          membershipDs.transaction((m) => m.query(sql, params)),
        );
      await asMembership(
        `INSERT INTO membership.membership (id, person_id, association_id, category, status, joined_on)
         VALUES ($1, $2, $3, 'A①', 'ACTIVE', $4)`,
        [id, holder, jma, addDays(today, -5)],
      );
      await expectJmaCertificateCountsMaintained(admin);
      await asMembership(`UPDATE membership.membership SET status = 'LEFT', left_on = $2 WHERE id = $1`, [
        id,
        today,
      ]);
      await expectJmaCertificateCountsMaintained(admin);
      // a membership of another association changes nothing; deleting the JMA period neither
      await buildMembership(admin, { person_id: holder, association_id: tokyo });
      await admin.query(`DELETE FROM membership.membership WHERE id = $1`, [id]);
    });

    it('a bulk statement over many persons (a whole session cancelled, then restored)', async () => {
      await admin.query(`UPDATE training.attendance SET status = 'CANCELLED' WHERE session_id = $1`, [
        cmeSession,
      ]);
      await expectJmaCertificateCountsMaintained(admin);
      await admin.query(
        `UPDATE training.attendance SET status = 'ATTENDED' WHERE session_id = $1 AND person_id = ANY ($2)`,
        [cmeSession, persons.filter((_, i) => i % 5 === 0)],
      );
    });

    it('a bulk statement of more rows than the deltas take (recounted): 720 certificates in, then out', async () => {
      await admin.query(
        `INSERT INTO training.certificate (id, number, person_id, program_code, valid_from, valid_to, holder_name,
           verification_code, issuer_association_id, issued_by)
         SELECT gen_random_uuid(), 'BULK-' || g || '-' || p, p, (ARRAY['CME', 'SPORTS', 'OCCUPATIONAL'])[1 + g % 3],
                $2::date + (g - 8) * 3, $2::date + (g - 8) * 3 + 20, 'テスト 太郎', 'BULK-' || g || '-' || p, $3, 'test'
           FROM unnest($1::uuid[]) p CROSS JOIN generate_series(1, 15) g`,
        [persons, today, jma],
      );
      await expectJmaCertificateCountsMaintained(admin);
      await expectSummaryEqualsScan();
      await admin.query(`DELETE FROM training.certificate WHERE number LIKE 'BULK-%'`);
    });

    it("a session's programme changed (no write path does it) recounts", async () => {
      await admin.query(`UPDATE training.training_session SET program_code = 'OWN' WHERE id = $1`, [
        cmeSession,
      ]);
      await expectJmaCertificateCountsMaintained(admin);
      await admin.query(`UPDATE training.training_session SET program_code = 'CME' WHERE id = $1`, [
        cmeSession,
      ]);
    });

    it('the bulk loaders: their refresh equals the recount, and so does a TRUNCATE', async () => {
      await admin.query(`DELETE FROM training.jma_holding_count`);
      await admin.query(`UPDATE training.jma_expiry_count SET certificates = certificates + 1`);
      await admin.query(REFRESH_JMA_CERTIFICATE_COUNTS_SQL);
      await expectJmaCertificateCountsMaintained(admin);
      await admin.query(`TRUNCATE training.attendance`);
    });
  });
});
