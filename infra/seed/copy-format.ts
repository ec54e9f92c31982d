/**
 * Encoding of values for PostgreSQL `COPY … FROM STDIN` in TEXT format: columns separated by a
 * tab, rows by a newline, NULL as \N, and backslash, tab, newline and carriage return escaped.
 */

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export const NULL = '\\N';

/** A text value for COPY TEXT format. */
export function text(value: string): string {
  return NEEDS_ESCAPE.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : value;
}

/** A nullable text value. */
export function textOrNull(value: string | null | undefined): string {
  return value === null || value === undefined ? NULL : text(value);
}

export function numberOrNull(value: number | null | undefined): string {
  return value === null || value === undefined ? NULL : String(value);
}

export function bool(value: boolean): string {
  return value ? 't' : 'f';
}

const ARRAY_ELEMENT_NEEDS_QUOTES = /[{}",\\\s]/;

/** A `text[]` literal ('{内科,"a b"}'), then COPY-escaped. */
export function textArray(values: readonly string[]): string {
  const elements = values.map((v) =>
    v === '' || v.toUpperCase() === 'NULL' || ARRAY_ELEMENT_NEEDS_QUOTES.test(v)
      ? `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`
      : v,
  );
  return text(`{${elements.join(',')}}`);
}
