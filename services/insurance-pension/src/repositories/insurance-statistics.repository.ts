import type { DataSource } from 'typeorm';
import type { Cell } from '@mamis/platform';
import { INSURED_CATEGORIES } from '../domain/insurance-rules';

/**
 * Insurance enrolment among the eligible members of an association's population, in PostgreSQL:
 * the association's current members who are JMA members in an eligible category, by whether they
 * hold an enrolment of the insurance year (ENROLLED) or not, optionally by prefecture. The caller
 * has checked the year (`checkStatisticsYear`).
 *
 * The JMA's answer reads maintained counts instead of building its population (~170k persons at
 * full scale, 1.7–4.4 s an answer): insurance_pension.jma_insured_count (the population by
 * prefecture) and jma_enrolled_count (those enrolled, by insurance year and prefecture), kept by
 * triggers in the same transaction as every change of a membership or an enrolment (migration
 * JmaInsuranceCounts; the recount they equal is in jma-insurance-counts.sql.ts). NOT_ENROLLED is
 * the population less the enrolled. Every other association scans; the tests compare both
 * (insurance-statistics.repository.integration.spec.ts).
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

  /** `national`: the association is the JMA (its population is the one the counts hold). */
  async enrolment(
    associationId: string,
    national: boolean,
    insuranceYear: number,
    byPrefecture: boolean,
  ): Promise<EnrolmentTable> {
    if (!national) return this.enrolmentScanned(associationId, insuranceYear, byPrefecture);
    const rows = (await this.aggregates.query(
      `WITH insured AS (SELECT prefecture, members FROM insurance_pension.jma_insured_count WHERE members <> 0),
            enrolled AS (SELECT prefecture, members FROM insurance_pension.jma_enrolled_count
                          WHERE insurance_year = $1 AND members <> 0)
       SELECT k0, ${byPrefecture ? 'k1' : "''"} AS k1, sum(n)::int AS n
         FROM (SELECT 'ENROLLED' AS k0, prefecture AS k1, members AS n FROM enrolled
               UNION ALL
               SELECT 'NOT_ENROLLED', i.prefecture, i.members - coalesce(e.members, 0)
                 FROM insured i LEFT JOIN enrolled e USING (prefecture)) x
        WHERE n > 0
        GROUP BY 1, 2 ORDER BY 1, 2`,
      [insuranceYear],
    )) as { k0: string; k1: string; n: number }[];
    return tableOf(rows, byPrefecture);
  }

  /** The scan: the population built from the memberships and enrolments (any association). */
  async enrolmentScanned(
    associationId: string,
    insuranceYear: number,
    byPrefecture: boolean,
  ): Promise<EnrolmentTable> {
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
    return tableOf(rows, byPrefecture);
  }
}

export interface EnrolmentTable {
  cells: Cell[];
  population: number;
  dimensions: string[];
}

/**
 * The table of the non-zero groups `rows` (ordered by status, prefecture): every status × every
 * prefecture that occurs, zeros included, prefectures in the order they first occur.
 */
function tableOf(rows: { k0: string; k1: string; n: number }[], byPrefecture: boolean): EnrolmentTable {
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
