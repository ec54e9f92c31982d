import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The identity service's revocation feed, read by the gateway on every request:
 * `GET <identity>/internal/revocations` with header `x-revocation-feed-secret` →
 * `{ entries: [{ key, notBefore }] }`. An access token is refused when one of its keys has an
 * entry with `notBefore` ≥ its `iat`.
 */
export const REVOCATION_FEED_PATH = '/internal/revocations';
export const REVOCATION_FEED_SECRET_HEADER = 'x-revocation-feed-secret';

export interface RevocationFeedEntry {
  /** `account:<id>`, `person:<id>` or `client:<id>`. */
  key: string;
  /** Seconds since the epoch. */
  notBefore: number;
}

/** The development-only feed secret (derived, refused in production). */
export function devRevocationFeedSecret(): string {
  return `dev-only-${createHash('sha256').update('mamis development revocation feed secret').digest('hex')}`;
}

/** Constant-time comparison of a presented secret. */
export function sameSecret(presented: string | undefined, expected: string): boolean {
  if (typeof presented !== 'string') return false;
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The revocation keys an access token's claims are checked against. */
export function revocationKeysOf(claims: {
  sub?: unknown;
  person_id?: unknown;
  client_id?: unknown;
  act?: unknown;
}): string[] {
  const keys: string[] = [];
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  const sub = str(claims.sub);
  if (sub) keys.push(`account:${sub}`);
  const act =
    claims.act && typeof claims.act === 'object' ? str((claims.act as { sub?: unknown }).sub) : undefined;
  if (act) keys.push(`account:${act}`);
  const person = str(claims.person_id);
  if (person) keys.push(`person:${person}`);
  const client = str(claims.client_id);
  if (client) keys.push(`client:${client}`);
  return keys;
}
