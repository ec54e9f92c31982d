import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** Password-reset tokens (hashed); one statement per operation, single use enforced in SQL. */
export class PasswordResetRepository {
  constructor(private readonly ds: DataSource) {}

  /** Store a new token for the account and invalidate its earlier unused ones (one transaction). */
  async issue(accountId: string, tokenHash: string, ttlSeconds: number): Promise<void> {
    await this.ds.transaction(async (m) => {
      await m.query(
        'UPDATE password_reset_token SET used_at = now() WHERE account_id = $1 AND used_at IS NULL',
        [accountId],
      );
      await m.query(
        `INSERT INTO password_reset_token (id, account_id, token_hash, expires_at)
         VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
        [randomUUID(), accountId, tokenHash, ttlSeconds],
      );
    });
  }

  /** The account of a token that is unused and unexpired (no change). */
  async peek(tokenHash: string): Promise<string | null> {
    const rows: { account_id: string }[] = await this.ds.query(
      `SELECT account_id FROM password_reset_token
        WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()`,
      [tokenHash],
    );
    return rows[0]?.account_id ?? null;
  }

  /**
   * Use a token once: marks it used and returns its account, or null when it is unknown, used or
   * expired. Two concurrent uses cannot both succeed (the row update is the check).
   */
  async consume(tokenHash: string): Promise<string | null> {
    const rows: [{ account_id: string }[], number] = await this.ds.query(
      `UPDATE password_reset_token SET used_at = now()
        WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
        RETURNING account_id`,
      [tokenHash],
    );
    return rows[0][0]?.account_id ?? null;
  }

  /** Invalidate every unused token of the account (after a completed reset). */
  async invalidateAll(accountId: string): Promise<void> {
    await this.ds.query(
      'UPDATE password_reset_token SET used_at = now() WHERE account_id = $1 AND used_at IS NULL',
      [accountId],
    );
  }

  async deleteExpired(): Promise<number> {
    const res: [unknown[], number] = await this.ds.query(
      `DELETE FROM password_reset_token WHERE expires_at < now() - interval '1 day'`,
    );
    return res[1];
  }
}
