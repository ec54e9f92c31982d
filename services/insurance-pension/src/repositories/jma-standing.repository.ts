import type { DataSource, EntityManager } from 'typeorm';
import { onlyUuids } from '@mamis/platform';
import type { JmaMembershipRecord } from '../domain/jma-standing';

type Db = Pick<DataSource | EntityManager, 'query'>;

/**
 * The cross-service facts the eligibility rules need, from the `access` views: the person's JMA
 * membership (category, status) and birth date (access.jma_member_v1), and registry number →
 * person (access.person_registry_v1).
 */
export class JmaStandingRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * The JMA memberships of these persons (current and past; none: never a JMA member), with the
   * person's birth date. Which one counts: src/domain/jma-standing.ts.
   */
  async membershipsOf(personIds: readonly string[], db: Db = this.ds): Promise<JmaMembershipRecord[]> {
    const ids = onlyUuids(personIds);
    if (ids.length === 0) return [];
    return (await db.query(
      `SELECT person_id::text AS "personId", category, status, to_char(joined_on, 'YYYY-MM-DD') AS "joinedOn",
              to_char(birth_date, 'YYYY-MM-DD') AS "birthDate"
       FROM access.jma_member_v1 WHERE person_id = ANY($1::uuid[])
       ORDER BY person_id, joined_on DESC`,
      [ids],
    )) as JmaMembershipRecord[];
  }

  /** Registry number (医籍登録番号) → person id, for the numbers that exist. */
  async personIdsByRegistryNumbers(
    numbers: readonly string[],
    db: Db = this.ds,
  ): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (numbers.length === 0) return out;
    const rows = (await db.query(
      `SELECT registry_number, person_id::text AS person_id
       FROM access.person_registry_v1 WHERE registry_number = ANY($1::text[])`,
      [[...new Set(numbers)]],
    )) as { registry_number: string; person_id: string }[];
    for (const r of rows) out.set(r.registry_number, r.person_id);
    return out;
  }
}
