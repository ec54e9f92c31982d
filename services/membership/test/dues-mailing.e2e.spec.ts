import iconv from 'iconv-lite';
import { clock } from '@mamis/platform';
import { parse } from 'csv-parse/sync';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { startStack, type Stack, type TestViewer } from '../../../test/support/stack';
import { buildAssociation, buildMembership, buildPerson } from '../../../test/support/builders';

/**
 * Dues and mailing through the gateway over HTTP: association-keyed operations are for the
 * staff of THAT association only; a mailing export is a file (base64) plus a provision record the
 * physician can read, and an EXPORT entry in the audit trail.
 */
describe('dues and mailing exports through the gateway', () => {
  let db: TestDatabase;
  let stack: Stack;
  let bunkyoId: string;
  let chiyodaId: string;
  let takahashi: string;
  let hankaku: string;
  let formerMember: string;
  let clerk: TestViewer;
  let otherClerk: TestViewer;

  type Errors = { path?: (string | number)[]; extensions?: Record<string, unknown> }[] | undefined;
  const codeOf = (errors: Errors) => errors?.[0]?.extensions?.code;

  const EXPORT = `mutation Export($input: ExportMailingListInput!) { exportMailingList(input: $input) {
    filename contentType encoding rowCount contentBase64 warnings
    provisionRecord { id actor recipient purpose items format rowCount association { id } createdAt } } }`;
  const RUN = `mutation Run($a: ID!) { generateDuesInvoices(associationId: $a, fiscalYear: ${clock.fiscalYear()}) { created } }`;
  const ARREARS = `query Arrears($a: ID!) { duesArrears(associationId: $a) { id } }`;
  const IMPORT = `mutation Import($a: ID!) { importDuesPayments(input: { associationId: $a, csvBase64: "${Buffer.from(
    `取引日,金額,参照番号\n${clock.today()},1000,${clock.fiscalYear()}000001\n`,
  ).toString('base64')}", dryRun: true }) { totalRows } }`;

  beforeAll(async () => {
    db = await createTestDatabase();
    const c = await db.admin();
    const jma = await buildAssociation(c, { code: 'JMA', tier: 'NATIONAL', prefecture_code: null });
    const tokyo = await buildAssociation(c, { code: 'P13', tier: 'PREFECTURAL', parent_id: jma.id });
    bunkyoId = (await buildAssociation(c, { code: 'M13105', name: '文京区医師会', parent_id: tokyo.id })).id;
    chiyodaId = (await buildAssociation(c, { code: 'M13101', name: '千代田区医師会', parent_id: tokyo.id }))
      .id;
    takahashi = (
      await buildPerson(c, {
        family_name: '髙橋',
        given_name: '一郎',
        family_name_kana: 'タカハシ',
        given_name_kana: 'イチロウ',
        postal_code: '1130021',
        address: '東京都文京区本駒込2-28-16 "髙島"ビル, 3階',
      })
    ).id;
    hankaku = (
      await buildPerson(c, {
        family_name: '渡邊',
        given_name: '花子',
        family_name_kana: 'ﾜﾀﾅﾍﾞ',
        given_name_kana: 'ﾊﾅｺ',
        postal_code: '1130033',
        address: '東京都文京区本郷7-3-1 ﾊﾝｶｸﾋﾞﾙ',
      })
    ).id;
    formerMember = (await buildPerson(c, { family_name: '辞野', family_name_kana: 'ヤメノ' })).id;
    await buildMembership(c, { person_id: takahashi, association_id: bunkyoId });
    await buildMembership(c, { person_id: hankaku, association_id: bunkyoId });
    await buildMembership(c, {
      person_id: formerMember,
      association_id: bunkyoId,
      status: 'LEFT',
      left_on: '2025-03-31',
    });
    // 渡邊 is also a member of Chiyoda: its staff see her, but not Bunkyo's exports of her
    await buildMembership(c, { person_id: hankaku, association_id: chiyodaId });
    stack = await startStack(db);
    clerk = {
      kind: 'STAFF',
      sub: 'bunkyo-clerk',
      associationId: bunkyoId,
      associationTier: 'MUNICIPAL',
      role: 'CLERK',
    };
    otherClerk = {
      kind: 'STAFF',
      sub: 'chiyoda-clerk',
      associationId: chiyodaId,
      associationTier: 'MUNICIPAL',
      role: 'ADMIN',
    };
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
    await db?.drop();
  });

  it("another association's staff get FORBIDDEN for MANAGE_DUES and EXPORT_MAILING of this association", async () => {
    for (const [q, v] of [
      [RUN, { a: bunkyoId }],
      [ARREARS, { a: bunkyoId }],
      [IMPORT, { a: bunkyoId }],
      [
        EXPORT,
        { input: { associationId: bunkyoId, format: 'CSV_UTF8_BOM', purpose: '会報', recipient: '印刷所' } },
      ],
    ] as const) {
      const res = await stack.queryAs(otherClerk, q, v);
      expect(codeOf(res.body.errors as Errors)).toBe('FORBIDDEN');
    }
    // and nothing was exported
    const c = await db.admin();
    expect((await c.query('SELECT count(*)::int AS n FROM membership.provision_record')).rows[0].n).toBe(0);
    // a physician cannot export either
    const phys = await stack.queryAs({ kind: 'PHYSICIAN', sub: 'p1', personId: takahashi }, EXPORT, {
      input: { associationId: bunkyoId, format: 'CSV_UTF8_BOM', purpose: '会報', recipient: '印刷所' },
    });
    expect(codeOf(phys.body.errors as Errors)).toBe('FORBIDDEN');
  });

  it('exports current members as Shift_JIS CSV that decodes to the same names and addresses, and records the provision', async () => {
    const res = await stack.queryAs<{
      exportMailingList: {
        filename: string;
        contentType: string;
        encoding: string;
        rowCount: number;
        contentBase64: string;
        warnings: string[];
        provisionRecord: {
          id: string;
          actor: string;
          recipient: string;
          purpose: string;
          items: string[];
          rowCount: number;
          association: { id: string };
        };
      };
    }>(clerk, EXPORT, {
      input: {
        associationId: bunkyoId,
        format: 'CSV_SHIFT_JIS',
        purpose: '会報 2026年6月号',
        recipient: '文京印刷株式会社',
      },
    });
    expect(res.body.errors).toBeUndefined();
    const out = res.body.data!.exportMailingList;
    expect(out).toMatchObject({
      contentType: 'text/csv; charset=Shift_JIS',
      encoding: 'Shift_JIS',
      rowCount: 2,
      warnings: [],
    });
    expect(out.filename).toMatch(/^mailing-M13105-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parse(iconv.decode(Buffer.from(out.contentBase64, 'base64'), 'Shift_JIS')) as string[][];
    expect(rows).toEqual([
      ['郵便番号', '住所', '氏名', 'フリガナ'],
      ['113-0021', '東京都文京区本駒込2-28-16 "髙島"ビル, 3階', '髙橋 一郎', 'タカハシ イチロウ'],
      ['113-0033', '東京都文京区本郷7-3-1 ハンカクビル', '渡邊 花子', 'ワタナベ ハナコ'],
    ]);
    expect(out.provisionRecord).toMatchObject({
      actor: 'bunkyo-clerk',
      recipient: '文京印刷株式会社',
      purpose: '会報 2026年6月号',
      items: ['postalCode', 'address', 'name', 'nameKana'],
      rowCount: 2,
      association: { id: bunkyoId },
    });
    // the provision record with its persons (the former member is not on the list)
    const c = await db.admin();
    const persons = await c.query(
      'SELECT person_id FROM membership.provision_record_person WHERE provision_record_id = $1 ORDER BY person_id',
      [out.provisionRecord.id],
    );
    expect(persons.rows.map((r: { person_id: string }) => r.person_id)).toEqual([takahashi, hankaku].sort());
    // and the audit trail has the export (CONTACT and IDENTITY) of exactly those persons
    const audit = await c.query(
      `SELECT person_ids, groups, actor FROM audit.entry WHERE action = 'EXPORT' ORDER BY seq`,
    );
    expect(audit.rows.length).toBeGreaterThan(0);
    const exported = new Set(audit.rows.flatMap((r: { person_ids: string[] }) => r.person_ids));
    expect([...exported].sort()).toEqual([takahashi, hankaku].sort());
    expect(audit.rows.flatMap((r: { groups: string[] }) => r.groups)).toEqual(
      expect.arrayContaining(['CONTACT', 'IDENTITY']),
    );
  });

  it('a UTF-8 CSV starts with a BOM; labels are a Japanese HTML page; bad input names the field', async () => {
    const csv = await stack.queryAs<{ exportMailingList: { contentBase64: string; contentType: string } }>(
      clerk,
      EXPORT,
      {
        input: {
          associationId: bunkyoId,
          format: 'CSV_UTF8_BOM',
          purpose: '総会のお知らせ',
          recipient: '事務局',
        },
      },
    );
    expect([...Buffer.from(csv.body.data!.exportMailingList.contentBase64, 'base64').subarray(0, 3)]).toEqual(
      [0xef, 0xbb, 0xbf],
    );
    const labels = await stack.queryAs<{
      exportMailingList: { contentBase64: string; contentType: string; filename: string };
    }>(clerk, EXPORT, {
      input: {
        associationId: bunkyoId,
        format: 'LABELS_HTML',
        purpose: '総会のお知らせ',
        recipient: '事務局',
      },
    });
    const page = Buffer.from(labels.body.data!.exportMailingList.contentBase64, 'base64').toString('utf8');
    expect(labels.body.data!.exportMailingList.contentType).toBe('text/html; charset=UTF-8');
    expect(page).toContain('<html lang="ja">');
    expect(page).toContain('髙橋 一郎 様');
    const bad = await stack.queryAs(clerk, EXPORT, {
      input: { associationId: bunkyoId, format: 'CSV_UTF8_BOM', purpose: ' ', recipient: '事務局' },
    });
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.purpose',
    });
  });

  it('the physician lists the provision records that covered them; a member association gets FORBIDDEN', async () => {
    const Q = `query($id: ID!) { person(id: $id) { id provisionRecords { recipient purpose format association { id } } } }`;
    const mine = await stack.queryAs<{
      person: { provisionRecords: { recipient: string; format: string }[] };
    }>({ kind: 'PHYSICIAN', sub: 'p-hankaku', personId: hankaku }, Q, { id: hankaku });
    expect(mine.body.errors).toBeUndefined();
    expect(mine.body.data!.person.provisionRecords.map((r) => r.format).sort()).toEqual(
      ['CSV_SHIFT_JIS', 'CSV_UTF8_BOM', 'LABELS_HTML'].sort(),
    );
    expect(mine.body.data!.person.provisionRecords.every((r) => r.recipient)).toBe(true);
    const byChiyoda = await stack.queryAs<{ person: { id: string; provisionRecords: unknown } }>(
      otherClerk,
      Q,
      { id: hankaku },
    );
    expect(byChiyoda.body.data?.person).toEqual({ id: hankaku, provisionRecords: null });
    expect(codeOf(byChiyoda.body.errors as Errors)).toBe('FORBIDDEN');
  });
});
