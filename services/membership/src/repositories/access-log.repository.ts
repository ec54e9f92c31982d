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
}

/**
 * The audit trail (`audit.entry`, written by every service, readable by every service role),
 * read per person. The other persons an entry covers are never returned.
 */
export class AccessLogRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * ONE statement for a whole batch of persons: the newest `limit` entries covering each person
   * (GIN index on `person_ids` through `&&`), newest first, as one row per (person, entry).
   */
  async byPersonIds(personIds: readonly string[], limit = ACCESS_LOG_MAX): Promise<AccessLogRow[]> {
    const ids = [...new Set(onlyUuids(personIds))];
    if (ids.length === 0) return [];
    return (await this.ds.query(
      `SELECT ids.person_id::text AS "personId", e.seq::text AS seq, e.at, e.service, e.operation, e.actor,
              e.on_behalf_of AS "onBehalfOf", e.viewer_kind AS "viewerKind",
              e.viewer_association::text AS "viewerAssociation", e.relations, e.groups, e.action
       FROM unnest($1::uuid[]) AS ids(person_id)
       CROSS JOIN LATERAL (
         SELECT * FROM audit.entry x
         WHERE x.person_ids && ARRAY[ids.person_id]
         ORDER BY x.at DESC, x.seq DESC
         LIMIT $2
       ) e
       ORDER BY ids.person_id, e.at DESC, e.seq DESC`,
      [ids, limit],
    )) as AccessLogRow[];
  }
}
