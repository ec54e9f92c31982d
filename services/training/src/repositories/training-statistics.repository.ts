import type { DataSource } from 'typeorm';
import type { Cell } from '@mamis/platform';

export const TRAINING_DIMENSIONS = ['UNITS_BAND', 'PROGRAM', 'PREFECTURE'] as const;
export type TrainingDimension = (typeof TRAINING_DIMENSIONS)[number];

/**
 * Training aggregates over an association's population, in PostgreSQL. The population ($1 the
 * association, $2 whether it is the JMA): its current members, and for the JMA also everyone with
 * attendance in a JMA program (the source document's training exception). The prefecture is the
 * one of the person's prefectural association (from the access views; training holds no address).
 *
 * The JMA's certificate aggregates read maintained summaries instead of building that population
 * (~300k persons at full scale, 0.7–1.3 s an answer): training.jma_holding_count and
 * training.jma_expiry_count count the certificates of exactly this population, kept by triggers
 * in the same transaction as every change of a certificate, an attendance or a membership (the
 * population crosses services; both sides' tables fire them: migration JmaCertificateCounts). They
 * are keyed by what does not change with the day — a holder's merged holding periods, a
 * certificate's expiry day — so "valid today" and the fiscal years are computed for the day and
 * range asked. Routed to them: certificateHolders of the JMA by PROGRAM or of one programme, and
 * the JMA's certificateExpiryForecast; every other shape (PREFECTURE, persons across programmes,
 * another association's population) scans, and the tests compare both
 * (training-statistics.repository.integration.spec.ts).
 *
 * The JMA's trainingCredits (every grouping) read training.jma_population_count (the population
 * per prefecture) and training.jma_credit_count (its persons with units above zero per programme,
 * fiscal year, band and prefecture), kept by triggers on credit entries, attendance and
 * memberships (migration JmaCreditCounts). Nothing the scan computes depends on the day (stored
 * statuses, the fiscal year of earned_on), so the counts are the answer for whatever day it is.
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

/** The fiscal year (April–March) of a certificate's expiry day `valid_to`, as text. */
const FISCAL_YEAR_OF_VALID_TO = `(extract(year FROM valid_to)::int - CASE WHEN extract(month FROM valid_to) < 4 THEN 1 ELSE 0 END)::text`;

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
   * `dims` (checked by src/validation/statistics-input.validator.ts): the JMA's from the maintained
   * counts, another association's by the scan. The summary answers a fiscal year of four digits
   * (the scan's window of '<year>-04-01' dates; anything else, as odd as it is, scans).
   */
  async credits(
    associationId: string,
    national: boolean,
    programCode: string,
    fiscalYear: number,
    dims: readonly TrainingDimension[],
  ): Promise<{ cells: Cell[]; population: number; dimensions: string[] }> {
    if (
      national &&
      Number.isInteger(fiscalYear) &&
      fiscalYear >= 1000 &&
      fiscalYear <= 9998 &&
      dims.every((d) => d === 'UNITS_BAND' || d === 'PREFECTURE')
    )
      return this.creditsSummarised(programCode, fiscalYear, dims);
    return this.creditsScanned(associationId, national, programCode, fiscalYear, dims);
  }

  /**
   * `credits` of the JMA from training.jma_population_count and training.jma_credit_count: the
   * persons with units per band and prefecture, and band '0' of each prefecture its population
   * minus those. Groups that are empty are left out, as the scan's GROUP BY does.
   */
  async creditsSummarised(
    programCode: string,
    fiscalYear: number,
    dims: readonly TrainingDimension[],
  ): Promise<{ cells: Cell[]; population: number; dimensions: string[] }> {
    const expr: Partial<Record<TrainingDimension, string>> = {
      UNITS_BAND: 't.units_band',
      PREFECTURE: 't.prefecture',
    };
    const keys = dims.map((d, i) => `${expr[d]} AS k${i}`);
    const groups = dims.map((_, i) => `k${i}`).join(', ');
    const rows = (await this.aggregates.query(
      `WITH units AS (
         SELECT units_band, prefecture, persons FROM training.jma_credit_count
          WHERE program_code = $1 AND fiscal_year = $2 AND persons <> 0
       ),
       t AS (
         SELECT units_band, prefecture, persons FROM units
         UNION ALL
         SELECT '0', p.prefecture, p.persons - coalesce((SELECT sum(u.persons) FROM units u
                                                          WHERE u.prefecture = p.prefecture), 0)
           FROM training.jma_population_count p WHERE p.persons <> 0
       )
       SELECT ${[...keys, `coalesce(sum(t.persons), 0)::int AS n`].join(', ')} FROM t
       ${dims.length ? `GROUP BY ${groups} HAVING sum(t.persons) <> 0 ORDER BY ${groups}` : ''}`,
      [programCode, fiscalYear],
    )) as Record<string, unknown>[];
    const cells = toCells(rows, dims.length);
    return { cells, population: cells.reduce((s, c) => s + c.count, 0), dimensions: [...dims] };
  }

  /** `credits` over the population's rows: every shape (the tests compare it with the summary). */
  async creditsScanned(
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

  /**
   * Persons of the population holding a certificate valid on `today`, grouped by (checked) `dims`
   * (by PROGRAM, or with a programme given, the persons per programme: holdings). The JMA's
   * holdings by programme from the maintained counts, anything else by the scan.
   */
  async holders(
    associationId: string,
    national: boolean,
    programCode: string | null | undefined,
    today: string,
    dims: readonly TrainingDimension[],
  ): Promise<{ cells: Cell[]; population: number; dimensions: string[] }> {
    const byProgram = dims.length === 1 && dims[0] === 'PROGRAM';
    if (national && (byProgram || (dims.length === 0 && programCode)))
      return this.holdersSummarised(programCode, today, dims);
    return this.holdersScanned(associationId, national, programCode, today, dims);
  }

  /** `holders` of the JMA from training.jma_holding_count: the holding periods containing `today`. */
  async holdersSummarised(
    programCode: string | null | undefined,
    today: string,
    dims: readonly TrainingDimension[],
  ): Promise<{ cells: Cell[]; population: number; dimensions: string[] }> {
    const byProgram = dims.length === 1;
    const rows = (await this.aggregates.query(
      byProgram
        ? `SELECT program_code AS k0, sum(holders)::int AS n FROM training.jma_holding_count
            WHERE valid_from <= $1::date AND valid_to >= $1::date AND ($2::text IS NULL OR program_code = $2)
            GROUP BY 1 HAVING sum(holders) <> 0 ORDER BY 1`
        : `SELECT coalesce(sum(holders), 0)::int AS n FROM training.jma_holding_count
            WHERE valid_from <= $1::date AND valid_to >= $1::date AND program_code = $2`,
      [today, programCode ?? null],
    )) as Record<string, unknown>[];
    const cells = toCells(rows, dims.length);
    return { cells, population: cells.reduce((s, c) => s + c.count, 0), dimensions: [...dims] };
  }

  /** `holders` over the population's rows: every shape (the tests compare it with the summary). */
  async holdersScanned(
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

  /**
   * Certificates of the population expiring per fiscal year (a checked range), by program: the
   * JMA's from the maintained counts, another association's by the scan.
   */
  async expiryForecast(
    associationId: string,
    national: boolean,
    programCode: string | null | undefined,
    fromFiscalYear: number,
    toFiscalYear: number,
  ): Promise<{ cells: Cell[]; population: number }> {
    if (national) return this.expiryForecastSummarised(programCode, fromFiscalYear, toFiscalYear);
    return this.expiryForecastScanned(associationId, national, programCode, fromFiscalYear, toFiscalYear);
  }

  /** `expiryForecast` of the JMA from training.jma_expiry_count (certificates per expiry day). */
  async expiryForecastSummarised(
    programCode: string | null | undefined,
    fromFiscalYear: number,
    toFiscalYear: number,
  ): Promise<{ cells: Cell[]; population: number }> {
    const rows = (await this.aggregates.query(
      `SELECT ${FISCAL_YEAR_OF_VALID_TO} AS k0, program_code AS k1, sum(certificates)::int AS n
         FROM training.jma_expiry_count
        WHERE valid_to >= $1::date AND valid_to < $2::date AND ($3::text IS NULL OR program_code = $3)
        GROUP BY 1, 2 HAVING sum(certificates) <> 0 ORDER BY 1, 2`,
      [`${fromFiscalYear}-04-01`, `${toFiscalYear + 1}-04-01`, programCode ?? null],
    )) as Record<string, unknown>[];
    const cells = toCells(rows, 2);
    return { cells, population: cells.reduce((s, c) => s + c.count, 0) };
  }

  /** `expiryForecast` over the population's rows (the tests compare it with the summary). */
  async expiryForecastScanned(
    associationId: string,
    national: boolean,
    programCode: string | null | undefined,
    fromFiscalYear: number,
    toFiscalYear: number,
  ): Promise<{ cells: Cell[]; population: number }> {
    const rows = (await this.aggregates.query(
      `WITH ${POPULATION}
       SELECT ${FISCAL_YEAR_OF_VALID_TO} AS k0, c.program_code AS k1, count(*)::int AS n
       FROM training.certificate c JOIN pop ON pop.person_id = c.person_id
       WHERE c.valid_to >= $3::date AND c.valid_to < $4::date AND ($5::text IS NULL OR c.program_code = $5)
       GROUP BY 1, 2 ORDER BY 1, 2`,
      [associationId, national, `${fromFiscalYear}-04-01`, `${toFiscalYear + 1}-04-01`, programCode ?? null],
    )) as Record<string, unknown>[];
    const cells = toCells(rows, 2);
    return { cells, population: cells.reduce((s, c) => s + c.count, 0) };
  }
}
