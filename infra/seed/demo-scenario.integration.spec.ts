import { addDays, clock } from '@mamis/platform';
import { installAssociationDefaults } from '@mamis/membership/src/dues/install-defaults';
import { createTestDatabase, type TestDatabase } from '../../test/support/database';
import { DEMO_PERSON_IDS, DEMO_SOCIETY_ID } from './fixtures';
import {
  DEMO_SCENARIO_IDS,
  DEMO_VERIFICATION_CODES,
  seedDemoScenario,
  type DemoScenarioResult,
} from './demo-scenario';
import { loadSeed } from './load';

describe('seedDemoScenario (demo scale, dated from the clock)', () => {
  let db: TestDatabase;
  let first: DemoScenarioResult;
  let second: DemoScenarioResult;
  const today = clock.today();

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadSeed({ adminUrl: db.adminUrl, scale: 'demo' });
    const admin = await db.admin();
    await installAssociationDefaults(admin, { fiscalYear: clock.fiscalYear() });
    first = await seedDemoScenario(admin, today);
    second = await seedDemoScenario(admin, today);
  }, 120_000);
  afterAll(() => db.drop());

  const rows = async <T extends object>(sql: string, params: unknown[] = []) =>
    (await (await db.admin()).query<T & Record<string, unknown>>(sql, params)).rows;

  it('writes every part once; a second run adds nothing', () => {
    expect(first.applied).toBe(true);
    expect(first.created).toMatchObject({
      sessions: 1,
      attendances: 3,
      feeSchedules: 3,
      certificates: 3,
      certificationApplications: 2,
      certificationSteps: 3,
      joinApplications: 3,
      joinApplicationSteps: 9,
    });
    for (const part of ['invoices', 'payments', 'notices', 'reminders'])
      expect(first.created[part]).toBeGreaterThan(0);
    expect(second.applied).toBe(true);
    expect(Object.values(second.created).every((n) => n === 0)).toBe(true);
  });

  it('a past session co-hosted by the demo society, attended by 900001–900003', async () => {
    const r = await rows<{ person_id: string; status: string; day: string }>(
      `SELECT a.person_id::text AS person_id, a.status, (s.starts_at AT TIME ZONE 'Asia/Tokyo')::date::text AS day
         FROM training.attendance a JOIN training.training_session s ON s.id = a.session_id
        WHERE s.cohost_society_id = $1 ORDER BY 1`,
      [DEMO_SOCIETY_ID],
    );
    expect(r.map((x) => x.person_id)).toEqual(
      [DEMO_PERSON_IDS.municipalOnly, DEMO_PERSON_IDS.upToPrefectural, DEMO_PERSON_IDS.upToNational].sort(),
    );
    expect(r.every((x) => x.status === 'ATTENDED' && x.day === addDays(today, -21))).toBe(true);
  });

  it("文京区医師会's invoices of this fiscal year: some paid (with a payment), 900002 in arrears", async () => {
    const r = await rows<{
      person_id: string;
      status: string;
      paid_yen: number;
      amount_yen: number;
      payments: number;
    }>(
      `SELECT i.person_id::text AS person_id, i.status, i.paid_yen, i.amount_yen,
              (SELECT count(*)::int FROM membership.dues_payment p WHERE p.invoice_id = i.id) AS payments
         FROM membership.dues_invoice i JOIN membership.association a ON a.id = i.association_id
        WHERE a.code = 'M13005' AND i.fiscal_year = $1`,
      [clock.fiscalYear()],
    );
    const of = (id: string) => r.find((x) => x.person_id === id);
    expect(of(DEMO_PERSON_IDS.municipalOnly)).toMatchObject({ status: 'PAID', payments: 1 });
    expect(of(DEMO_PERSON_IDS.upToNational)).toMatchObject({ status: 'PAID', payments: 1 });
    expect(of(DEMO_PERSON_IDS.upToPrefectural)).toMatchObject({ status: 'OPEN', paid_yen: 0, payments: 0 });
    expect(r.every((x) => x.status === 'OPEN' || (x.paid_yen === x.amount_yen && x.payments === 1))).toBe(
      true,
    );
    expect(r.filter((x) => x.status === 'OPEN').length).toBeGreaterThan(0);
  });

  it('certificates: one expiring within the next months, with its reminder notices queued', async () => {
    const r = await rows<{ valid_to: string; verification_code: string }>(
      `SELECT valid_to::text AS valid_to, verification_code FROM training.certificate WHERE id = $1`,
      [DEMO_SCENARIO_IDS.expiringCertificate],
    );
    expect(r).toEqual([
      { valid_to: addDays(today, 60), verification_code: DEMO_VERIFICATION_CODES.expiringCertificate },
    ]);
    const due = await rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM training.notification_outbox WHERE certificate_id = $1 AND due_on <= $2::date`,
      [DEMO_SCENARIO_IDS.expiringCertificate, today],
    );
    expect(due[0]!.n).toBeGreaterThan(0);
  });

  it('pending applications at every tier', async () => {
    const certs = await rows<{ id: string; status: string }>(
      `SELECT id::text AS id, status FROM training.certification_application WHERE id = ANY($1::uuid[]) ORDER BY 1`,
      [[DEMO_SCENARIO_IDS.applicationAtPrefecture, DEMO_SCENARIO_IDS.applicationAtJma]],
    );
    expect(certs).toEqual([
      { id: DEMO_SCENARIO_IDS.applicationAtPrefecture, status: 'FILED' },
      { id: DEMO_SCENARIO_IDS.applicationAtJma, status: 'CHECKED' },
    ]);
    const waiting = await rows<{ id: string; tier: string }>(
      `SELECT DISTINCT ON (s.application_id) s.application_id::text AS id, a.tier
         FROM membership.membership_application_step s
         JOIN membership.membership_application ap ON ap.id = s.application_id
         JOIN membership.association a ON a.id = s.association_id
        WHERE ap.status = 'PENDING' AND s.status = 'PENDING' AND s.application_id = ANY($1::uuid[])
        ORDER BY s.application_id, s.ordinal`,
      [
        [
          DEMO_SCENARIO_IDS.joinAtMunicipal,
          DEMO_SCENARIO_IDS.joinAtPrefectural,
          DEMO_SCENARIO_IDS.joinAtNational,
        ],
      ],
    );
    expect(waiting).toEqual([
      { id: DEMO_SCENARIO_IDS.joinAtMunicipal, tier: 'MUNICIPAL' },
      { id: DEMO_SCENARIO_IDS.joinAtPrefectural, tier: 'PREFECTURAL' },
      { id: DEMO_SCENARIO_IDS.joinAtNational, tier: 'NATIONAL' },
    ]);
    // the applicants are none of the demo persons (their relations stay as fixtures.ts describes)
    const applicants = await rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM membership.membership_application WHERE person_id = ANY($1::uuid[])`,
      [Object.values(DEMO_PERSON_IDS)],
    );
    expect(applicants[0]!.n).toBe(0);
  });

  it('a notice of 文京区医師会 to each of its current members, 900001 among them', async () => {
    const r = await rows<{ subject_ja: string }>(
      `SELECT subject_ja FROM consent.notification WHERE kind = 'ASSOCIATION_NOTICE' AND person_id = $1`,
      [DEMO_PERSON_IDS.municipalOnly],
    );
    expect(r).toEqual([{ subject_ja: '【文京区医師会】年次総会のご案内' }]);
  });
});
