import type { DataSource } from 'typeorm';
import type { Cell } from '@mamis/platform';
import { INSURED_CATEGORIES } from '../domain/insurance-rules';

/**
 * Insurance enrolment among the eligible members of an association's population, in PostgreSQL:
 * the association's current members who are JMA members in an eligible category, by whether they
 * hold an enrolment of the insurance year (ENROLLED) or not, optionally by prefecture. The caller
 * has checked the year (`checkStatisticsYear`).
 */
export class InsuranceStatisticsRepository {
  /**
   * `aggregates`: the pool of the aggregate statement below (a read replica's when
   * DATABASE_READ_URL is set, subgraph.ts); the population check reads the primary (`ds`).
   */
  constructor(
    private readonly ds: DataSource,
    private readonly aggregates: DataSource = ds,
  ) {}

  get db(): DataSource {
    return this.ds;
  }

  async enrolment(
    associationId: string,
    insuranceYear: number,
    byPrefecture: boolean,
  ): Promise<{ cells: Cell[]; population: number; dimensions: string[] }> {
    const rows = (await this.aggregates.query(
      `WITH pop AS (
         SELECT DISTINCT m.person_id FROM access.membership_v1 m
         WHERE m.association_id = $1 AND m.status = 'ACTIVE'
           AND EXISTS (SELECT 1 FROM access.jma_member_v1 j
                       WHERE j.person_id = m.person_id AND j.status = 'ACTIVE' AND j.category = ANY ($3::text[]))
       ),
       t AS (
         SELECT pop.person_id,
                CASE WHEN EXISTS (SELECT 1 FROM insurance_pension.insurance_enrolment e
                                  WHERE e.person_id = pop.person_id AND e.insurance_year = $2 AND e.status = 'ENROLLED')
                     THEN 'ENROLLED' ELSE 'NOT_ENROLLED' END AS status,
                coalesce((SELECT a.prefecture_code::text FROM access.membership_v1 m
                          JOIN access.association_v1 a ON a.id = m.association_id
                          WHERE m.person_id = pop.person_id AND m.status = 'ACTIVE' AND a.tier = 'PREFECTURAL'
                          ORDER BY a.code LIMIT 1), '(none)') AS prefecture
         FROM pop
       )
       SELECT status AS k0, ${byPrefecture ? 'prefecture' : "''"} AS k1, count(*)::int AS n
       FROM t GROUP BY 1, 2 ORDER BY 1, 2`,
      [associationId, insuranceYear, [...INSURED_CATEGORIES]],
    )) as { k0: string; k1: string; n: number }[];
    const dimensions = byPrefecture ? ['STATUS', 'PREFECTURE'] : ['STATUS'];
    const cells: Cell[] = [];
    const keys1 = byPrefecture ? [...new Set(rows.map((r) => r.k1))] : [''];
    for (const status of ['ENROLLED', 'NOT_ENROLLED'])
      for (const k1 of keys1)
        cells.push({
          keys: byPrefecture ? [status, k1] : [status],
          count: rows.find((r) => r.k0 === status && r.k1 === k1)?.n ?? 0,
        });
    return { cells, population: cells.reduce((s, c) => s + c.count, 0), dimensions };
  }
}
