import { badInput, Messages } from '@mamis/platform';

/** Opaque keyset cursors: base64url of the JSON sort key. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number, field = 'after'): string[] {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length === arity && key.every((k) => typeof k === 'string')) return key;
  } catch {
    /* fall through */
  }
  throw badInput(field, Messages.MALFORMED_CURSOR);
}

export function pageSize(first: number | null | undefined, field = 'first', max = 500): number {
  const n = first ?? 50;
  if (!Number.isInteger(n) || n < 1 || n > max) throw badInput(field, Messages.PAGE_SIZE({ max }));
  return n;
}
