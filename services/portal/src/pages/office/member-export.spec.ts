import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import {
  csvForExcel,
  exportFileName,
  exportRecords,
  fetchAllPages,
  memberCells,
  spreadsheetSafe,
  tokyoDate,
  xlsxOf,
  type MemberListRow,
} from './member-export';

const HERE = 'assoc-here';
const row = (over: Partial<MemberListRow> = {}): MemberListRow => ({
  id: 'p1',
  familyName: '山田',
  givenName: '花子',
  familyNameKana: 'ヤマダ',
  givenNameKana: 'ハナコ',
  registryNumber: '0123456',
  memberships: [
    { id: 'm0', category: 'B', status: 'LEFT', association: { id: HERE } },
    { id: 'm1', category: 'A①', status: 'ACTIVE', association: { id: HERE } },
    { id: 'm2', category: 'C', status: 'ACTIVE', association: { id: 'elsewhere' } },
  ],
  ...over,
});
const ja = (s: string) => ({ ACTIVE: '在籍', LEFT: '退会' })[s] ?? s;

describe('member list export', () => {
  it('shows the current membership at this association, else the latest, else nothing', () => {
    expect(memberCells(row(), HERE)).toEqual({
      name: '山田 花子',
      kana: 'ヤマダ ハナコ',
      registryNumber: '0123456',
      category: 'A①',
      status: 'ACTIVE',
    });
    const former = row({
      memberships: [
        { id: 'a', category: 'B', status: 'TRANSFERRED', association: { id: HERE } },
        { id: 'b', category: 'A①', status: 'LEFT', association: { id: HERE } },
      ],
    });
    expect(memberCells(former, HERE)).toMatchObject({ category: 'A①', status: 'LEFT' });
    expect(memberCells(row({ memberships: null }), HERE)).toMatchObject({ category: null, status: null });
  });

  it('writes Japanese headers and one record per row, an unknown membership as empty cells', () => {
    expect(exportRecords([row(), row({ id: 'p2', memberships: [] })], HERE, ja)).toEqual([
      ['氏名', 'フリガナ', '医籍登録番号', '会員種別', '状態'],
      ['山田 花子', 'ヤマダ ハナコ', '0123456', 'A①', '在籍'],
      ['山田 花子', 'ヤマダ ハナコ', '0123456', '', ''],
    ]);
  });

  it('writes CSV for Excel: a BOM, CRLF, quoting where needed, no formula', () => {
    const csv = csvForExcel([
      ['氏名', '備考'],
      ['山田 花子', 'a,"b"\nc'],
      ['=HYPERLINK("x")', '@SUM(1)'],
    ]);
    expect(csv.startsWith('\uFEFF氏名,備考\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv).toContain('"a,""b""\nc"');
    const back = parse(csv, { bom: true }) as string[][];
    expect(back).toEqual([
      ['氏名', '備考'],
      ['山田 花子', 'a,"b"\nc'],
      [`'=HYPERLINK("x")`, "'@SUM(1)"],
    ]);
    expect(spreadsheetSafe('-1')).toBe("'-1");
    expect(spreadsheetSafe('ヤマダ')).toBe('ヤマダ');
  });

  it('writes an .xlsx that reads back as the same text cells', async () => {
    const records = exportRecords([row()], HERE, ja);
    const bytes = await xlsxOf(records);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('会員一覧')!;
    const read: string[][] = [];
    sheet.eachRow((r) => read.push((r.values as unknown[]).slice(1).map(String)));
    expect(read).toEqual(records);
    expect(sheet.getCell('C2').value).toBe('0123456');
    expect(sheet.getRow(1).font?.bold).toBe(true);
  });

  it('reads every page once, reporting progress, and never loops on a repeated cursor', async () => {
    const pages = [
      { nodes: [1, 2], totalCount: 5, hasNextPage: true, endCursor: 'c1' },
      { nodes: [3, 4], totalCount: 5, hasNextPage: true, endCursor: 'c2' },
      { nodes: [5], totalCount: 5, hasNextPage: false, endCursor: 'c3' },
    ];
    const afters: (string | undefined)[] = [];
    const progress: [number, number][] = [];
    const all = await fetchAllPages(
      (after) => {
        afters.push(after);
        return Promise.resolve(pages[afters.length - 1]!);
      },
      (done, total) => progress.push([done, total]),
    );
    expect(all).toEqual([1, 2, 3, 4, 5]);
    expect(afters).toEqual([undefined, 'c1', 'c2']);
    expect(progress).toEqual([
      [2, 5],
      [4, 5],
      [5, 5],
    ]);
    let calls = 0;
    const stuck = await fetchAllPages(() => {
      calls += 1;
      return Promise.resolve({ nodes: [calls], totalCount: 9, hasNextPage: true, endCursor: 'same' });
    });
    expect(stuck).toEqual([1, 2]);
  });

  it('stops between pages when cancelled', async () => {
    const controller = new AbortController();
    const read = fetchAllPages(
      () => {
        controller.abort();
        return Promise.resolve({ nodes: [1], totalCount: 3, hasNextPage: true, endCursor: 'c' });
      },
      undefined,
      controller.signal,
    );
    await expect(read).rejects.toMatchObject({ name: 'AbortError' });
  });

  it("names the file by Tokyo's date", () => {
    // 2016-03-31 20:00 UTC is already April 1 in Tokyo
    const now = new Date(Date.UTC(2016, 2, 31, 20, 0, 0));
    expect(tokyoDate(now)).toBe('2016-04-01');
    expect(exportFileName('xlsx', now)).toBe('members-20160401.xlsx');
  });
});
