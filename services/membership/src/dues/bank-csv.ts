import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { badInput } from '@mamis/platform';

/**
 * Bank-transfer statements (入金明細) as CSV: UTF-8 (with or without BOM) or Shift_JIS, a header
 * row, one transfer per row. Column names are matched in Japanese or English:
 *   取引日 / 日付 / date · 金額 / 入金額 / amount · 振込依頼人名 / 振込依頼人 / payer ·
 *   参照番号 / 依頼人番号 / お客様番号 / reference · 取引番号 / 照会番号 / transactionId
 * `date` and `amount` are required columns; a row needs a reference or a payer name to be matched.
 */
export type TextEncoding = 'UTF8' | 'SHIFT_JIS';

export interface BankRow {
  /** The row's line in the file (the header is row 1). */
  rowNumber: number;
  paidOn: string | null;
  amountYen: number | null;
  payer: string | null;
  reference: string | null;
  transactionId: string | null;
  /** Parse problems of this row (a reason code), null when it parsed. */
  problem: 'INVALID_DATE' | 'INVALID_AMOUNT' | 'NO_REFERENCE_OR_PAYER' | null;
}

const ALIASES: Record<
  keyof Omit<BankRow, 'rowNumber' | 'problem' | 'paidOn' | 'amountYen'> | 'date' | 'amount',
  string[]
> = {
  date: ['取引日', '日付', '入金日', 'date', 'paidon'],
  amount: ['金額', '入金額', 'amount', 'amountyen'],
  payer: ['振込依頼人名', '振込依頼人', '依頼人名', 'payer'],
  reference: ['参照番号', '依頼人番号', 'お客様番号', 'reference'],
  transactionId: ['取引番号', '照会番号', 'transactionid'],
};

const norm = (s: string) => s.normalize('NFKC').trim();
const headerKey = (s: string) =>
  norm(s)
    .replace(/^\uFEFF/, '')
    .replace(/[\s_-]/g, '')
    .toLowerCase();

export function decodeText(content: Buffer, encoding: TextEncoding): string {
  if (encoding === 'SHIFT_JIS') return iconv.decode(content, 'Shift_JIS');
  const text = content.toString('utf8');
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** A date as YYYY-MM-DD from 2026-05-10, 2026/5/10 or 20260510; null when not a real date. */
export function parseBankDate(raw: string): string | null {
  const s = norm(raw);
  const m = /^(\d{4})[-/.]?(\d{1,2})[-/.]?(\d{1,2})$/.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

/** Integer yen from 64000, 64,000, ¥64,000 or ６４０００; null otherwise (no fractions, > 0). */
export function parseYen(raw: string): number | null {
  const s = norm(raw)
    .replace(/^[¥\\]/, '')
    .replace(/円$/, '')
    .replace(/,/g, '');
  if (!/^\d{1,9}$/.test(s)) return null;
  const n = Number(s);
  return n > 0 ? n : null;
}

/** Parse a statement. A file without the required columns → BAD_USER_INPUT at `field`. */
export function parseBankCsv(text: string, field: string): BankRow[] {
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][];
  } catch (err) {
    throw badInput(field, `The CSV could not be read: ${(err as Error).message}`);
  }
  const [header, ...rows] = records;
  if (!header) throw badInput(field, 'The CSV is empty');
  const keys = header.map(headerKey);
  const col = (name: keyof typeof ALIASES) => keys.findIndex((k) => ALIASES[name].map(headerKey).includes(k));
  const idx = {
    date: col('date'),
    amount: col('amount'),
    payer: col('payer'),
    reference: col('reference'),
    transactionId: col('transactionId'),
  };
  if (idx.date < 0 || idx.amount < 0)
    throw badInput(field, 'The CSV needs a header row with the columns 取引日 (date) and 金額 (amount)');
  const cell = (r: string[], i: number) =>
    i >= 0 && r[i] !== undefined && norm(r[i]!) !== '' ? norm(r[i]!) : null;
  return rows.map((r, i) => {
    const paidOn = parseBankDate(r[idx.date] ?? '');
    const amountYen = parseYen(r[idx.amount] ?? '');
    const payer = cell(r, idx.payer);
    const reference = cell(r, idx.reference);
    return {
      rowNumber: i + 2,
      paidOn,
      amountYen,
      payer,
      reference,
      transactionId: cell(r, idx.transactionId),
      problem: !paidOn
        ? 'INVALID_DATE'
        : amountYen === null
          ? 'INVALID_AMOUNT'
          : !payer && !reference
            ? 'NO_REFERENCE_OR_PAYER'
            : null,
    };
  });
}

/**
 * A payer name as banks print it (half-width kana, spaces, 'ﾔﾏﾀﾞ ﾀﾛｳ') compared with a person's
 * kana: NFKC (half-width → full-width katakana), hiragana → katakana, no spaces, and the small
 * kana banks cannot print (ァ, ッ, ャ…) folded to their large forms.
 */
export function kanaKey(s: string): string {
  const small: Record<string, string> = {
    ァ: 'ア',
    ィ: 'イ',
    ゥ: 'ウ',
    ェ: 'エ',
    ォ: 'オ',
    ッ: 'ツ',
    ャ: 'ヤ',
    ュ: 'ユ',
    ョ: 'ヨ',
    ヮ: 'ワ',
  };
  return s
    .normalize('NFKC')
    .replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60))
    .replace(/[\s\u3000・.()（）]/g, '')
    .replace(/[ァィゥェォッャュョヮ]/g, (c) => small[c] ?? c);
}
