import type { DataSource } from 'typeorm';

export interface ThrottleState {
  failures: number;
  lockedUntil: Date | null;
}

export interface BackoffPolicy {
  /** Failures allowed before locking. */
  threshold: number;
  baseSeconds: number;
  maxSeconds: number;
}

/** Sign-in failure counters per (hashed) login name; one statement per operation. */
export class ThrottleRepository {
  constructor(private readonly ds: DataSource) {}

  async get(key: string): Promise<ThrottleState> {
    const rows: { failures: number; locked_until: Date | null }[] = await this.ds.query(
      'SELECT failures, locked_until FROM login_throttle WHERE key = $1',
      [key],
    );
    return { failures: rows[0]?.failures ?? 0, lockedUntil: rows[0]?.locked_until ?? null };
  }

  /**
   * Count a failure; from the threshold on, lock for base·2^(failures−threshold) seconds (capped).
   * Failures older than the cap are forgotten first (a fresh start after a quiet period).
   */
  async recordFailure(key: string, p: BackoffPolicy): Promise<ThrottleState> {
    const rows: { failures: number; locked_until: Date | null }[] = await this.ds.query(
      `INSERT INTO login_throttle AS t (key, failures, locked_until, last_failure_at)
         VALUES ($1, 1, CASE WHEN 1 >= $2 THEN now() + make_interval(secs => $3) END, now())
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN t.last_failure_at < now() - make_interval(secs => $4) THEN 1 ELSE t.failures + 1 END,
         last_failure_at = now(),
         locked_until = CASE
           WHEN (CASE WHEN t.last_failure_at < now() - make_interval(secs => $4) THEN 1 ELSE t.failures + 1 END) >= $2
           THEN now() + make_interval(secs => LEAST($4::double precision,
                  $3 * power(2, (CASE WHEN t.last_failure_at < now() - make_interval(secs => $4) THEN 1 ELSE t.failures + 1 END) - $2)))
           ELSE NULL END
       RETURNING failures, locked_until`,
      [key, p.threshold, p.baseSeconds, p.maxSeconds],
    );
    return { failures: rows[0]!.failures, lockedUntil: rows[0]!.locked_until };
  }

  async reset(key: string): Promise<void> {
    await this.ds.query('DELETE FROM login_throttle WHERE key = $1', [key]);
  }

  /**
   * Failures in the fixed window of `windowSeconds` that holds now (windows aligned on the clock;
   * one row per window, `<key>:<window index>`). `count` adds one first.
   */
  async windowCount(
    key: string,
    windowSeconds: number,
    count: boolean,
  ): Promise<{ failures: number; windowEndsAt: Date }> {
    const index = Math.floor(Date.now() / 1000 / windowSeconds);
    const windowKey = `${key}:${index}`;
    const windowEndsAt = new Date((index + 1) * windowSeconds * 1000);
    const rows: { failures: number }[] = count
      ? await this.ds.query(
          `INSERT INTO login_throttle AS t (key, failures, locked_until, last_failure_at)
             VALUES ($1, 1, NULL, now())
           ON CONFLICT (key) DO UPDATE SET failures = t.failures + 1, last_failure_at = now()
           RETURNING failures`,
          [windowKey],
        )
      : await this.ds.query('SELECT failures FROM login_throttle WHERE key = $1', [windowKey]);
    return { failures: rows[0]?.failures ?? 0, windowEndsAt };
  }

  /** Counters nobody has failed against for a day and that hold no lock (periodic cleanup). */
  async deleteStale(): Promise<void> {
    await this.ds.query(
      `DELETE FROM login_throttle
        WHERE last_failure_at < now() - interval '1 day' AND (locked_until IS NULL OR locked_until < now())`,
    );
  }
}
