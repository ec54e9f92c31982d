import type { DataSource } from 'typeorm';
import { loadRelations } from '@mamis/platform';

/**
 * Read-only questions about memberships, through the versioned `access` views every service
 * role may read (infra/db/access-views.ts) — never the membership service's own tables.
 */
export class MembershipLookupRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Is the person a current member of the association (the MEMBER relation of the one access
   * policy)? Never inherited up or down the tree.
   */
  async isActiveMember(personId: string, associationId: string): Promise<boolean> {
    const relations = await loadRelations(this.ds, { kind: 'STAFF', associationId, scopes: [] }, [personId]);
    return relations.get(personId)?.has('MEMBER') ?? false;
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
