import type { DataSource } from 'typeorm';

/**
 * Read-only questions about memberships, through the versioned `access` views every service
 * role may read (infra/db/access-views.ts) — never the membership service's own tables.
 */
export class MembershipLookupRepository {
  constructor(private readonly ds: DataSource) {}

  /** Is the person a current (ACTIVE) member of the association? Never inherited up or down the tree. */
  async isActiveMember(personId: string, associationId: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      `SELECT 1 FROM access.membership_v1 WHERE person_id = $1 AND association_id = $2 AND status = 'ACTIVE' LIMIT 1`,
      [personId, associationId],
    );
    return rows.length > 0;
  }

  /** Tier of an association (NATIONAL, PREFECTURAL, …), or null when unknown/unreadable. */
  async tierOf(associationId: string): Promise<string | null> {
    const rows: { tier: string }[] = await this.ds.query(
      'SELECT tier FROM access.association_v1 WHERE id = $1',
      [associationId],
    );
    return rows[0]?.tier ?? null;
  }
}
