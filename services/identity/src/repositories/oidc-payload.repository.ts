import type { DataSource } from 'typeorm';

export interface StoredPayload {
  payload: Record<string, unknown>;
  consumed: boolean;
}

/** Raw SQL behind the oidc-provider adapter (one statement per adapter call). */
export class OidcPayloadRepository {
  constructor(private readonly ds: DataSource) {}

  async upsert(
    model: string,
    id: string,
    payload: Record<string, unknown>,
    expiresInSeconds: number | undefined,
  ): Promise<void> {
    const str = (v: unknown) => (typeof v === 'string' ? v : null);
    await this.ds.query(
      `INSERT INTO oidc_payload (model, id, payload, grant_id, user_code, uid, account_id, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $8::int IS NULL THEN NULL ELSE now() + make_interval(secs => $8::int) END)
       ON CONFLICT (model, id) DO UPDATE SET payload = EXCLUDED.payload, grant_id = EXCLUDED.grant_id,
         user_code = EXCLUDED.user_code, uid = EXCLUDED.uid, account_id = EXCLUDED.account_id, expires_at = EXCLUDED.expires_at`,
      [
        model,
        id,
        JSON.stringify(payload),
        str(payload.grantId),
        str(payload.userCode),
        str(payload.uid),
        str(payload.accountId),
        expiresInSeconds ?? null,
      ],
    );
  }

  private async findWhere(
    model: string,
    column: 'id' | 'uid' | 'user_code',
    value: string,
  ): Promise<StoredPayload | undefined> {
    const rows: { payload: Record<string, unknown>; consumed_at: Date | null }[] = await this.ds.query(
      `SELECT payload, consumed_at FROM oidc_payload
        WHERE model = $1 AND ${column} = $2 AND (expires_at IS NULL OR expires_at > now()) LIMIT 1`,
      [model, value],
    );
    const row = rows[0];
    return row ? { payload: row.payload, consumed: row.consumed_at !== null } : undefined;
  }

  find(model: string, id: string) {
    return this.findWhere(model, 'id', id);
  }

  findByUid(model: string, uid: string) {
    return this.findWhere(model, 'uid', uid);
  }

  findByUserCode(model: string, userCode: string) {
    return this.findWhere(model, 'user_code', userCode);
  }

  async consume(model: string, id: string): Promise<void> {
    await this.ds.query('UPDATE oidc_payload SET consumed_at = now() WHERE model = $1 AND id = $2', [
      model,
      id,
    ]);
  }

  async destroy(model: string, id: string): Promise<void> {
    await this.ds.query('DELETE FROM oidc_payload WHERE model = $1 AND id = $2', [model, id]);
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.ds.query('DELETE FROM oidc_payload WHERE grant_id = $1', [grantId]);
  }

  /**
   * Everything an account holds: sessions, grants, codes, refresh tokens (suspension, assistant
   * revocation). Grants are found by account, and their artifacts by grant id.
   */
  async revokeAccount(accountId: string): Promise<number> {
    const res: [unknown[], number] = await this.ds.query(
      `DELETE FROM oidc_payload
        WHERE account_id = $1
           OR grant_id IN (SELECT id FROM oidc_payload WHERE model = 'Grant' AND account_id = $1)`,
      [accountId],
    );
    return res[1];
  }

  async deleteExpired(): Promise<number> {
    const res: [unknown[], number] = await this.ds.query(
      `DELETE FROM oidc_payload WHERE expires_at < now() - interval '1 hour'`,
    );
    return res[1];
  }
}
