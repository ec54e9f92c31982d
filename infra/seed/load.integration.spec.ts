import { createTestDatabase, type TestDatabase } from '../../test/support/database';
import { DEMO_MUNICIPAL_CODE, DEMO_PERSONS, DEMO_SESSION_IDS, NATIONAL_CODE } from './fixtures';
import { generateDataset } from './generate';
import { DERIVED_TABLES, DUES_FISCAL_YEAR } from './generate-dues-certificates';
import { isSeeded, loadDataset, loadSeed, type LoadResult } from './load';
import { TABLE_NAMES } from './tables';
import { expectMemberOrderMaintained } from '../../services/membership/test/support/member-order';
import { expectJmaCertificateCountsMaintained } from '../../services/training/test/support/jma-certificate-counts';
import { expectJmaCreditCountsMaintained } from '../../services/training/test/support/jma-credit-counts';
import { expectJmaInsuranceCountsMaintained } from '../../services/insurance-pension/test/support/jma-insurance-counts';

describe('loadSeed (demo scale)', () => {
  let db: TestDatabase;
  let result: LoadResult;
  let seededBefore: boolean;

  beforeAll(async () => {
    db = await createTestDatabase();
    seededBefore = await isSeeded(db.adminUrl);
    result = await loadSeed({ adminUrl: db.adminUrl, scale: 'demo' });
  });
  afterAll(() => db.drop());

  const count = async (table: string) => {
    const [schema, name] = table.split('.');
    const { rows } = await (
      await db.admin()
    ).query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}"."${name}"`);
    return Number(rows[0]!.n);
  };

  it('reports seeded only after loading', async () => {
    expect(seededBefore).toBe(false);
    expect(await isSeeded(db.adminUrl)).toBe(true);
  });

  it("loads exactly the generator's rows into every table", async () => {
    const dataset = generateDataset({ scale: 'demo' });
    for (const table of dataset.tables) {
      let expected = 0;
      for (const _ of table.rows()) expected++;
      expect(result.counts[table.name]).toBe(expected);
      expect(await count(table.name)).toBe(expected);
    }
    expect(Object.keys(result.counts).sort()).toEqual([...TABLE_NAMES, ...DERIVED_TABLES].sort());
    expect(result.counts['membership.person']).toBe(2_000);
    expect(result.ms).toBeGreaterThan(0);
  });

  it('fills the member page sort key and the member counts itself (its COPY runs with triggers off)', async () => {
    const recount = await expectMemberOrderMaintained(await db.admin());
    expect(recount.reduce((n, r) => n + r.members, 0)).toBeGreaterThan(2_000);
  });

  it("fills the JMA's certificate counts itself (the certificates of its population)", async () => {
    expect((await expectJmaCertificateCountsMaintained(await db.admin())).every((n) => n > 0)).toBe(true);
  });

  it("fills the JMA's credit counts itself (its population and their units)", async () => {
    expect((await expectJmaCreditCountsMaintained(await db.admin())).every((n) => n > 0)).toBe(true);
  });

  it("fills the JMA's insurance counts itself (its insured members, and the enrolled of each year)", async () => {
    expect((await expectJmaInsuranceCountsMaintained(await db.admin())).every((n) => n > 0)).toBe(true);
  });

  it('stores the fixtures so they can be found by registry number', async () => {
    const admin = await db.admin();
    const { rows } = await admin.query<{ code: string; category: string; status: string }>(
      `SELECT a.code, m.category, m.status
         FROM membership.person p
         JOIN membership.membership m ON m.person_id = p.id
         JOIN membership.association a ON a.id = m.association_id
        WHERE p.registry_number = $1
        ORDER BY a.code`,
      [DEMO_PERSONS.upToNational],
    );
    expect(rows).toEqual([
      { code: NATIONAL_CODE, category: 'A①', status: 'ACTIVE' },
      { code: DEMO_MUNICIPAL_CODE, category: 'A', status: 'ACTIVE' },
      { code: 'P13', category: 'A', status: 'ACTIVE' },
    ]);
    const insurance = await admin.query(
      `SELECT i.rider FROM insurance_pension.insurance_enrolment i JOIN membership.person p ON p.id = i.person_id WHERE p.registry_number = $1`,
      [DEMO_PERSONS.upToNational],
    );
    expect(insurance.rows).toEqual([{ rider: true }]);
    const attended = await admin.query<{ session_id: string }>(
      `SELECT a.session_id FROM training.attendance a JOIN membership.person p ON p.id = a.person_id
        WHERE p.registry_number = $1 ORDER BY a.session_id`,
      [DEMO_PERSONS.trainingOnlyNonMember],
    );
    expect(attended.rows.map((r) => r.session_id)).toEqual(
      [DEMO_SESSION_IDS.municipalOwn, DEMO_SESSION_IDS.jmaCme].sort(),
    );
  });

  it("derives the JMA's dues of FY2024 (paid, partly paid, unpaid, with payments) and JMA certificates", async () => {
    const admin = await db.admin();
    const dues = await admin.query<{ state: string; n: number; payments: number }>(
      `SELECT CASE WHEN i.paid_yen >= i.amount_yen THEN 'PAID' WHEN i.paid_yen > 0 THEN 'PARTIAL' ELSE 'UNPAID' END AS state,
              count(*)::int AS n, count(p.id)::int AS payments
         FROM membership.dues_invoice i JOIN membership.association a ON a.id = i.association_id
         LEFT JOIN membership.dues_payment p ON p.invoice_id = i.id AND p.amount_yen = i.paid_yen
        WHERE a.code = $1 AND i.fiscal_year = $2 AND i.amount_yen > 0 GROUP BY 1 ORDER BY 1`,
      [NATIONAL_CODE, DUES_FISCAL_YEAR],
    );
    expect(dues.rows.map((r) => r.state)).toEqual(['PAID', 'PARTIAL', 'UNPAID']);
    for (const r of dues.rows) expect(r.payments).toBe(r.state === 'UNPAID' ? 0 : r.n);
    expect(dues.rows.reduce((s, r) => s + r.n, 0)).toBe(
      result.counts['membership.dues_invoice']! - (await zeroInvoices()),
    );
    const certs = await admin.query<{ program_code: string; n: number; valid_on_reference_day: number }>(
      `SELECT program_code, count(*)::int AS n,
              count(*) FILTER (WHERE valid_from <= DATE '2025-03-31' AND valid_to >= DATE '2025-03-31')::int AS valid_on_reference_day
         FROM training.certificate GROUP BY 1 ORDER BY 1`,
    );
    expect(certs.rows.map((r) => r.program_code)).toEqual(['CME', 'FAMILY_DOCTOR', 'OCCUPATIONAL', 'SPORTS']);
    expect(certs.rows.every((r) => r.n >= 10 && r.valid_on_reference_day === r.n)).toBe(true);
    expect(certs.rows.reduce((s, r) => s + r.n, 0)).toBe(result.counts['training.certificate']);
    // unique numbers and verification codes in the printed format
    const codes = await admin.query<{ bad: number }>(
      `SELECT count(*) FILTER (WHERE verification_code !~ '^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$')::int AS bad FROM training.certificate`,
    );
    expect(codes.rows[0]!.bad).toBe(0);
  });

  const zeroInvoices = async () =>
    Number(
      (
        await (
          await db.admin()
        ).query<{ n: string }>(`SELECT count(*) AS n FROM membership.dues_invoice WHERE amount_yen = 0`)
      ).rows[0]!.n,
    );

  it('round-trips Japanese text, arrays and multi-line text through COPY', async () => {
    const admin = await db.admin();
    const person = await admin.query(
      `SELECT family_name, given_name_kana, departments FROM membership.person WHERE registry_number = $1`,
      [DEMO_PERSONS.upToNational],
    );
    expect(person.rows).toEqual([
      { family_name: '佐藤', given_name_kana: 'イチロウ', departments: ['整形外科', 'リハビリテーション科'] },
    ]);
    const terms = await admin.query(
      `SELECT version, effective_from::text AS effective_from, body_ja FROM consent.terms_version`,
    );
    expect(terms.rows).toHaveLength(1);
    expect(terms.rows[0]).toMatchObject({ version: '1.01', effective_from: '2024-09-27' });
    expect(terms.rows[0].body_ja).toBe(generateDataset({ scale: 'demo' }).termsVersion.bodyJa);
  });

  it('refuses to load into a database that already has data', async () => {
    await expect(loadSeed({ adminUrl: db.adminUrl, scale: 'demo' })).rejects.toThrow(
      /refusing to seed: the database already has data/,
    );
    expect(await count('membership.person')).toBe(2_000);
  });
});

describe('loadSeed preconditions', () => {
  it('refuses a database that is not migrated', async () => {
    const db = await createTestDatabase();
    try {
      const admin = await db.admin();
      await admin.query('DROP SCHEMA consent CASCADE');
      await expect(loadSeed({ adminUrl: db.adminUrl, scale: 'demo' })).rejects.toThrow(
        /does not exist: bootstrap/,
      );
      expect(await isSeeded(db.adminUrl)).toBe(false);
    } finally {
      await db.drop();
    }
  });

  it('verifies foreign keys, and on a violation leaves every table empty again', async () => {
    const db = await createTestDatabase();
    try {
      const dataset = generateDataset({ scale: 'demo' });
      const original = dataset.persons;
      // Point one membership at a person that does not exist.
      const corrupted = function* () {
        let first = true;
        for (const b of original()) {
          if (first && b.memberships.length > 0) {
            first = false;
            yield {
              ...b,
              memberships: [{ ...b.memberships[0]!, personId: '00000000-0000-4000-8000-00000000dead' }],
            };
          } else yield b;
        }
      };
      await expect(
        loadDataset({ adminUrl: db.adminUrl, dataset: { ...dataset, persons: corrupted } }),
      ).rejects.toThrow(/violates .* on membership\.membership: 1 rows without a parent/);
      const admin = await db.admin();
      for (const table of TABLE_NAMES) {
        const { rows } = await admin.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
        expect([table, Number(rows[0]!.n)]).toEqual([table, 0]);
      }
    } finally {
      await db.drop();
    }
  });
});
