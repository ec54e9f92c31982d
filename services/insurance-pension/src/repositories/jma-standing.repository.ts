import type { DataSource, EntityManager } from 'typeorm';
import { onlyUuids } from '@mamis/platform';
import type { JmaStanding } from '../domain/insurance-rules';

type Db = Pick<DataSource | EntityManager, 'query'>;

/**
 * The cross-service facts the eligibility rules need, from the `access` views: the person's JMA
 * membership (category, status) and birth date (access.jma_member_v1), and registry number →
 * person (access.person_registry_v1).
 */
export class JmaStandingRepository {
  constructor(private readonly ds: DataSource) {}

  /** The current JMA standing of each person (absent: never a JMA member). */
  async byPersonIds(personIds: readonly string[], db: Db = this.ds): Promise<Map<string, JmaStanding>> {
    const ids = onlyUuids(personIds);
    const out = new Map<string, JmaStanding>();
    if (ids.length === 0) return out;
    const rows = (await db.query(
      `SELECT DISTINCT ON (person_id) person_id::text AS person_id, category, status,
              to_char(birth_date, 'YYYY-MM-DD') AS birth_date
       FROM access.jma_member_v1 WHERE person_id = ANY($1::uuid[])
       ORDER BY person_id, (status = 'ACTIVE') DESC, joined_on DESC`,
      [ids],
    )) as { person_id: string; category: string; status: string; birth_date: string }[];
    for (const r of rows)
      out.set(r.person_id, { category: r.status === 'ACTIVE' ? r.category : null, birthDate: r.birth_date });
    return out;
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
