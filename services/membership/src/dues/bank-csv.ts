import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { badInput, Messages, parseJapaneseDate } from '@mamis/platform';

/**
 * Bank-transfer statements (入金明細) as CSV: UTF-8 (with or without BOM) or Shift_JIS, a header
 * row, one transfer per row. Column names are matched in Japanese or English (full-width letters,
 * spaces, `_` and `-` ignored):
 *   取引日 / 日付 / 入金日 / 勘定日 / date · 金額 / 入金額 / amount · 振込依頼人名 / 振込依頼人 /
 *   依頼人名 / payer · 参照番号 / 依頼人番号 / 振込依頼人コード / お客様番号 / reference ·
 *   取引番号 / 照会番号 / transactionId
 * `date` and `amount` are required columns; a row needs a reference or a payer name to be matched.
 * Dates: ISO, `2026/12/4`, `20261204`, `2026年12月4日` or 和暦 (`R8.12.03`, `令和8年12月3日`).
 * The Zengin (全銀協) fixed-length format is read by zengin.ts into the same rows.
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
  problem: 'INVALID_DATE' | 'INVALID_AMOUNT' | 'NO_REFERENCE_OR_PAYER' | 'CANCELLED_TRANSFER' | null;
}

const ALIASES: Record<
  keyof Omit<BankRow, 'rowNumber' | 'problem' | 'paidOn' | 'amountYen'> | 'date' | 'amount',
  string[]
> = {
  date: ['取引日', '日付', '入金日', '勘定日', 'date', 'paidon'],
  amount: ['金額', '入金額', 'amount', 'amountyen'],
  payer: ['振込依頼人名', '振込依頼人', '依頼人名', 'payer'],
  reference: ['参照番号', '依頼人番号', '振込依頼人コード', 'お客様番号', 'reference'],
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

/**
 * A date as YYYY-MM-DD from 2026-05-10, 2026/5/10, 20260510, 2026年5月10日 or 和暦 (R8.5.10,
 * 令和8年5月10日); null when not a real date.
 */
export function parseBankDate(raw: string): string | null {
  return parseJapaneseDate(raw);
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
    throw badInput(field, Messages.BANK_CSV_UNREADABLE({ detail: (err as Error).message }));
  }
  const [header, ...rows] = records;
  if (!header) throw badInput(field, Messages.BANK_CSV_EMPTY);
  const keys = header.map(headerKey);
  const col = (name: keyof typeof ALIASES) => keys.findIndex((k) => ALIASES[name].map(headerKey).includes(k));
  const idx = {
    date: col('date'),
    amount: col('amount'),
    payer: col('payer'),
    reference: col('reference'),
    transactionId: col('transactionId'),
  };
  if (idx.date < 0 || idx.amount < 0) throw badInput(field, Messages.BANK_CSV_HEADER);
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
