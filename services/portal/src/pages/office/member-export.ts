// the browser build (its own Buffer polyfill): the Node build needs Node's Buffer
import { stringify } from 'csv-stringify/browser/esm/sync';

/**
 * The member list's export (会員一覧の出力): the same rows and columns the list shows the clerk,
 * read through the list's own typed operation page by page, written as CSV for Excel (UTF-8 with
 * a BOM, CRLF, Japanese headers) or as .xlsx (exceljs, loaded only when a clerk exports).
 * Pure functions: the view passes what it fetched and how it names a status.
 */

/** A row of the member list (the OfficeMemberRow fragment). */
export interface MemberListRow {
  id: string;
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  registryNumber: string;
  memberships?:
    readonly { id: string; category: string; status: string; association: { id: string } }[] | null;
}

/** What the list shows of a row: its cells, before a status is named in the viewer's language. */
export interface MemberCells {
  name: string;
  kana: string;
  registryNumber: string;
  /** The category at this association (the current membership, else the latest); null: none. */
  category: string | null;
  /** The status (API enum) of that membership; null: none. */
  status: string | null;
}

/** The cells of one list row; the table and the export both use this, so they cannot differ. */
export function memberCells(row: MemberListRow, associationId: string): MemberCells {
  const here = (row.memberships ?? []).filter((m) => m.association.id === associationId);
  const current = here.find((m) => m.status === 'ACTIVE') ?? here[here.length - 1];
  return {
    name: `${row.familyName} ${row.givenName}`,
    kana: `${row.familyNameKana} ${row.givenNameKana}`,
    registryNumber: row.registryNumber,
    category: current?.category ?? null,
    status: current?.status ?? null,
  };
}

/** The export's header row: the list's columns, in Japanese (the files are for Japanese offices). */
export const EXPORT_HEADERS = ['氏名', 'フリガナ', '医籍登録番号', '会員種別', '状態'] as const;

/** Header and rows, as the list shows them (a missing value is an empty cell, not the list's —). */
export function exportRecords(
  rows: readonly MemberListRow[],
  associationId: string,
  statusName: (status: string) => string,
): string[][] {
  return [
    [...EXPORT_HEADERS],
    ...rows.map((row) => {
      const c = memberCells(row, associationId);
      return [c.name, c.kana, c.registryNumber, c.category ?? '', c.status ? statusName(c.status) : ''];
    }),
  ];
}

/**
 * A cell a spreadsheet would read as a formula (=, +, -, @, or a leading tab or CR) gets a leading
 * apostrophe, so that an exported name can never run as a formula in Excel (CSV injection).
 */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** CSV for Excel: UTF-8 with a byte-order mark, CRLF line ends, every record quoted as needed. */
export function csvForExcel(records: readonly (readonly string[])[]): string {
  return stringify(
    records.map((r) => r.map(spreadsheetSafe)),
    { bom: true, record_delimiter: 'windows' },
  );
}

/** An .xlsx workbook of the records (first row bold and frozen, with a filter), as bytes. */
export async function xlsxOf(
  records: readonly (readonly string[])[],
  sheetName = '会員一覧',
): Promise<Uint8Array> {
  const mod = await import('exceljs');
  const ExcelJS = (mod as unknown as { default?: typeof mod }).default ?? mod;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'MAMIS';
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  // every value is text: a registry number keeps its digits as typed, nothing becomes a formula
  for (const record of records) sheet.addRow(record.map((v) => spreadsheetSafe(v)));
  sheet.getRow(1).font = { bold: true };
  const width = records[0]?.length ?? 0;
  sheet.columns.forEach((column, i) => {
    const longest = Math.max(...records.map((r) => (r[i] ?? '').length), 4);
    column.width = Math.min(Math.max(longest * 2 + 2, 10), 60);
  });
  if (width > 0 && records.length > 1)
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: records.length, column: width } };
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/** One page of a cursor connection, as the list's operation answers it. */
export interface ExportPage<T> {
  nodes: readonly T[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor?: string | null;
}

/**
 * Read every page of a connection: `fetchPage(after)` for the first page (after undefined) and
 * each next one, reporting progress (rows read, total) after each page. Stops when the API says
 * there is no next page (or gives no new cursor: never loops); an aborted signal stops between
 * pages with an AbortError.
 */
export async function fetchAllPages<T>(
  fetchPage: (after: string | undefined) => Promise<ExportPage<T>>,
  onProgress: (done: number, total: number) => void = () => undefined,
  signal?: AbortSignal,
): Promise<T[]> {
  const rows: T[] = [];
  let after: string | undefined;
  const seen = new Set<string>();
  for (;;) {
    if (signal?.aborted) throw new DOMException('The export was cancelled', 'AbortError');
    const page = await fetchPage(after);
    rows.push(...page.nodes);
    onProgress(rows.length, Math.max(page.totalCount, rows.length));
    const next = page.endCursor ?? undefined;
    if (!page.hasNextPage || !next || seen.has(next)) return rows;
    seen.add(next);
    after = next;
  }
}

/** Today's date in Tokyo (YYYY-MM-DD), for file names and the default date of joining. */
export function tokyoDate(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** The download's name: members-YYYYMMDD.csv / .xlsx (Tokyo date). */
export function exportFileName(extension: 'csv' | 'xlsx', now: Date = new Date()): string {
  return `members-${tokyoDate(now).replace(/-/g, '')}.${extension}`;
}
