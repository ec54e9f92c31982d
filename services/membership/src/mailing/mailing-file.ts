import iconv from 'iconv-lite';

/**
 * The mailing-list file an association office hands to a printing/mailing vendor: CSV (UTF-8 with
 * BOM, or Shift_JIS — Excel in Japanese offices opens both) with postal code, address and name, or
 * a printable HTML page of address labels (宛名ラベル). Pure functions, no database.
 */
export type MailingFormat = 'CSV_UTF8_BOM' | 'CSV_SHIFT_JIS' | 'LABELS_HTML';

export interface MailingEntry {
  postalCode: string | null;
  address: string | null;
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
}

export interface MailingFile {
  filename: string;
  contentType: string;
  /** The text encoding of the bytes (UTF-8 or Shift_JIS). */
  encoding: 'UTF-8' | 'Shift_JIS';
  content: Buffer;
  rowCount: number;
  /** Rows whose text Shift_JIS cannot represent (replaced by 〓, the customary geta mark). */
  warnings: string[];
}

/** The items provided, for the provision record. */
export const MAILING_ITEMS = 'postalCode,address,name,nameKana';

export const CSV_HEADER = ['郵便番号', '住所', '氏名', 'フリガナ'] as const;

/**
 * Text as printed: NFKC on the half-width katakana block only (ﾊﾝｶｸ → ハンカク; a kanji such as 髙
 * and full-width forms are left as they are), no control characters.
 */
export function printable(s: string | null | undefined): string {
  return (
    (s ?? '')
      .replace(/[\uFF61-\uFF9F]+/g, (run) => run.normalize('NFKC'))
      // control characters (tabs, line breaks) become spaces: one field, one line
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001F\u007F]/g, ' ')
      .trim()
  );
}

/** 1000001 → 100-0001 (anything else as it is). */
export const formatPostalCode = (p: string | null) => {
  const s = printable(p).replace(/-/g, '');
  return /^\d{7}$/.test(s) ? `${s.slice(0, 3)}-${s.slice(3)}` : printable(p);
};

/** One CSV field: quoted when needed (RFC 4180); a leading =, +, @ cannot start a formula. */
export function csvField(value: string): string {
  const v = /^[=+@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export const rowOf = (e: MailingEntry): string[] => [
  formatPostalCode(e.postalCode),
  printable(e.address),
  `${printable(e.familyName)} ${printable(e.givenName)}`,
  `${printable(e.familyNameKana)} ${printable(e.givenNameKana)}`,
];

/** Replace what Shift_JIS (Windows-31J, as iconv-lite maps it) cannot encode with 〓. */
export function toShiftJisSafe(s: string): { text: string; lossy: boolean } {
  let lossy = false;
  const text = Array.from(s)
    .map((ch) => {
      if (iconv.decode(iconv.encode(ch, 'Shift_JIS'), 'Shift_JIS') === ch) return ch;
      lossy = true;
      return '〓';
    })
    .join('');
  return { text, lossy };
}

export function buildCsv(
  entries: readonly MailingEntry[],
  format: 'CSV_UTF8_BOM' | 'CSV_SHIFT_JIS',
  stem: string,
): MailingFile {
  const warnings: string[] = [];
  const lines = [CSV_HEADER.join(',')];
  entries.forEach((e, i) => {
    let cells = rowOf(e);
    if (format === 'CSV_SHIFT_JIS') {
      cells = cells.map((c) => {
        const { text, lossy } = toShiftJisSafe(c);
        if (lossy) warnings.push(`row ${i + 2}: characters outside Shift_JIS replaced by 〓 (${c})`);
        return text;
      });
    }
    lines.push(cells.map(csvField).join(','));
  });
  const text = `${lines.join('\r\n')}\r\n`;
  const sjis = format === 'CSV_SHIFT_JIS';
  return {
    filename: `${stem}.csv`,
    contentType: sjis ? 'text/csv; charset=Shift_JIS' : 'text/csv; charset=UTF-8',
    encoding: sjis ? 'Shift_JIS' : 'UTF-8',
    content: sjis ? iconv.encode(text, 'Shift_JIS') : Buffer.from(`\uFEFF${text}`, 'utf8'),
    rowCount: entries.length,
    warnings: [...new Set(warnings)],
  };
}

const html = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** A printable A4 page of address labels (3 × 8, 70 × 37 mm), Japanese first. */
export function buildLabels(entries: readonly MailingEntry[], title: string, stem: string): MailingFile {
  const labels = entries
    .map((e) => {
      const [postal, address, name] = rowOf(e);
      return `<div class="label"><p class="postal">〒${html(postal!)}</p><p class="address">${html(address!)}</p><p class="name">${html(name!)} 様</p></div>`;
    })
    .join('\n');
  const page = `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<title>宛名ラベル / Address labels — ${html(title)}</title>
<style>
@page { size: A4; margin: 10mm 0; }
body { margin: 0; font-family: "Hiragino Mincho ProN", "Yu Mincho", "Noto Serif CJK JP", serif; }
header { padding: 4mm 7mm; }
@media print { header { display: none; } }
.sheet { display: grid; grid-template-columns: repeat(3, 70mm); grid-auto-rows: 37mm; }
.label { box-sizing: border-box; padding: 4mm 5mm; overflow: hidden; break-inside: avoid; }
.label p { margin: 0 0 1mm; line-height: 1.25; }
.postal { font-size: 10pt; }
.address { font-size: 10pt; }
.name { font-size: 13pt; margin-top: 2mm; }
</style>
</head>
<body>
<header><h1>宛名ラベル（${entries.length}件）</h1><p lang="en">Address labels (${entries.length}) — ${html(title)}</p></header>
<main class="sheet">
${labels}
</main>
</body>
</html>
`;
  return {
    filename: `${stem}.html`,
    contentType: 'text/html; charset=UTF-8',
    encoding: 'UTF-8',
    content: Buffer.from(page, 'utf8'),
    rowCount: entries.length,
    warnings: [],
  };
}
