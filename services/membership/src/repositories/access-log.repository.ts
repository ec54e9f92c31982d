import type { DataSource } from 'typeorm';
import { onlyUuids } from '@mamis/platform';

/** Most entries one person's access log returns (Person.accessLog `first` is capped here). */
export const ACCESS_LOG_MAX = 500;

/** One `audit.entry` row as seen from one person it covers (a row can cover several persons). */
export interface AccessLogRow {
  /** The person this row is listed for (one of the entry's `person_ids`). */
  personId: string;
  seq: string;
  at: Date;
  service: string;
  operation: string | null;
  actor: string | null;
  onBehalfOf: string | null;
  viewerKind: string;
  viewerAssociation: string | null;
  relations: string[];
  groups: string[];
  action: string;
  /** The first checkpoint (audit.checkpoint, the database's copy) covering the entry; null: none yet. */
  checkpointId: string | null;
  checkpointSize: string | null;
  checkpointHeadSeq: string | null;
  checkpointHeadHash: string | null;
  checkpointAt: string | null;
  checkpointKeyId: string | null;
  checkpointSig: string | null;
}

/**
 * The audit trail (`audit.entry`, written by every service, readable by every service role),
 * read per person. The other persons an entry covers are never returned.
 */
export class AccessLogRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * ONE statement for a whole batch of persons: the newest `limit` entries covering each person
   * (GIN index on `person_ids` through `&&`), newest first, as one row per (person, entry), each
   * with the first signed checkpoint covering it (the smallest head seq ≥ the entry's seq; index
   * on head_seq).
   */
  async byPersonIds(personIds: readonly string[], limit = ACCESS_LOG_MAX): Promise<AccessLogRow[]> {
    const ids = [...new Set(onlyUuids(personIds))];
    if (ids.length === 0) return [];
    return (await this.ds.query(
      `SELECT ids.person_id::text AS "personId", e.seq::text AS seq, e.at, e.service, e.operation, e.actor,
              e.on_behalf_of AS "onBehalfOf", e.viewer_kind AS "viewerKind",
              e.viewer_association::text AS "viewerAssociation", e.relations, e.groups, e.action,
              c.id AS "checkpointId", c.size::text AS "checkpointSize", c.head_seq::text AS "checkpointHeadSeq",
              c.head_hash AS "checkpointHeadHash", c.signed_at AS "checkpointAt", c.key_id AS "checkpointKeyId",
              c.sig AS "checkpointSig"
       FROM unnest($1::uuid[]) AS ids(person_id)
       CROSS JOIN LATERAL (
         SELECT * FROM audit.entry x
         WHERE x.person_ids && ARRAY[ids.person_id]
         ORDER BY x.at DESC, x.seq DESC
         LIMIT $2
       ) e
       LEFT JOIN LATERAL (
         SELECT * FROM audit.checkpoint k WHERE k.head_seq >= e.seq ORDER BY k.head_seq, k.id LIMIT 1
       ) c ON true
       ORDER BY ids.person_id, e.at DESC, e.seq DESC`,
      [ids, limit],
    )) as AccessLogRow[];
  }

  /**
   * The display names of staff and assistant accounts (identity's, through access.account_name_v1)
   * by account id; ids of other accounts (physicians, clients, unknown) are absent.
   */
  async accountNames(accountIds: readonly string[]): Promise<{ accountId: string; displayName: string }[]> {
    const ids = [...new Set(onlyUuids(accountIds))];
    if (ids.length === 0) return [];
    return (await this.ds.query(
      `SELECT account_id AS "accountId", display_name AS "displayName"
         FROM access.account_name_v1 WHERE account_id = ANY($1::text[])`,
      [ids],
    )) as { accountId: string; displayName: string }[];
  }
}
