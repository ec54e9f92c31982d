import { badInput, Messages } from '@mamis/platform';

/**
 * The paging arguments of a connection (`first`, `after`), checked before any repository reads a
 * page: the repositories take a page size and a decoded sort key that are already valid.
 */

/** The page size asked for (`first`; 50 when not given): an integer from 1 to `max`. */
export function pageSize(first: number | null | undefined, field = 'first', max = 500): number {
  const n = first ?? 50;
  if (!Number.isInteger(n) || n < 1 || n > max) throw badInput(field, Messages.PAGE_SIZE({ max }));
  return n;
}

/**
 * The sort key an opaque cursor carries (the inverse of `encodeCursor` in repositories/cursor.ts:
 * base64url of the JSON key): `arity` strings, else BAD_USER_INPUT (MALFORMED_CURSOR) at `field`.
 * No cursor (null, undefined or ""): null, the first page.
 */
export function cursorKey(
  cursor: string | null | undefined,
  arity: number,
  field = 'after',
): string[] | null {
  if (!cursor) return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length === arity && key.every((k) => typeof k === 'string')) return key;
  } catch {
    /* fall through */
  }
  throw badInput(field, Messages.MALFORMED_CURSOR);
}
