import iconv from 'iconv-lite';
import { badInput, fromEra, Messages } from '@mamis/platform';
import type { BankRow } from './bank-csv';

/**
 * The Zengin (全銀協) fixed-length 振込入金通知 (notice of transfers received) a bank delivers:
 * records of 200 bytes in Shift_JIS (JIS8: half-width kana names), one after another or each ending
 * in CR LF / LF. Record kinds by the first byte:
 *
 * | kind | record  | fields read (1-based byte positions)                                         |
 * | ---- | ------- | ----------------------------------------------------------------------------- |
 * | 1    | header  | 2–3 種別コード `01` (振込入金通知)                                              |
 * | 2    | data    | 2–7 照会番号 · 8–13 勘定日 (和暦 YYMMDD, 令和) · 20–29 金額 ·                    |
 * |      |         | 40–49 振込依頼人コード · 50–97 振込依頼人名 · 128 取消区分 (`1`: cancelled)       |
 * | 8    | trailer | 2–7 件数 · 8–19 合計金額 (checked against the data records)                       |
 * | 9    | end     | —                                                                             |
 *
 * Each data record becomes a BankRow: the 勘定日 (account date) is the payment date; the
 * 振込依頼人コード (10 digits; zeros = none) is the invoice reference; the transaction id is
 * `ZENGIN:<勘定日>:<照会番号>` (the 照会番号 is unique per account and day).
 */
export const ZENGIN_RECORD_BYTES = 200;

/** Does the file start like a Zengin 振込入金通知 (a header record of kind 1, type 01)? */
export function looksLikeZengin(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 3).toString('latin1');
  if (head !== '101') return false;
  const eol = bytes.indexOf(0x0a);
  const first = eol < 0 ? ZENGIN_RECORD_BYTES : bytes[eol - 1] === 0x0d ? eol - 1 : eol;
  return first === ZENGIN_RECORD_BYTES && bytes.length >= ZENGIN_RECORD_BYTES;
}

function records(bytes: Buffer, field: string): Buffer[] {
  const out: Buffer[] = [];
  if (bytes.includes(0x0a)) {
    let start = 0;
    while (start < bytes.length) {
      let end = bytes.indexOf(0x0a, start);
      if (end < 0) end = bytes.length;
      let rec = bytes.subarray(start, end);
      if (rec.at(-1) === 0x0d) rec = rec.subarray(0, -1);
      if (rec.length) out.push(rec);
      start = end + 1;
    }
  } else
    for (let i = 0; i < bytes.length; i += ZENGIN_RECORD_BYTES)
      out.push(bytes.subarray(i, i + ZENGIN_RECORD_BYTES));
  // a trailing EOF mark (0x1a) some banks append
  if (out.length && out.at(-1)!.length === 1 && out.at(-1)![0] === 0x1a) out.pop();
  const bad = out.findIndex((r) => r.length !== ZENGIN_RECORD_BYTES);
  if (bad >= 0) throw badInput(field, Messages.ZENGIN_RECORD_LENGTH({ record: bad + 1 }));
  return out;
}

/** 和暦 YYMMDD of the current era (令和) → ISO, or null. */
export function zenginDate(yymmdd: string): string | null {
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(yymmdd);
  return m ? fromEra('R', Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** Parse a Zengin 振込入金通知 file into bank rows (row number = record number, header = 1). */
export function parseZengin(bytes: Buffer, field: string): BankRow[] {
  const recs = records(bytes, field);
  const text = (r: Buffer, from: number, len: number) =>
    iconv
      .decode(r.subarray(from - 1, from - 1 + len), 'Shift_JIS')
      .normalize('NFKC')
      .trim();
  if (recs[0]?.toString('latin1', 0, 1) !== '1' || text(recs[0], 2, 2) !== '01')
    throw badInput(field, Messages.ZENGIN_NOT_TRANSFER_NOTICE);
  const rows: BankRow[] = [];
  let trailer: { count: number; total: number } | undefined;
  recs.forEach((r, i) => {
    const kind = r.toString('latin1', 0, 1);
    if (kind === '8') trailer = { count: Number(text(r, 2, 6)), total: Number(text(r, 8, 12)) };
    if (kind !== '2') return;
    const inquiry = text(r, 2, 6);
    const paidOn = zenginDate(text(r, 8, 6));
    const amountText = text(r, 20, 10);
    const amountYen = /^\d{10}$/.test(amountText) && Number(amountText) > 0 ? Number(amountText) : null;
    const code = text(r, 40, 10);
    const reference = /^0*$/.test(code) ? null : code;
    const payer = text(r, 50, 48) || null;
    const cancelled = text(r, 128, 1) === '1';
    rows.push({
      rowNumber: i + 1,
      paidOn,
      amountYen,
      payer,
      reference,
      transactionId: paidOn && inquiry ? `ZENGIN:${paidOn}:${inquiry}` : null,
      problem: !paidOn
        ? 'INVALID_DATE'
        : amountYen === null
          ? 'INVALID_AMOUNT'
          : cancelled
            ? 'CANCELLED_TRANSFER'
            : !payer && !reference
              ? 'NO_REFERENCE_OR_PAYER'
              : null,
    });
  });
  if (trailer && trailer.count !== rows.length)
    throw badInput(field, Messages.ZENGIN_TRAILER_COUNT({ trailer: trailer.count, records: rows.length }));
  return rows;
}

/**
 * A Zengin 振込入金通知 as a bank writes it (for tests and demos): header, one data record per
 * transfer, trailer and end record, CR LF after each.
 */
export function writeZengin(
  transfers: {
    inquiry: string;
    /** 和暦 YYMMDD. */
    accountDate: string;
    amountYen: number;
    requesterCode?: string;
    /** As banks print it: half-width katakana (ﾔﾏﾀﾞ ﾀﾛｳ). */
    payerKana: string;
    cancelled?: boolean;
  }[],
): Buffer {
  const field = (s: string, len: number, alignRight = false, padWith = ' ') => {
    const b = iconv.encode(s, 'Shift_JIS');
    if (b.length > len) return b.subarray(0, len);
    const padding = Buffer.alloc(len - b.length, padWith);
    return alignRight ? Buffer.concat([padding, b]) : Buffer.concat([b, padding]);
  };
  const num = (n: number | string, len: number) => field(String(n), len, true, '0');
  const rec = (parts: Buffer[]) => {
    const body = Buffer.concat(parts);
    return Buffer.concat([body, Buffer.alloc(ZENGIN_RECORD_BYTES - body.length, ' '), Buffer.from('\r\n')]);
  };
  const date = transfers[0]?.accountDate ?? '000000';
  const out = [
    rec([field('1', 1), field('01', 2), field('0', 1), field(date, 6), field(date, 6), field(date, 6),
      field('0001', 4), field('ﾐｽﾞﾎ', 15), field('001', 3), field('ﾎﾝﾃﾝ', 15), field('', 3), field('1', 1),
      num(1234567, 7), field('ｲｼｶｲ', 40)]), // prettier-ignore
  ];
  for (const t of transfers)
    out.push(
      rec([field('2', 1), num(t.inquiry, 6), field(t.accountDate, 6), field(t.accountDate, 6), num(t.amountYen, 10),
        num(0, 10), field(t.requesterCode ?? '0000000000', 10), field(t.payerKana, 48),
        field('ｷﾞﾝｺｳ', 15), field('ｼﾃﾝ', 15), field(t.cancelled ? '1' : ' ', 1)]), // prettier-ignore
    );
  const total = transfers.reduce((s, t) => s + t.amountYen, 0);
  out.push(rec([field('8', 1), num(transfers.length, 6), num(total, 12), num(0, 6), num(0, 12)]));
  out.push(rec([field('9', 1)]));
  return Buffer.concat(out);
}
