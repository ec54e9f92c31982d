import type { DataSource } from 'typeorm';

export interface RevocationEntry {
  key: string;
  /** Seconds since the epoch: tokens with `iat` ≤ this are refused. */
  notBefore: number;
}

/**
 * How long a revocation is published. An access token lives ≤ 300 s (ACCESS_TOKEN_TTL_SECONDS)
 * plus the gateway's clock tolerance; a revoked subject gets no new token from identity, so an
 * older entry cannot match any token the gateway would still accept.
 */
export const REVOCATION_PUBLISHED_SECONDS = 15 * 60;

/**
 * Seconds added to the moment of revocation: a token being signed while the revocation commits
 * (its account was checked a moment before) carries an `iat` of that second or the next, and is
 * refused too. A token issued after a reinstatement within that margin is refused as well (the
 * client signs in again).
 */
const ISSUANCE_MARGIN_SECONDS = 1;

export class RevocationRepository {
  constructor(private readonly ds: DataSource) {}

  /** Void every token of these subjects issued until now (plus the issuance margin). */
  async revoke(keys: readonly string[], reason: string): Promise<void> {
    if (keys.length === 0) return;
    await this.ds.query(
      `INSERT INTO token_revocation (key, not_before, reason, updated_at)
       SELECT k, to_timestamp($3), $2, now() FROM unnest($1::text[]) k
       ON CONFLICT (key) DO UPDATE
         SET not_before = GREATEST(token_revocation.not_before, EXCLUDED.not_before),
             reason = EXCLUDED.reason, updated_at = now()`,
      // this process's clock, the one that stamps `iat` on the tokens it signs (not the database's)
      [[...new Set(keys)], reason.slice(0, 200), Math.floor(Date.now() / 1000) + ISSUANCE_MARGIN_SECONDS],
    );
  }

  /** The revocations a token still in its lifetime can match. */
  async published(): Promise<RevocationEntry[]> {
    // an assistant grant that reached its expiry ends the assistant's tokens like a revocation
    const rows: { key: string; not_before: string }[] = await this.ds.query(
      `SELECT key, extract(epoch FROM not_before)::bigint AS not_before FROM token_revocation
       WHERE updated_at > now() - make_interval(secs => $1)
       UNION ALL
       SELECT 'account:' || assistant_account_id, ceil(extract(epoch FROM expires_at))::bigint + $2
       FROM assistant_grant
       WHERE expires_at <= now() AND expires_at > now() - make_interval(secs => $1)`,
      [REVOCATION_PUBLISHED_SECONDS, ISSUANCE_MARGIN_SECONDS],
    );
    return rows.map((r) => ({ key: r.key, notBefore: Number(r.not_before) }));
  }
}

export const revocationKey = {
  account: (id: string) => `account:${id}`,
  person: (id: string) => `person:${id}`,
  client: (id: string) => `client:${id}`,
};
