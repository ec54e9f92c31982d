import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { clock } from '@mamis/platform';
import { writeRosterXlsx } from '@mamis/membership/src/roster/roster-file';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startStack, type Stack, type TestViewer } from '../support/stack';
import {
  buildAssociation,
  buildMembership,
  buildPerson,
  buildTermsVersion,
  type PersonRow,
} from '../support/builders';

const IMPORT = `mutation($input: ImportRosterInput!) {
  importRoster(input: $input) {
    dryRun total created joined unchanged rejected rows { row status code field message personId }
  }
}`;

interface Result {
  dryRun: boolean;
  total: number;
  created: number;
  joined: number;
  unchanged: number;
  rejected: number;
  rows: {
    row: number;
    status: string;
    code: string | null;
    field: string | null;
    message: string | null;
    personId: string | null;
  }[];
}

const HEADER = [
  '医籍登録番号',
  '氏',
  '名',
  '氏カナ',
  '名カナ',
  '生年月日',
  '性別',
  '会員区分',
  '入会日',
  'メールアドレス',
];

/** Bulk roster import for 文京区医師会 through the gateway: .xlsx and .csv, dry run, apply, re-apply. */
describe('roster import (through the gateway)', () => {
  let db: TestDatabase;
  let c: Client;
  let stack: Stack;
  let clerk: TestViewer;
  let bunkyoId: string;
  let member: PersonRow;
  let former: PersonRow;
  let osaka: PersonRow;

  beforeAll(async () => {
    db = await createTestDatabase();
    c = await db.admin();
    const jma = await buildAssociation(c, { code: 'JMA', tier: 'NATIONAL', prefecture_code: null });
    const tokyo = await buildAssociation(c, { code: 'P13', tier: 'PREFECTURAL', parent_id: jma.id });
    const osakaAssoc = await buildAssociation(c, {
      code: 'P27',
      tier: 'PREFECTURAL',
      parent_id: jma.id,
      prefecture_code: 27,
    });
    const bunkyo = await buildAssociation(c, { code: 'M13005', name: '文京区医師会', parent_id: tokyo.id });
    bunkyoId = bunkyo.id;
    member = await buildPerson(c, { registry_number: '8100001' });
    await buildMembership(c, { person_id: member.id, association_id: bunkyo.id });
    former = await buildPerson(c, {
      family_name: '春日',
      given_name: '二郎',
      birth_date: '1968-03-03',
      registry_number: '8100002',
    });
    await buildMembership(c, {
      person_id: former.id,
      association_id: bunkyo.id,
      status: 'LEFT',
      left_on: '2020-03-31',
    });
    osaka = await buildPerson(c, {
      family_name: '浪速',
      given_name: '花子',
      birth_date: '1975-08-15',
      registry_number: '8100003',
    });
    await buildMembership(c, { person_id: osaka.id, association_id: osakaAssoc.id });
    await buildTermsVersion(c);
    clerk = {
      kind: 'STAFF',
      sub: randomUUID(),
      associationId: bunkyo.id,
      associationTier: 'MUNICIPAL',
      role: 'CLERK',
    };
    stack = await startStack(db);
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
    await c?.end();
    await db?.drop();
  });

  const run = async (format: 'CSV' | 'XLSX', content: Buffer, dryRun: boolean, key = randomUUID()) => {
    const res = await stack.queryAs<{ importRoster: Result }>(clerk, IMPORT, {
      input: {
        associationId: bunkyoId,
        format,
        contentBase64: content.toString('base64'),
        dryRun,
        idempotencyKey: key,
      },
    });
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.importRoster;
  };
  const statuses = (r: Result) => r.rows.map((x) => [x.row, x.status, x.code, x.field]);
  const members = async () =>
    (
      await c.query(
        `SELECT count(*)::int AS n FROM membership.membership WHERE association_id = $1 AND status = 'ACTIVE'`,
        [bunkyoId],
      )
    ).rows[0].n as number;

  it('an .xlsx roster: dry run, apply, re-apply changes nothing', async () => {
    const today = clock.today();
    const xlsx = await writeRosterXlsx(HEADER, [
      ['8200001', '根津', '三郎', 'ネヅ', 'サブロウ', '1980-05-05', '男', 'A', today, 'nezu@example.jp'],
      [
        member.registry_number,
        member.family_name,
        member.given_name,
        'ヤマダ',
        'タロウ',
        member.birth_date,
        '男',
        'A',
        today,
        '',
      ],
      ['', '春日', '二郎', 'カスガ', 'ジロウ', '1968-03-03', '男', 'B', today, ''],
      ['8200002', '千駄木', '四郎', 'センダギ', 'シロウ', '1980-02-30', '男', 'A', today, ''],
      ['8200001', '根津', '三郎', 'ネヅ', 'サブロウ', '1980-05-05', '男', 'A', today, ''],
      [osaka.registry_number, '浪速', '花子', 'ナニワ', 'ハナコ', '1975-08-15', '女', 'A', today, ''],
      ['', '不明', '五郎', 'フメイ', 'ゴロウ', '1990-01-01', '男', 'A', today, ''],
    ]);
    const before = await members();
    const dry = await run('XLSX', xlsx, true);
    const expected = [
      [2, 'CREATE', null, null],
      [3, 'UNCHANGED', null, null],
      [4, 'JOIN', null, null],
      [5, 'REJECTED', 'INVALID_FIELD', 'rows[5].birthDate'],
      [6, 'REJECTED', 'DUPLICATE_ROW', 'rows[6].registryNumber'],
      // the registry number of a person the office may not see: as for an unused number
      [7, 'CREATE', null, null],
      [8, 'REJECTED', 'NO_MATCH', 'rows[8].registryNumber'],
    ];
    expect(dry.dryRun).toBe(true);
    expect(statuses(dry)).toEqual(expected);
    expect(dry.rows[3]!.message).toMatch(/^項目の値が正しくありません/);
    expect(await members()).toBe(before);

    const key = randomUUID();
    const applied = await run('XLSX', xlsx, false, key);
    expect(statuses(applied)).toEqual(expected);
    expect({
      created: applied.created,
      joined: applied.joined,
      unchanged: applied.unchanged,
      rejected: applied.rejected,
    }).toEqual({
      created: 2,
      joined: 1,
      unchanged: 1,
      rejected: 3,
    });
    expect(applied.rows[2]!.personId).toBe(former.id);
    expect(await members()).toBe(before + 3);
    // the invisible physician is not revealed: the office's row is its own record, awaiting a match
    const kept = await c.query(`SELECT registry_match_of::text AS m FROM membership.person WHERE id = $1`, [
      applied.rows[5]!.personId,
    ]);
    expect(kept.rows[0].m).toBe(osaka.id);
    // the same key: the stored answer
    expect(await run('XLSX', xlsx, false, key)).toEqual(applied);

    const again = await run('XLSX', xlsx, false);
    expect(statuses(again)).toEqual(
      expected.map(([row, status, code, field]) => [
        row,
        status === 'REJECTED' ? status : 'UNCHANGED',
        code,
        field,
      ]),
    );
    expect(again.rows.filter((r) => r.status === 'UNCHANGED').map((r) => r.personId)).toEqual(
      [applied.rows[0], applied.rows[1], applied.rows[2], applied.rows[5]].map((r) => r!.personId),
    );
    expect(await members()).toBe(before + 3);
  });

  it('a .csv roster (with a BOM and Japanese headers): dry run then apply, re-apply changes nothing', async () => {
    const today = clock.today().replace(/-/g, '/');
    const csv = Buffer.from(
      `\uFEFF${HEADER.join(',')}\n8300001,白山,六郎,ハクサン,ロクロウ,1985/06/06,男,B,${today},hakusan@example.jp\n8300002,湯島,七子,ユシマ,ナナコ,1987-07-07,女,,${today},\n8300003,根津,八郎,,ハチロウ,1988-08-08,男,B,${today},\n`,
    );
    const before = await members();
    const dry = await run('CSV', csv, true);
    expect(statuses(dry)).toEqual([
      [2, 'CREATE', null, null],
      [3, 'REJECTED', 'MISSING_FIELD', 'rows[3].category'],
      // a required person field left empty is missing too (the reason code, not the message's words)
      [4, 'REJECTED', 'MISSING_FIELD', 'rows[4].familyNameKana'],
    ]);
    expect(await members()).toBe(before);
    const applied = await run('CSV', csv, false);
    expect(statuses(applied)).toEqual(statuses(dry));
    const person = await c.query(
      `SELECT p.email, m.category, m.joined_on::text AS joined FROM membership.person p
       JOIN membership.membership m ON m.person_id = p.id AND m.association_id = $2 WHERE p.id = $1`,
      [applied.rows[0]!.personId, bunkyoId],
    );
    expect(person.rows).toEqual([{ email: 'hakusan@example.jp', category: 'B', joined: clock.today() }]);
    const again = await run('CSV', csv, false);
    expect(statuses(again)).toEqual([
      [2, 'UNCHANGED', null, null],
      [3, 'REJECTED', 'MISSING_FIELD', 'rows[3].category'],
      [4, 'REJECTED', 'MISSING_FIELD', 'rows[4].familyNameKana'],
    ]);
    expect(await members()).toBe(before + 1);
  });

  it('a file that is not a roster: BAD_USER_INPUT at input.contentBase64', async () => {
    const res = await stack.queryAs(clerk, IMPORT, {
      input: {
        associationId: bunkyoId,
        format: 'XLSX',
        contentBase64: Buffer.from('not a workbook').toString('base64'),
        dryRun: true,
        idempotencyKey: randomUUID(),
      },
    });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.contentBase64',
    });
  });
});
