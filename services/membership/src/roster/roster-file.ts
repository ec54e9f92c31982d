import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { badInput, Messages } from '@mamis/platform';

/**
 * An association's roster (会員名簿) as CSV (UTF-8 or Shift_JIS, header row) or Excel (.xlsx, first sheet, header
 * row): one row per member. Headers are the English field names or their Japanese labels below.
 */
export const ROSTER_COLUMNS = {
  registryNumber: ['医籍登録番号', '医籍番号'],
  familyName: ['氏', '姓'],
  givenName: ['名'],
  familyNameKana: ['氏カナ', '氏（カナ）', 'セイ'],
  givenNameKana: ['名カナ', '名（カナ）', 'メイ'],
  birthDate: ['生年月日'],
  sex: ['性別'],
  category: ['会員区分'],
  joinedOn: ['入会日'],
  email: ['メールアドレス', 'メール'],
  phone: ['電話番号', '電話'],
  postalCode: ['郵便番号'],
  prefectureCode: ['都道府県コード'],
  address: ['住所', '連絡先住所'],
  school: ['出身校'],
  graduationYear: ['卒業年'],
  facilityName: ['勤務先', '施設名'],
  facilityRole: ['役職'],
  departments: ['診療科', '診療科名'],
} as const;
export type RosterField = keyof typeof ROSTER_COLUMNS;

export interface RosterRow {
  /** The row number in the file (the header is row 1). */
  row: number;
  values: Partial<Record<RosterField, string>>;
}

export const MAX_ROSTER_BYTES = 5 * 1024 * 1024;
export const MAX_ROSTER_ROWS = 5000;

const HEADER = new Map<string, RosterField>();
for (const [field, labels] of Object.entries(ROSTER_COLUMNS) as [RosterField, readonly string[]][]) {
  HEADER.set(field.toLowerCase(), field);
  for (const l of labels) HEADER.set(l, field);
}

function fieldsOf(header: string[]): (RosterField | null)[] {
  const fields = header.map(
    (h) => HEADER.get(h.normalize('NFKC').trim()) ?? HEADER.get(h.trim().toLowerCase()) ?? null,
  );
  for (const required of ['familyName', 'givenName', 'birthDate'] as const)
    if (!fields.includes(required))
      throw badInput(
        'input.contentBase64',
        Messages.ROSTER_MISSING_COLUMN({ columnJa: ROSTER_COLUMNS[required][0], column: required }),
      );
  return fields;
}

function rowsOf(cells: string[][], firstRow: number): RosterRow[] {
  const [header, ...body] = cells;
  if (!header) throw badInput('input.contentBase64', Messages.ROSTER_EMPTY);
  const fields = fieldsOf(header);
  const out: RosterRow[] = [];
  body.forEach((line, i) => {
    if (line.every((c) => !c.trim())) return;
    const values: RosterRow['values'] = {};
    fields.forEach((f, k) => {
      const v = (line[k] ?? '').trim();
      if (f && v) values[f] = v;
    });
    out.push({ row: firstRow + 1 + i, values });
  });
  if (out.length > MAX_ROSTER_ROWS)
    throw badInput('input.contentBase64', Messages.ROSTER_TOO_MANY_ROWS({ max: MAX_ROSTER_ROWS }));
  return out;
}

/**
 * The text of a CSV file: UTF-8 (with or without a byte-order mark), or else Shift_JIS in its
 * Windows form (CP932: what Excel on a Japanese PC saves as "CSV"), detected by whether the bytes
 * are valid UTF-8 — a Japanese Shift_JIS text practically never is.
 */
export function decodeCsvText(content: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(content);
  } catch {
    return iconv.decode(content, 'CP932');
  }
}

export function parseRosterCsv(content: Buffer): RosterRow[] {
  let cells: string[][];
  try {
    cells = parse(decodeCsvText(content), {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch {
    throw badInput('input.contentBase64', Messages.ROSTER_CSV_UNREADABLE);
  }
  return rowsOf(cells, 1);
}

/** A cell as text: dates as ISO (Excel keeps them as dates without a zone), numbers as typed. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value);
}

export async function parseRosterXlsx(content: Buffer): Promise<RosterRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw badInput('input.contentBase64', Messages.ROSTER_XLSX_UNREADABLE);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw badInput('input.contentBase64', Messages.ROSTER_EMPTY);
  const cells: string[][] = [];
  let first = 0;
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    if (!first) first = n;
    const values = row.values as ExcelJS.CellValue[];
    cells[n - first] = values.slice(1).map(cellText);
  });
  for (let i = 0; i < cells.length; i++) cells[i] ??= [];
  return rowsOf(cells, first || 1);
}

/** Write a roster as .xlsx (tests, and an office's template download). */
export async function writeRosterXlsx(header: string[], rows: (string | number | Date)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('会員名簿');
  sheet.addRow(header);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
