/**
 * What a frontend does with each error code of the MAMIS API (docs/client-kit.md). The codes are
 * `extensions.code` of a GraphQL error, or of the body of a plain HTTP error (401, 429, 503).
 */
export type ErrorAction =
  /** Sign in again (the token is missing, expired or revoked). */
  | 'SIGN_IN'
  /** Send the person to the terms step (identity's sign-in shows it). */
  | 'ACCEPT_TERMS'
  /** Show the field as not readable for this viewer (閲覧権限なし); the rest of the page stays. */
  | 'SHOW_NOT_PERMITTED'
  /** Show "not found" (the API answers the same for "does not exist" and "not visible"). */
  | 'SHOW_NOT_FOUND'
  /** Show the message at the input named by `extensions.field`; let the person correct it. */
  | 'FIX_INPUT'
  /** Reload the record and show both versions; never overwrite silently. */
  | 'RELOAD_AND_RETRY'
  /** Wait `Retry-After` seconds, then retry. */
  | 'RETRY_LATER'
  /** Show a generic error with the request id (x-request-id) for support. */
  | 'REPORT';

export interface ApiError {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string; field?: string; details?: Record<string, unknown>; [k: string]: unknown };
}

export const ERROR_ACTIONS: Record<string, ErrorAction> = {
  UNAUTHENTICATED: 'SIGN_IN',
  TERMS_NOT_ACCEPTED: 'ACCEPT_TERMS',
  FORBIDDEN: 'SHOW_NOT_PERMITTED',
  NOT_FOUND: 'SHOW_NOT_FOUND',
  BAD_USER_INPUT: 'FIX_INPUT',
  CONFLICT: 'RELOAD_AND_RETRY',
  RATE_LIMITED: 'RETRY_LATER',
  UNAVAILABLE: 'RETRY_LATER',
  INTERNAL: 'REPORT',
};

export const actionOf = (error: ApiError): ErrorAction =>
  ERROR_ACTIONS[error.extensions?.code ?? ''] ?? 'REPORT';

/** Dotted path of a field (`me.accessLog`), list indexes dropped. */
const keyOf = (path: readonly (string | number)[]) => path.filter((p) => typeof p === 'string').join('.');

/**
 * The paths of fields the viewer may not read (null with FORBIDDEN): a page shows
 * "閲覧権限なし / Not permitted" there instead of breaking.
 */
export function forbiddenPaths(errors: readonly ApiError[] | undefined): Set<string> {
  const out = new Set<string>();
  for (const e of errors ?? []) if (e.extensions?.code === 'FORBIDDEN' && e.path) out.add(keyOf(e.path));
  return out;
}

/** The errors other than per-field FORBIDDEN (those a page must handle as a whole). */
export const pageErrors = (errors: readonly ApiError[] | undefined): ApiError[] =>
  (errors ?? []).filter((e) => !(e.extensions?.code === 'FORBIDDEN' && e.path));

/** Field-level input problems: `extensions.field` (e.g. `input.postalCode`) → message. */
/** The stable reason code of each input problem by field (`extensions.details.reason`): what code decides on, never the words. */
export function inputReasons(errors: readonly ApiError[] | undefined): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const e of errors ?? [])
    if (e.extensions?.code === 'BAD_USER_INPUT' && typeof e.extensions.field === 'string') {
      const reason = e.extensions.details?.reason;
      out[e.extensions.field] = typeof reason === 'string' ? reason : undefined;
    }
  return out;
}

export function inputProblems(errors: readonly ApiError[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors ?? [])
    if (e.extensions?.code === 'BAD_USER_INPUT' && typeof e.extensions.field === 'string')
      out[e.extensions.field] = e.message;
  return out;
}
