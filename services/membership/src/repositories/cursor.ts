/**
 * Opaque keyset cursors: base64url of the JSON sort key. A cursor from a client is checked and
 * decoded before the repository sees it (`cursorKey`, validation/page.validator.ts): repositories
 * take the decoded key.
 */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** A decoded cursor: the sort key of the last row of the previous page. */
export type CursorKey = readonly string[];
