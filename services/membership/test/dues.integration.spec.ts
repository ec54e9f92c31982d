import type { Client } from 'pg';
import iconv from 'iconv-lite';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import {
  buildAssociation,
  buildMembership,
  buildPerson,
  type AssociationRow,
} from '../../../test/support/builders';
import { JMA_CATEGORIES, JMA_EXEMPTIONS, JMA_FEES } from '../src/dues/jma-defaults';
import {
  errorOf,
  physician,
  startMembershipService,
  staffOf,
  type MembershipService,
} from './support/membership-service';
import { fiscalYearDate, fiscalYearPast } from '../../../test/support/dates';
import { expectMemberOrderMaintained } from './support/member-order';

/**
 * Dues through the membership subgraph (access shield, policy, row security, real PostgreSQL):
 * the JMA's categories, fee bands and exemption, an invoice run for a fiscal year (prorated,
 * idempotent), payments one by one and from a bank-transfer CSV (dry run, then the real import),
 * arrears.
 *
 * The fiscal year is the latest one whose days up to the mid-year join (10-15) have passed by the
 * platform clock; every other date and year of the fixture is relative to it.
 */
describe('dues: fee schedules, invoices, payments, bank CSV import, arrears', () => {
  let db: TestDatabase;
  let c: Client;
  let svc: MembershipService;
  let jma: AssociationRow;
  let other: AssociationRow;
  const p: Record<string, string> = {};

  const FY = fiscalYearPast('10-15');
  /** `MM-DD` of fiscal year FY (+ `years`) as an ISO date. */
  const on = (monthDay: string, years = 0) => fiscalYearDate(FY + years, monthDay);
  /** `MM-DD` of FY as a bank statement writes it: YYYY/MM/DD. */
  const banked = (monthDay: string) => on(monthDay).replaceAll('-', '/');

  /** A JMA member: person (with graduation year or registry date) + membership. */
  const member = async (
    key: string,
    opts: {
      category: string;
      birth?: string;
      graduation?: number | null;
      registry?: string | null;
      joined?: string;
      status?: string;
      left?: string | null;
      kana?: [string, string];
      association?: AssociationRow;
    },
  ) => {
    const person = await buildPerson(c, {
      birth_date: opts.birth ?? '1970-06-01',
      registry_date: opts.registry === undefined ? '1996-05-01' : opts.registry,
      ...(opts.kana ? { family_name_kana: opts.kana[0], given_name_kana: opts.kana[1] } : {}),
    });
    await c.query('UPDATE membership.person SET graduation_year = $2 WHERE id = $1', [
      person.id,
      opts.graduation === undefined ? 1996 : opts.graduation,
    ]);
    await buildMembership(c, {
      person_id: person.id,
      association_id: (opts.association ?? jma).id,
      category: opts.category,
      joined_on: opts.joined ?? '2015-04-01',
      status: opts.status ?? 'ACTIVE',
      left_on: opts.left ?? null,
    });
    p[key] = person.id;
  };

  const as = <T>(q: string, v?: Record<string, unknown>) => svc.as<T>(staffOf(jma), q, v);

  const invoiceOf = async (key: string) => {
    const { rows } = await c.query(
      'SELECT * FROM membership.dues_invoice WHERE person_id = $1 AND association_id = $2 AND fiscal_year = $3',
      [p[key], jma.id, FY],
    );
    return rows[0] as
      | {
          id: string;
          amount_yen: number;
          paid_yen: number;
          status: string;
          months: number;
          reference: string;
          annual_fee_yen: number;
        }
      | undefined;
  };

  const RUN = `mutation Run($a: ID!, $fy: Int!) { generateDuesInvoices(associationId: $a, fiscalYear: $fy, issuedOn: "${on('04-10')}") {
    fiscalYear created exempt existing skipped { person { id } reason } } }`;
  const IMPORT = `mutation Imp($input: ImportDuesPaymentsInput!) { importDuesPayments(input: $input) {
    dryRun applied totalRows matchedCount unmatchedCount matchedAmountYen
    rows { rowNumber matched reason message amountYen reference invoice { id person { id } } expectedYen } } }`;
  const ARREARS = `query Arrears($a: ID!, $fy: Int) { duesArrears(associationId: $a, fiscalYear: $fy) {
    person { id } fiscalYear amountYen paidYen outstandingYen status } }`;

  beforeAll(async () => {
    db = await createTestDatabase();
    c = await db.admin();
    jma = await buildAssociation(c, { tier: 'NATIONAL', name: '日本医師会', prefecture_code: null });
    other = await buildAssociation(c, { tier: 'PREFECTURAL', parent_id: jma.id });
    await member('a1', { category: 'A①', kana: ['アイカワ', 'イチロウ'] });
    // A②(B) age bands at their boundary: 31 on the fiscal year's first day (04-01) vs 30
    await member('b31', {
      category: 'A②(B)',
      birth: `${FY - 31}-04-01`,
      graduation: FY - 7,
      kana: ['イシダ', 'タロウ'],
    });
    await member('b30', {
      category: 'A②(B)',
      birth: `${FY - 31}-04-02`,
      graduation: FY - 7,
      kana: ['ウエダ', 'ジロウ'],
    });
    // the exemption at its boundary: graduated FY-4 → FY is the 5th year (exempt); FY-5 → not
    await member('exempt', {
      category: 'B',
      birth: '1997-05-01',
      graduation: FY - 4,
      kana: ['エモト', 'ハナコ'],
    });
    await member('notExempt', {
      category: 'B',
      birth: '1996-05-01',
      graduation: FY - 5,
      kana: ['サトウ', 'ケン'],
    });
    // no year of graduation: the registry date's fiscal year (FY-3) stands in → exempt
    await member('byRegistry', {
      category: 'C',
      birth: '1998-05-01',
      graduation: null,
      registry: `${FY - 3}-05-01`,
      kana: ['オオノ', 'ミキ'],
    });
    // A① is never exempt, however recent the graduation
    await member('a1Young', {
      category: 'A①',
      birth: '1996-01-01',
      graduation: FY - 2,
      kana: ['カトウ', 'レン'],
    });
    // joined in mid-year (10-15): October–March = 6 months of ¥28,000 → ¥14,000; same kana as notExempt
    await member('midYear', { category: 'B', joined: on('10-15'), kana: ['サトウ', 'ケン'] });
    await member('noFee', { category: 'Z', kana: ['キムラ', 'ユウ'] });
    await member('leftBefore', {
      category: 'B',
      status: 'LEFT',
      left: on('03-31', -1),
      kana: ['クドウ', 'ショウ'],
    });
    await member('joinsNextYear', { category: 'B', joined: on('04-01', 1), kana: ['ケンモチ', 'アイ'] });
    await member('elsewhere', { category: 'A①', association: other, kana: ['コバヤシ', 'ダイ'] });
    svc = await startMembershipService(db);

    for (const cat of JMA_CATEGORIES) {
      const res = await as(
        'mutation($i: SetMembershipCategoryInput!) { setMembershipCategory(input: $i) { code } }',
        { i: { associationId: jma.id, code: cat.code, name: cat.name, description: cat.description } },
      );
      expect(res.body.errors).toBeUndefined();
    }
    await as('mutation($i: SetMembershipCategoryInput!) { setMembershipCategory(input: $i) { code } }', {
      i: { associationId: jma.id, code: 'Z', name: 'Z (no fee yet)' },
    });
    for (const code of ['A①', 'A②(B)', 'B']) {
      const bands = JMA_FEES.filter((f) => f.categoryCode === code).map(({ categoryCode: _c, ...b }) => b);
      const res = await as(
        'mutation($i: SetFeeScheduleInput!) { setFeeSchedule(input: $i) { annualFeeYen minAge maxAge } }',
        { i: { associationId: jma.id, categoryCode: code, fiscalYear: FY, bands } },
      );
      expect(res.body.errors).toBeUndefined();
    }
    for (const rule of JMA_EXEMPTIONS) {
      const res = await as(
        'mutation($i: AddDuesExemptionRuleInput!) { addDuesExemptionRule(input: $i) { id } }',
        {
          i: { associationId: jma.id, ...rule },
        },
      );
      expect(res.body.errors).toBeUndefined();
    }
  }, 60_000);

  afterAll(async () => {
    await svc?.close();
    await db?.drop();
  });

  it('lists the association’s categories and fee bands; overlapping bands and unknown categories are refused', async () => {
    const res = await as<{
      association: {
        membershipCategories: { code: string }[];
        feeSchedules: { categoryCode: string; annualFeeYen: number }[];
      };
    }>(
      'query($id: ID!, $fy: Int!) { association(id: $id) { membershipCategories { code } feeSchedules(fiscalYear: $fy) { categoryCode annualFeeYen } } }',
      { id: jma.id, fy: FY },
    );
    expect(res.body.data?.association.membershipCategories.map((x) => x.code)).toEqual(
      expect.arrayContaining(['A①', 'A②(B)', 'A②(C)', 'B', 'C']),
    );
    expect(res.body.data?.association.feeSchedules).toHaveLength(4);

    const overlap = await as('mutation($i: SetFeeScheduleInput!) { setFeeSchedule(input: $i) { id } }', {
      i: {
        associationId: jma.id,
        categoryCode: 'A②(B)',
        fiscalYear: FY,
        bands: [
          { minAge: null, maxAge: 30, annualFeeYen: 39000 },
          { minAge: 30, maxAge: null, annualFeeYen: 64000 },
        ],
      },
    });
    expect(errorOf(overlap)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.bands.1' });
    const unknown = await as('mutation($i: SetFeeScheduleInput!) { setFeeSchedule(input: $i) { id } }', {
      i: { associationId: jma.id, categoryCode: 'Q', fiscalYear: FY, bands: [{ annualFeeYen: 1 }] },
    });
    expect(errorOf(unknown)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.categoryCode' });
    const negative = await as('mutation($i: SetFeeScheduleInput!) { setFeeSchedule(input: $i) { id } }', {
      i: { associationId: jma.id, categoryCode: 'B', fiscalYear: FY, bands: [{ annualFeeYen: -1 }] },
    });
    expect(errorOf(negative)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.bands.0.annualFeeYen' });
    // the failed attempts changed nothing
    const { rows } = await c.query(
      "SELECT annual_fee_yen FROM membership.fee_schedule WHERE association_id = $1 AND category_code = 'A②(B)' ORDER BY 1",
      [jma.id],
    );
    expect(rows.map((r: { annual_fee_yen: number }) => r.annual_fee_yen)).toEqual([39000, 64000]);
  });

  it('a dry run lists what the invoice run would create and writes nothing', async () => {
    const DRY = `mutation Dry($a: ID!, $fy: Int!) { generateDuesInvoices(associationId: $a, fiscalYear: $fy, dryRun: true) {
      dryRun created exempt existing skipped { reason } planned { person { id } categoryCode months amountYen status } } }`;
    const res = await as<{
      generateDuesInvoices: {
        dryRun: boolean;
        created: number;
        exempt: number;
        existing: number;
        planned: { person: { id: string }; amountYen: number; months: number; status: string }[];
      };
    }>(DRY, { a: jma.id, fy: FY });
    expect(res.body.errors).toBeUndefined();
    const dry = res.body.data!.generateDuesInvoices;
    expect(dry).toMatchObject({ dryRun: true, created: 8, exempt: 2, existing: 0 });
    expect(dry.planned).toHaveLength(8);
    expect(dry.planned.find((i) => i.person.id === p.midYear)).toMatchObject({ amountYen: 14000, months: 6 });
    expect(dry.planned.find((i) => i.person.id === p.exempt)).toMatchObject({
      amountYen: 0,
      status: 'EXEMPT',
    });
    const { rows } = await c.query(
      'SELECT count(*)::int AS n FROM membership.dues_invoice WHERE association_id = $1',
      [jma.id],
    );
    expect(rows[0].n).toBe(0);
  });

  it('invoices the fiscal year: age bands and exemptions at their boundaries, proration, skips', async () => {
    const res = await as<{
      generateDuesInvoices: {
        created: number;
        exempt: number;
        existing: number;
        skipped: { person: { id: string }; reason: string }[];
      };
    }>(RUN, { a: jma.id, fy: FY });
    expect(res.body.errors).toBeUndefined();
    const run = res.body.data!.generateDuesInvoices;
    expect(run).toMatchObject({ created: 8, exempt: 2, existing: 0 });
    expect(run.skipped).toEqual([{ person: { id: p.noFee }, reason: 'NO_FEE_SCHEDULE' }]);

    expect(await invoiceOf('a1')).toMatchObject({ amount_yen: 126000, months: 12, status: 'OPEN' });
    expect(await invoiceOf('b31')).toMatchObject({ amount_yen: 64000, annual_fee_yen: 64000 });
    expect(await invoiceOf('b30')).toMatchObject({ amount_yen: 39000, annual_fee_yen: 39000 });
    expect(await invoiceOf('exempt')).toMatchObject({ amount_yen: 0, status: 'EXEMPT' });
    expect(await invoiceOf('notExempt')).toMatchObject({ amount_yen: 28000, status: 'OPEN' });
    expect(await invoiceOf('byRegistry')).toMatchObject({ amount_yen: 0, status: 'EXEMPT' });
    expect(await invoiceOf('a1Young')).toMatchObject({ amount_yen: 126000, status: 'OPEN' });
    expect(await invoiceOf('midYear')).toMatchObject({ amount_yen: 14000, months: 6, annual_fee_yen: 28000 });
    for (const k of ['noFee', 'leftBefore', 'joinsNextYear']) expect(await invoiceOf(k)).toBeUndefined();
    const { rows } = await c.query(
      'SELECT count(*)::int AS n FROM membership.dues_invoice WHERE person_id = $1',
      [p.elsewhere],
    );
    expect(rows[0].n).toBe(0);
    // integer yen and unique references
    const refs = await c.query('SELECT reference FROM membership.dues_invoice WHERE association_id = $1', [
      jma.id,
    ]);
    expect(new Set(refs.rows.map((r: { reference: string }) => r.reference)).size).toBe(8);
    expect(refs.rows.every((r: { reference: string }) => new RegExp(`^${FY}\\d{6}$`).test(r.reference))).toBe(
      true,
    );
    // the maintained dues collection (and member counts) equal their recount after the run
    await expectMemberOrderMaintained(c);
  });

  it('is idempotent per person and year: a second run creates nothing; the unique key backs it', async () => {
    const res = await as<{ generateDuesInvoices: { created: number; existing: number } }>(RUN, {
      a: jma.id,
      fy: FY,
    });
    expect(res.body.data?.generateDuesInvoices).toMatchObject({ created: 0, existing: 8 });
    const { rows } = await c.query(
      'SELECT count(*)::int AS n FROM membership.dues_invoice WHERE association_id = $1',
      [jma.id],
    );
    expect(rows[0].n).toBe(8);
    await expect(
      c.query(
        `INSERT INTO membership.dues_invoice (id, association_id, person_id, fiscal_year, category_code, annual_fee_yen,
           months, amount_yen, status, reference, issued_on, issued_by)
         VALUES (gen_random_uuid(), $1, $2, $3, 'A①', 1, 12, 1, 'OPEN', 'X1', $4, 't')`,
        [jma.id, p.a1, FY, on('04-01')],
      ),
    ).rejects.toThrow(/dues_invoice_person_year_key/);
  });

  it('two invoice runs at the same time create each invoice once', async () => {
    const runs = await Promise.all([
      as<{ generateDuesInvoices: { created: number; existing: number } }>(RUN, { a: jma.id, fy: FY + 1 }),
      as<{ generateDuesInvoices: { created: number; existing: number } }>(RUN, { a: jma.id, fy: FY + 1 }),
    ]);
    const created = runs.map((r) => r.body.data!.generateDuesInvoices.created);
    const { rows } = await c.query(
      'SELECT count(*)::int AS n FROM membership.dues_invoice WHERE association_id = $1 AND fiscal_year = $2',
      [jma.id, FY + 1],
    );
    // no fees for the next year yet: only the exempt members get an invoice, once
    expect(rows[0].n).toBeGreaterThan(0);
    expect(created.reduce((a, b) => a + b, 0)).toBe(rows[0].n);
    expect(Math.min(...created)).toBe(0);
    await expectMemberOrderMaintained(c);
  });

  it('bank CSV dry run: reports every row matched or why not (with the row number), writes nothing', async () => {
    const ref = async (k: string) => (await invoiceOf(k))!.reference;
    const csv = [
      '取引日,金額,振込依頼人名,参照番号,取引番号',
      `${banked('05-10')},"126,000",ｱｲｶﾜ ｲﾁﾛｳ,${await ref('a1')},T1`, // 2: by reference
      `${banked('05-11')},64000,ｲｼﾀﾞ ﾀﾛｳ,,T2`, // 3: by payer name
      `${banked('05-11')},40000,ｳｴﾀﾞ ｼﾞﾛｳ,${await ref('b30')},T3`, // 4: more than the 39,000 due
      `${banked('05-12')},28000,ﾀﾞﾚｶ,${FY}999999,T4`, // 5: unknown reference
      `${FY}/13/12,28000,ｻﾄｳ ｹﾝ,,T5`, // 6: invalid date
      `${banked('05-13')},"126,000",ｱｲｶﾜ ｲﾁﾛｳ,${await ref('a1')},T1`, // 7: same transaction again
      `${banked('05-13')},1000,ｴﾓﾄ ﾊﾅｺ,${await ref('exempt')},T7`, // 8: exempt invoice
      `${banked('05-14')},28000,ｻﾄｳ ｹﾝ,,T8`, // 9: two members named サトウ ケン with open invoices
      `${banked('05-14')},28000,ﾔﾏﾓﾄ ｲﾁﾛｳ,,T9`, // 10: nobody of that name
      `${banked('05-15')},126000,ｶﾄｳ ﾚﾝ,${await ref('a1Young')},T10`, // 11: by reference
    ].join('\r\n');
    const input = {
      associationId: jma.id,
      csvBase64: iconv.encode(csv, 'Shift_JIS').toString('base64'),
      encoding: 'SHIFT_JIS',
      dryRun: true,
    };
    type Report = {
      importDuesPayments: {
        dryRun: boolean;
        applied: boolean;
        totalRows: number;
        matchedCount: number;
        unmatchedCount: number;
        matchedAmountYen: number;
        rows: {
          rowNumber: number;
          matched: boolean;
          reason: string | null;
          message: string | null;
          invoice: { id: string; person: { id: string } } | null;
          expectedYen: number | null;
        }[];
      };
    };
    const dry = await as<Report>(IMPORT, { input });
    expect(dry.body.errors).toBeUndefined();
    const report = dry.body.data!.importDuesPayments;
    expect(report).toMatchObject({
      dryRun: true,
      applied: false,
      totalRows: 10,
      matchedCount: 3,
      unmatchedCount: 7,
      matchedAmountYen: 316000,
    });
    expect(report.rows.map((r) => [r.rowNumber, r.matched, r.reason])).toEqual([
      [2, true, null],
      [3, true, null],
      [4, false, 'AMOUNT_MISMATCH'],
      [5, false, 'UNKNOWN_REFERENCE'],
      [6, false, 'INVALID_DATE'],
      [7, false, 'DUPLICATE_IN_FILE'],
      [8, false, 'INVOICE_NOT_OPEN'],
      [9, false, 'AMBIGUOUS_PAYER'],
      [10, false, 'UNKNOWN_PAYER'],
      [11, true, null],
    ]);
    expect(report.rows[1]!.invoice?.person.id).toBe(p.b31);
    expect(report.rows[2]).toMatchObject({ expectedYen: 39000, message: expect.stringContaining('未納額') });
    const { rows } = await c.query('SELECT count(*)::int AS n FROM membership.dues_payment');
    expect(rows[0].n).toBe(0);
    expect(await invoiceOf('a1')).toMatchObject({ paid_yen: 0, status: 'OPEN' });

    // the real run: exactly the matched rows, in one transaction
    const real = await as<Report>(IMPORT, { input: { ...input, dryRun: false } });
    expect(real.body.data?.importDuesPayments).toMatchObject({
      applied: true,
      matchedCount: 3,
      matchedAmountYen: 316000,
    });
    const paid = await c.query(
      `SELECT person_id, amount_yen, method, bank_transaction_id FROM membership.dues_payment ORDER BY bank_transaction_id`,
    );
    expect(paid.rows).toEqual([
      { person_id: p.a1, amount_yen: 126000, method: 'BANK_TRANSFER', bank_transaction_id: 'T1' },
      { person_id: p.a1Young, amount_yen: 126000, method: 'BANK_TRANSFER', bank_transaction_id: 'T10' },
      { person_id: p.b31, amount_yen: 64000, method: 'BANK_TRANSFER', bank_transaction_id: 'T2' },
    ]);
    for (const k of ['a1', 'a1Young', 'b31']) expect(await invoiceOf(k)).toMatchObject({ status: 'PAID' });
    // each payment is audited as a DUES write of that person
    const audited = await c.query(
      `SELECT DISTINCT unnest(person_ids)::text AS id FROM audit.entry WHERE action = 'WRITE' AND 'DUES' = ANY(groups)`,
    );
    expect(audited.rows.map((r: { id: string }) => r.id).sort()).toEqual([p.a1, p.a1Young, p.b31].sort());
    expect(await invoiceOf('b30')).toMatchObject({ paid_yen: 0, status: 'OPEN' });

    // the same statement again: nothing twice
    const again = await as<Report>(IMPORT, { input: { ...input, dryRun: false } });
    expect(again.body.data?.importDuesPayments.matchedCount).toBe(0);
    expect(again.body.data?.importDuesPayments.rows[0]).toMatchObject({
      rowNumber: 2,
      reason: 'ALREADY_IMPORTED',
    });
    expect((await c.query('SELECT count(*)::int AS n FROM membership.dues_payment')).rows[0].n).toBe(3);
    // the bank import's payments are in the maintained dues collection
    await expectMemberOrderMaintained(c);
  });

  it('a file that is not a bank statement is refused with the input field', async () => {
    const res = await as(IMPORT, {
      input: { associationId: jma.id, csvBase64: Buffer.from('x,y\n1,2\n').toString('base64'), dryRun: true },
    });
    expect(errorOf(res)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.csvBase64' });
  });

  it('arrears list the open amounts in kana order; a payment recorded by hand reduces and then clears one', async () => {
    type Arrears = { duesArrears: { person: { id: string }; outstandingYen: number; paidYen: number }[] };
    const before = await as<Arrears>(ARREARS, { a: jma.id, fy: FY });
    expect(before.body.errors).toBeUndefined();
    // ウエダ before the two サトウ ケン (same kana: then by id)
    const satos = [
      [p.notExempt, 28000],
      [p.midYear, 14000],
    ].sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1));
    expect(before.body.data!.duesArrears.map((i) => [i.person.id, i.outstandingYen])).toEqual([
      [p.b30, 39000],
      ...satos,
    ]);

    const PAY = `mutation Pay($i: RecordDuesPaymentInput!) { recordDuesPayment(input: $i) { amountYen method recordedBy } }`;
    const invoice = (await invoiceOf('b30'))!;
    const tooMuch = await as(PAY, { i: { invoiceId: invoice.id, amountYen: 39001, paidOn: on('06-01') } });
    expect(errorOf(tooMuch)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.amountYen' });
    const part = await as<{ recordDuesPayment: { amountYen: number; method: string } }>(PAY, {
      i: { invoiceId: invoice.id, amountYen: 20000, paidOn: on('06-01'), note: '窓口' },
    });
    expect(part.body.data?.recordDuesPayment).toMatchObject({ amountYen: 20000, method: 'MANUAL' });
    // a part payment moves the invoice to PARTIAL in the maintained dues collection
    await expectMemberOrderMaintained(c);
    const partial = await c.query(
      `SELECT invoices FROM membership.dues_collection_count
        WHERE association_id = $1 AND fiscal_year = $2 AND payment_status = 'PARTIAL'`,
      [jma.id, FY],
    );
    expect(partial.rows).toEqual([{ invoices: 1 }]);
    const mid = await as<Arrears>(ARREARS, { a: jma.id, fy: FY });
    expect(mid.body.data!.duesArrears.find((i) => i.person.id === p.b30)).toMatchObject({
      paidYen: 20000,
      outstandingYen: 19000,
    });
    await as(PAY, { i: { invoiceId: invoice.id, amountYen: 19000, paidOn: on('06-02') } });
    const after = await as<Arrears>(ARREARS, { a: jma.id, fy: FY });
    expect(after.body.data!.duesArrears.map((i) => i.person.id)).not.toContain(p.b30);
    expect(await invoiceOf('b30')).toMatchObject({ paid_yen: 39000, status: 'PAID' });
    await expectMemberOrderMaintained(c);
  });

  it('dues are for staff of the association: others are FORBIDDEN; a physician sees their own dues but records none', async () => {
    const otherStaff = staffOf(other);
    expect(errorOf(await svc.as(otherStaff, RUN, { a: jma.id, fy: FY }))?.code).toBe('FORBIDDEN');
    expect(errorOf(await svc.as(otherStaff, ARREARS, { a: jma.id, fy: FY }))?.code).toBe('FORBIDDEN');
    expect(errorOf(await svc.as(staffOf(jma, 'VIEWER'), RUN, { a: jma.id, fy: FY }))?.code).toBe('FORBIDDEN');

    const mine = await svc.as<{
      me: { dues: { fiscalYear: number; amountYen: number; association: { id: string } }[] };
    }>(physician(p.notExempt!), '{ me { dues { fiscalYear amountYen association { id } } } }');
    expect(mine.body.data?.me.dues).toEqual([
      { fiscalYear: FY, amountYen: 28000, association: { id: jma.id } },
    ]);
    const invoice = (await invoiceOf('notExempt'))!;
    const self = await svc.as(
      physician(p.notExempt!),
      `mutation { recordDuesPayment(input: { invoiceId: "${invoice.id}", amountYen: 28000, paidOn: "${on('06-01')}" }) { id } }`,
    );
    expect(errorOf(self)?.code).toBe('FORBIDDEN');
    // staff of another association to which the person is unrelated: the invoice is absent
    const stranger = await svc.as(
      otherStaff,
      `mutation { recordDuesPayment(input: { invoiceId: "${invoice.id}", amountYen: 28000, paidOn: "${on('06-01')}" }) { id } }`,
    );
    expect(errorOf(stranger)?.code).toBe('NOT_FOUND');
  });

  it('Person.dues shows a member association only its own records', async () => {
    // the A① member also belongs to the other association, which invoices its own dues
    await buildMembership(c, { person_id: p.a1!, association_id: other.id, category: 'A' });
    await c.query(
      `INSERT INTO membership.dues_invoice (id, association_id, person_id, fiscal_year, category_code, annual_fee_yen,
         months, amount_yen, status, reference, issued_on, issued_by)
       VALUES (gen_random_uuid(), $1, $2, $3, 'A', 50000, 12, 50000, 'OPEN', $4, $5, 't')`,
      [other.id, p.a1, FY, `${FY}000001`, on('04-01')],
    );
    const Q = 'query($id: ID!) { person(id: $id) { dues { association { id } amountYen } } }';
    const byOther = await svc.as<{ person: { dues: { association: { id: string } }[] } }>(staffOf(other), Q, {
      id: p.a1,
    });
    expect(byOther.body.data?.person.dues).toEqual([{ association: { id: other.id }, amountYen: 50000 }]);
    const byJma = await svc.as<{ person: { dues: { association: { id: string } }[] } }>(staffOf(jma), Q, {
      id: p.a1,
    });
    expect(byJma.body.data?.person.dues).toEqual([{ association: { id: jma.id }, amountYen: 126000 }]);
    const self = await svc.as<{ person: { dues: unknown[] } }>(physician(p.a1!), Q, { id: p.a1 });
    expect(self.body.data?.person.dues).toHaveLength(2);
  });
});
