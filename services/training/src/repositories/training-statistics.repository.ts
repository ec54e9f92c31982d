import type { DataSource } from 'typeorm';
import type { Cell } from '@mamis/platform';

export const TRAINING_DIMENSIONS = ['UNITS_BAND', 'PROGRAM', 'PREFECTURE'] as const;
export type TrainingDimension = (typeof TRAINING_DIMENSIONS)[number];

/**
 * Training aggregates over an association's population, in PostgreSQL. The population ($1 the
 * association, $2 whether it is the JMA): its current members, and for the JMA also everyone with
 * attendance in a JMA program (the source document's training exception). The prefecture is the
 * one of the person's prefectural association (from the access views; training holds no address).
 */
const POPULATION = `
  pop AS (
    SELECT person_id FROM access.membership_v1 WHERE association_id = $1 AND status = 'ACTIVE'
    UNION
    SELECT person_id FROM access.attendance_v1 WHERE $2::boolean AND jma_program
  ),
  pop_pref AS (
    SELECT pop.person_id,
           coalesce((SELECT a.prefecture_code::text FROM access.membership_v1 m
                     JOIN access.association_v1 a ON a.id = m.association_id
                     WHERE m.person_id = pop.person_id AND m.status = 'ACTIVE' AND a.tier = 'PREFECTURAL'
                     ORDER BY a.code LIMIT 1), '(none)') AS prefecture
    FROM pop
  )`;

const UNITS_BAND = `CASE WHEN t.units <= 0 THEN '0' WHEN t.units < 5 THEN '0.5-4.5' WHEN t.units < 10 THEN '5-9.5'
                         WHEN t.units < 20 THEN '10-19.5' ELSE '20+' END`;

const toCells = (rows: Record<string, unknown>[], n: number): Cell[] =>
  rows.map((r) => ({
    keys: Array.from({ length: n }, (_, i) => String(r[`k${i}`])),
    count: Number(r.n),
  }));

export class TrainingStatisticsRepository {
  /**
   * `aggregates`: the pool of the aggregate statements below (a read replica's when
   * DATABASE_READ_URL is set, subgraph.ts); the population check reads the primary (`ds`).
   */
  constructor(
    private readonly ds: DataSource,
    private readonly aggregates: DataSource = ds,
  ) {}

  get db(): DataSource {
    return this.ds;
  }

  /**
   * Persons of the population by units earned in the fiscal year in the program, grouped by
   * `dims` (checked by src/validation/statistics-input.validator.ts).
   */
  async credits(
    associationId: string,
    national: boolean,
    programCode: string,
    fiscalYear: number,
    dims: readonly TrainingDimension[],
  ): Promise<{ cells: Cell[]; population: number; dimensions: string[] }> {
    const expr = { UNITS_BAND, PREFECTURE: 't.prefecture', PROGRAM: '$3' } as const;
    const keys = dims.map((d, i) => `${expr[d]} AS k${i}`);
    const rows = (await this.aggregates.query(
      `WITH ${POPULATION},
       earned AS (
         SELECT c.person_id, sum(c.units) AS units FROM training.credit_entry c
         JOIN pop ON pop.person_id = c.person_id
         WHERE c.program_code = $3 AND c.earned_on >= $4::date AND c.earned_on < $5::date
         GROUP BY c.person_id
       ),
       t AS (SELECT p.person_id, p.prefecture, coalesce(e.units, 0) AS units
             FROM pop_pref p LEFT JOIN earned e ON e.person_id = p.person_id)
       SELECT ${[...keys, 'count(*)::int AS n'].join(', ')} FROM t
       ${dims.length ? `GROUP BY ${dims.map((_, i) => `k${i}`).join(', ')} ORDER BY ${dims.map((_, i) => `k${i}`).join(', ')}` : ''}`,
      [associationId, national, programCode, `${fiscalYear}-04-01`, `${fiscalYear + 1}-04-01`],
    )) as Record<string, unknown>[];
    const cells = toCells(rows, dims.length);
    return { cells, population: cells.reduce((s, c) => s + c.count, 0), dimensions: [...dims] };
  }

  /** Persons of the population holding a certificate valid on `today`, grouped by (checked) `dims`. */
  async holders(
    associationId: string,
    national: boolean,
    programCode: string | null | undefined,
    today: string,
    dims: readonly TrainingDimension[],
  ): Promise<{ cells: Cell[]; population: number; dimensions: string[] }> {
    const expr = { PROGRAM: 'h.program_code', PREFECTURE: 'h.prefecture', UNITS_BAND: "''" } as const;
    const keys = dims.map((d, i) => `${expr[d]} AS k${i}`);
    const rows = (await this.aggregates.query(
      `WITH ${POPULATION},
       h AS (
         SELECT DISTINCT p.person_id, c.program_code, p.prefecture FROM training.certificate c
         JOIN pop_pref p ON p.person_id = c.person_id
         WHERE c.valid_from <= $3::date AND c.valid_to >= $3::date AND ($4::text IS NULL OR c.program_code = $4)
       )
       SELECT ${[...keys, 'count(DISTINCT h.person_id)::int AS n'].join(', ')} FROM h
       ${dims.length ? `GROUP BY ${dims.map((_, i) => `k${i}`).join(', ')} ORDER BY ${dims.map((_, i) => `k${i}`).join(', ')}` : ''}`,
      [associationId, national, today, programCode ?? null],
    )) as Record<string, unknown>[];
    const cells = toCells(rows, dims.length);
    return { cells, population: cells.reduce((s, c) => s + c.count, 0), dimensions: [...dims] };
  }

  /** Certificates of the population expiring per fiscal year (a checked range), by program. */
  async expiryForecast(
    associationId: string,
    national: boolean,
    programCode: string | null | undefined,
    fromFiscalYear: number,
    toFiscalYear: number,
  ): Promise<{ cells: Cell[]; population: number }> {
    const rows = (await this.aggregates.query(
      `WITH ${POPULATION}
       SELECT (extract(year FROM c.valid_to)::int - CASE WHEN extract(month FROM c.valid_to) < 4 THEN 1 ELSE 0 END)::text AS k0,
              c.program_code AS k1, count(*)::int AS n
       FROM training.certificate c JOIN pop ON pop.person_id = c.person_id
       WHERE c.valid_to >= $3::date AND c.valid_to < $4::date AND ($5::text IS NULL OR c.program_code = $5)
       GROUP BY 1, 2 ORDER BY 1, 2`,
      [associationId, national, `${fromFiscalYear}-04-01`, `${toFiscalYear + 1}-04-01`, programCode ?? null],
    )) as Record<string, unknown>[];
    const cells = toCells(rows, 2);
    return { cells, population: cells.reduce((s, c) => s + c.count, 0) };
  }
}
