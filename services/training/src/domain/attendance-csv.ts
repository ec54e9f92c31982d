import { parse } from 'csv-parse/sync';

/** A registry number (医籍登録番号): digits only (full-width digits are accepted and converted). */
const REGISTRY_NUMBER = /^[0-9]{1,10}$/;

export interface CsvRegistryRow {
  /** 1-based line number in the file (the header counts). */
  rowNumber: number;
  registryNumber: string | null;
  /** Why the row cannot be used (malformed), or undefined. */
  problem?: string;
}

const toHalfWidth = (s: string) =>
  s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/**
 * Read a CSV of registry numbers: the first column of each row; other columns (e.g. names) are
 * ignored; blank lines are skipped; a first row whose first cell is not a number is a header.
 * Rows are reported with their line numbers. A CSV that cannot be parsed at all: throws.
 */
export function parseRegistryCsv(text: string): CsvRegistryRow[] {
  const records = parse(text.replace(/^\uFEFF/, ''), {
    relax_column_count: true,
    skip_empty_lines: false,
    trim: true,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const out: CsvRegistryRow[] = [];
  records.forEach(({ record, info }, index) => {
    const first = toHalfWidth((record[0] ?? '').trim());
    if (record.every((c) => c.trim() === '')) return;
    if (index === 0 && !/[0-9]/.test(first)) return; // header row
    const rowNumber = info.lines;
    if (!REGISTRY_NUMBER.test(first))
      out.push({ rowNumber, registryNumber: first || null, problem: 'Not a registry number (digits only)' });
    else out.push({ rowNumber, registryNumber: first });
  });
  return out;
}
