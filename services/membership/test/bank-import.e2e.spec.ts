import iconv from 'iconv-lite';
import type { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { startStack, type Stack, type TestViewer } from '../../../test/support/stack';
import { buildAssociation, buildMembership, buildPerson } from '../../../test/support/builders';
import { installAssociationDefaults } from '../src/dues/install-defaults';
import { writeZengin } from '../src/dues/zengin';
import { fiscalYearDate, fiscalYearPast, reiwaYear } from '../../../test/support/dates';

/**
 * Japanese office conventions of the bank payment import, through the gateway over HTTP: a Zengin
 * (全銀協) 振込入金通知 file, a CSV with 和暦 and 年月日 dates and full-width digits, partial
 * payments that leave a balance, and the messages people read in Japanese first.
 *
 * The invoices are of the latest fiscal year whose payment days (up to 06-04) have passed by the
 * platform clock; the files write those days in 和暦 (令和) as banks do.
 */
describe('bank payment import: Zengin, 和暦 dates, partial payments', () => {
  const FY = fiscalYearPast('06-04');
  /** `MM-DD` of FY as an ISO date. */
  const on = (monthDay: string) => fiscalYearDate(FY, monthDay);
  /** 令和 year of FY's April–December, two digits (as the Zengin 勘定日 writes it). */
  const R = String(reiwaYear(FY)).padStart(2, '0');
  let db: TestDatabase;
  let c: Client;
  let stack: Stack;
  let staff: TestViewer;
  let jmaId: string;
  const ref: Record<string, string> = {};

  const IMPORT = `mutation Imp($input: ImportDuesPaymentsInput!) { importDuesPayments(input: $input) {
    dryRun applied totalRows matchedCount unmatchedCount matchedAmountYen
    rows { rowNumber matched reason message paidOn amountYen payer reference transactionId expectedYen balanceYen } } }`;
  interface Report {
    importDuesPayments: {
      applied: boolean;
      totalRows: number;
      matchedCount: number;
      matchedAmountYen: number;
      rows: {
        rowNumber: number;
        matched: boolean;
        reason: string | null;
        message: string | null;
        paidOn: string | null;
        amountYen: number | null;
        reference: string | null;
        transactionId: string | null;
        expectedYen: number | null;
        balanceYen: number | null;
      }[];
    };
  }
  const invoice = async (key: string) =>
    (
      await c.query<{ paid_yen: number; amount_yen: number; status: string }>(
        'SELECT paid_yen, amount_yen, status FROM membership.dues_invoice WHERE reference = $1',
        [ref[key]],
      )
    ).rows[0];

  beforeAll(async () => {
    db = await createTestDatabase();
    c = await db.admin();
    const jma = await buildAssociation(c, { tier: 'NATIONAL', code: 'JMA', prefecture_code: null });
    jmaId = jma.id;
    await installAssociationDefaults(c, { fiscalYear: FY });
    const members: [string, string, string, string][] = [
      ['owner1', 'A①', 'アオキ', 'イチロウ'],
      ['owner2', 'A①', 'イノウエ', 'ジロウ'],
      ['owner3', 'A①', 'ウチダ', 'サブロウ'],
      ['owner4', 'A①', 'エンドウ', 'シロウ'],
    ];
    for (const [key, category, family, given] of members) {
      const person = await buildPerson(c, {
        birth_date: '1965-05-01',
        registry_date: '1991-05-01',
        family_name_kana: family,
        given_name_kana: given,
      });
      await buildMembership(c, {
        person_id: person.id,
        association_id: jma.id,
        category,
        joined_on: '2010-04-01',
      });
      ref[key] = person.id;
    }
    stack = await startStack(db);
    staff = { kind: 'STAFF', associationId: jma.id, associationTier: 'NATIONAL', role: 'ADMIN' };
    const run = await stack.queryAs<{ generateDuesInvoices: { created: number } }>(
      staff,
      `mutation R($a: ID!, $fy: Int!) { generateDuesInvoices(associationId: $a, fiscalYear: $fy, issuedOn: "${on('04-10')}") { created } }`,
      { a: jma.id, fy: FY },
    );
    expect(run.body.data?.generateDuesInvoices.created).toBe(4);
    const { rows } = await c.query<{ person_id: string; reference: string }>(
      'SELECT person_id::text AS person_id, reference FROM membership.dues_invoice WHERE association_id = $1',
      [jma.id],
    );
    for (const key of Object.keys(ref)) ref[key] = rows.find((r) => r.person_id === ref[key])!.reference;
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
    await db?.drop();
  });

  it('a Zengin 振込入金通知: by requester code and by half-width kana name; a cancelled transfer is reported', async () => {
    const file = writeZengin([
      {
        inquiry: '000101',
        accountDate: `${R}0512`,
        amountYen: 126_000,
        requesterCode: ref.owner1,
        payerKana: 'ｱｵｷ ｲﾁﾛｳ',
      },
      { inquiry: '000102', accountDate: `${R}0512`, amountYen: 126_000, payerKana: 'ｲﾉｳｴ ｼﾞﾛｳ' },
      {
        inquiry: '000103',
        accountDate: `${R}0513`,
        amountYen: 126_000,
        payerKana: 'ｳﾁﾀﾞ ｻﾌﾞﾛｳ',
        cancelled: true,
      },
    ]);
    const input = { associationId: jmaId, csvBase64: file.toString('base64'), dryRun: false };
    const res = await stack.queryAs<Report>(staff, IMPORT, { input });
    expect(res.body.errors).toBeUndefined();
    const report = res.body.data!.importDuesPayments;
    expect(report).toMatchObject({ applied: true, totalRows: 3, matchedCount: 2, matchedAmountYen: 252_000 });
    expect(report.rows.map((r) => [r.rowNumber, r.matched, r.reason, r.paidOn, r.balanceYen])).toEqual([
      [2, true, null, on('05-12'), 0],
      [3, true, null, on('05-12'), 0],
      [4, false, 'CANCELLED_TRANSFER', on('05-13'), null],
    ]);
    expect(report.rows[0]).toMatchObject({
      reference: ref.owner1,
      transactionId: `ZENGIN:${on('05-12')}:000101`,
    });
    expect(report.rows[2]!.message).toMatch(
      /^この振込は取消されています.* \/ the bank cancelled this transfer$/,
    );
    expect(await invoice('owner1')).toMatchObject({ paid_yen: 126_000, status: 'PAID' });
    expect(await invoice('owner2')).toMatchObject({ paid_yen: 126_000, status: 'PAID' });
    expect(await invoice('owner3')).toMatchObject({ paid_yen: 0, status: 'OPEN' });
    // the same file again: nothing twice
    const again = await stack.queryAs<Report>(staff, IMPORT, { input });
    expect(again.body.data!.importDuesPayments.rows.map((r) => r.reason)).toEqual([
      'ALREADY_IMPORTED',
      'ALREADY_IMPORTED',
      'CANCELLED_TRANSFER',
    ]);
  });

  it('a CSV with 和暦 and 年月日 dates and full-width digits; partial payments leave a balance', async () => {
    const csv = [
      '勘定日,入金額,振込依頼人名,振込依頼人コード,照会番号',
      `R${+R}.06.01,"５０,０００",ｳﾁﾀﾞ ｻﾌﾞﾛｳ,${ref.owner3},C1`, // 2: 和暦 letters, full-width digits: partial
      `令和${+R}年6月2日,76000,ｳﾁﾀﾞ ｻﾌﾞﾛｳ,${ref.owner3},C2`, // 3: the rest: paid in full
      `${FY}年6月3日,100000,ｴﾝﾄﾞｳ ｼﾛｳ,,C3`, // 4: by name, partial
      `R${+R}.06.04,30000,ｴﾝﾄﾞｳ ｼﾛｳ,,C4`, // 5: more than the 26,000 left
      `R${+R}.02.30,1000,ｴﾝﾄﾞｳ ｼﾛｳ,,C5`, // 6: not a calendar date
      `H31.05.01,1000,ｴﾝﾄﾞｳ ｼﾛｳ,,C6`, // 7: Heisei ended on 2019-04-30
    ].join('\r\n');
    const input = {
      associationId: jmaId,
      csvBase64: iconv.encode(csv, 'Shift_JIS').toString('base64'),
      encoding: 'SHIFT_JIS',
      format: 'CSV',
      dryRun: true,
    };
    const dry = await stack.queryAs<Report>(staff, IMPORT, { input });
    expect(dry.body.errors).toBeUndefined();
    const rows = dry.body.data!.importDuesPayments.rows;
    expect(
      rows.map((r) => [r.rowNumber, r.matched, r.reason, r.paidOn, r.amountYen, r.expectedYen, r.balanceYen]),
    ).toEqual([
      [2, true, null, on('06-01'), 50_000, 126_000, 76_000],
      [3, true, null, on('06-02'), 76_000, 76_000, 0],
      [4, true, null, on('06-03'), 100_000, 126_000, 26_000],
      [5, false, 'AMOUNT_MISMATCH', on('06-04'), 30_000, 26_000, null],
      [6, false, 'INVALID_DATE', null, 1000, null, null],
      [7, false, 'INVALID_DATE', null, 1000, null, null],
    ]);
    // messages people read: Japanese first, English alongside
    expect(rows[3]!.message).toBe(
      '金額が未納額を超えています / the amount is more than the amount outstanding',
    );
    expect(rows[4]!.message).toMatch(/^取引日が日付として読めません \/ /);

    const real = await stack.queryAs<Report>(staff, IMPORT, { input: { ...input, dryRun: false } });
    expect(real.body.data!.importDuesPayments).toMatchObject({
      applied: true,
      matchedCount: 3,
      matchedAmountYen: 226_000,
    });
    expect(await invoice('owner3')).toMatchObject({ paid_yen: 126_000, status: 'PAID' });
    expect(await invoice('owner4')).toMatchObject({ paid_yen: 100_000, amount_yen: 126_000, status: 'OPEN' });
    const arrears = await stack.queryAs<{ duesArrears: { outstandingYen: number }[] }>(
      staff,
      'query A($a: ID!, $fy: Int) { duesArrears(associationId: $a, fiscalYear: $fy) { outstandingYen } }',
      { a: jmaId, fy: FY },
    );
    expect(arrears.body.data!.duesArrears).toEqual([{ outstandingYen: 26_000 }]);
  });

  it('a Zengin file with a wrong record length is refused at the input field, in Japanese and English', async () => {
    const file = Buffer.concat([writeZengin([]).subarray(0, 202), Buffer.from('2short\r\n')]);
    const res = await stack.queryAs(staff, IMPORT, {
      input: { associationId: jmaId, csvBase64: file.toString('base64'), format: 'ZENGIN', dryRun: true },
    });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.csvBase64',
    });
    expect(res.body.errors?.[0]?.message).toMatch(
      /^全銀フォーマットのレコード 2 が200バイトではありません。 \(Zengin record 2 is not 200 bytes long\)$/,
    );
  });
});
