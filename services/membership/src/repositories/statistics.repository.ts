import type { DataSource } from 'typeorm';
import type { Cell } from '@mamis/platform';
import { DUES_PAYMENT_STATUS_SQL, fiscalYearSql } from './member-order.sql';

/**
 * Aggregates over an association's member population, computed in PostgreSQL (GROUP BY over the
 * indexed membership rows), never by loading persons into Node. Dimensions and filters come from
 * fixed lists (explicit GraphQL arguments), so every statement is one of a known set of shapes.
 */
export const MEMBER_DIMENSIONS = [
  'CATEGORY',
  'AGE_BAND',
  'SEX',
  'DEPARTMENT',
  'PREFECTURE',
  'SUB_ASSOCIATION',
] as const;
export type MemberDimension = (typeof MEMBER_DIMENSIONS)[number];

export const AGE_BANDS = ['<30', '30-39', '40-49', '50-59', '60-69', '70-79', '80+'] as const;

export interface MemberFilter {
  category?: string | null;
  sex?: string | null;
  ageBand?: string | null;
  prefectureCode?: number | null;
  department?: string | null;
  subAssociationId?: string | null;
}

/** The SQL expression of each dimension over the `pop` rows (see POPULATION_SQL). */
const DIMENSION_SQL: Record<MemberDimension, string> = {
  CATEGORY: 'pop.category',
  AGE_BAND: 'pop.age_band',
  SEX: 'pop.sex',
  DEPARTMENT: "coalesce(pop.department, '(none)')",
  PREFECTURE: "coalesce(pop.prefecture_code::text, '(none)')",
  SUB_ASSOCIATION: "coalesce(pop.sub_association_code, '(none)')",
};

/** The age band (AGE_BANDS) of an age in whole years (NULL: no birth date). */
const ageBandOfYearsSql = (years: string) => `CASE
           WHEN ${years} IS NULL THEN '(none)'
           WHEN ${years} < 30 THEN '<30'
           WHEN ${years} >= 80 THEN '80+'
           ELSE (floor(${years} / 10) * 10)::int::text || '-' || ((floor(${years} / 10) * 10)::int + 9)::text
         END`;

/** The age band on the day `asOf` (a SQL date) of a birth date column. */
const ageBandSql = (birthDate: string, asOf: string) =>
  ageBandOfYearsSql(`date_part('year', age(${asOf}::date, ${birthDate}))`);

/**
 * The current members of association $1 on date $2, one row each, with the attributes the
 * dimensions use. The sub-association (a direct child association the person is also an active
 * member of, the lowest code if several) is looked up only when asked for ($3).
 * LEFT JOIN: every membership has its person (foreign key), so it is the same join — but one the
 * planner can drop when no person column is used (by CATEGORY alone: 0.1 s instead of 1 s for the
 * JMA's ~190k members at full scale).
 */
const POPULATION_SQL = `
  SELECT p.id,
         m.category,
         p.sex,
         p.prefecture_code,
         p.departments[1] AS department,
         ${ageBandSql('p.birth_date', '$2')} AS age_band,
         CASE WHEN $3::boolean THEN (
           SELECT a.code FROM membership.membership m2
           JOIN membership.association a ON a.id = m2.association_id
           WHERE m2.person_id = p.id AND m2.status = 'ACTIVE' AND a.parent_id = $1
           ORDER BY a.code LIMIT 1) END AS sub_association_code,
         CASE WHEN $3::boolean THEN (
           SELECT a.id::text FROM membership.membership m2
           JOIN membership.association a ON a.id = m2.association_id
           WHERE m2.person_id = p.id AND m2.status = 'ACTIVE' AND a.parent_id = $1
           ORDER BY a.code LIMIT 1) END AS sub_association_id
  FROM membership.membership m
  LEFT JOIN membership.person p ON p.id = m.person_id
  WHERE m.association_id = $1 AND m.status = 'ACTIVE'`;

type MemberFilterName = keyof MemberFilter;

/**
 * The maintained summaries of the current members (each kept by triggers in the same transaction
 * as every membership and person change: migrations MemberPageOrder and MemberProfileCounts), and
 * what each can answer: the dimensions it has, as SQL over its rows `s` ($1 the association, $2 the
 * day), and the filters it can apply. `members` takes the first that has every dimension asked and
 * every filter given; anything else scans the population (`membersScanned`). The tests compare both.
 */
const SUMMARIES: readonly {
  table: string;
  dims: Partial<Record<MemberDimension, string>>;
  filters: Partial<Record<MemberFilterName, (f: MemberFilter) => string | null>>;
}[] = [
  {
    table: 'membership.active_member_count',
    dims: { CATEGORY: 's.category' },
    filters: { category: () => 's.category' },
  },
  {
    table: 'membership.member_prefecture_count',
    // 0: no prefecture recorded, the scan's NULL
    dims: {
      CATEGORY: 's.category',
      PREFECTURE: "CASE WHEN s.prefecture_code = 0 THEN '(none)' ELSE s.prefecture_code::text END",
    },
    filters: {
      category: () => 's.category',
      // a code the scan cannot match (0 or below) is left to the scan
      prefectureCode: (f) => ((f.prefectureCode ?? 0) > 0 ? 's.prefecture_code' : null),
    },
  },
  {
    // each row's age on the day computed once (not once per band the CASE tries): ~50k rows for
    // the JMA (sex × birth date); OFFSET 0 keeps the planner from copying the expression into
    // every reference
    table: `(SELECT association_id, sex, members, date_part('year', age($2::date, birth_date)) AS years
               FROM membership.member_birth_count WHERE association_id = $1 OFFSET 0)`,
    dims: { SEX: 's.sex', AGE_BAND: ageBandOfYearsSql('s.years') },
    filters: { sex: () => 's.sex', ageBand: () => ageBandOfYearsSql('s.years') },
  },
];

const FILTER_NAMES: readonly MemberFilterName[] = [
  'category',
  'sex',
  'ageBand',
  'prefectureCode',
  'department',
  'subAssociationId',
];

export class StatisticsRepository {
  /**
   * `aggregates`: the pool of the aggregate statements below (a read replica's when
   * DATABASE_READ_URL is set, subgraph.ts); the population check and the audit's sub-association
   * key read the primary (`ds`).
   */
  constructor(
    private readonly ds: DataSource,
    private readonly aggregates: DataSource = ds,
  ) {}

  /** For the platform's population check (reads the access views). */
  get db(): DataSource {
    return this.ds;
  }

  /**
   * Counts of the association's current members by the given dimensions, filtered. The arguments
   * are checked before (`checkMemberStatisticsArgs`, validation/statistics.validator.ts).
   */
  async members(
    associationId: string,
    asOf: string,
    groupBy: readonly MemberDimension[],
    filter: MemberFilter,
  ): Promise<{ cells: Cell[]; population: number }> {
    const dims = [...new Set(groupBy)];
    const given = FILTER_NAMES.filter((f) => filter[f] != null);
    const summary = SUMMARIES.find(
      (sum) => dims.every((d) => sum.dims[d]) && given.every((f) => sum.filters[f]?.(filter)),
    );
    if (summary) return this.membersSummarised(summary, associationId, asOf, dims, filter, given);
    return this.membersScanned(associationId, asOf, dims, filter);
  }

  /**
   * `members` over the population's rows: every combination of dimensions and filters (`members`
   * uses it unless the maintained counts answer; the tests compare the two).
   */
  async membersScanned(
    associationId: string,
    asOf: string,
    dims: readonly MemberDimension[],
    filter: MemberFilter,
  ): Promise<{ cells: Cell[]; population: number }> {
    const params: unknown[] = [
      associationId,
      asOf,
      dims.includes('SUB_ASSOCIATION') || !!filter.subAssociationId,
    ];
    const where: string[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.category != null) add('pop.category = ?', filter.category);
    if (filter.sex != null) add('pop.sex = ?', filter.sex);
    if (filter.ageBand != null) add('pop.age_band = ?', filter.ageBand);
    if (filter.prefectureCode != null) add('pop.prefecture_code = ?', filter.prefectureCode);
    // the same expression as the dimension's: a filter value means what the group-by key means
    if (filter.department != null) add(`${DIMENSION_SQL.DEPARTMENT} = ?`, filter.department);
    if (filter.subAssociationId != null) add('pop.sub_association_id = ?', filter.subAssociationId);
    const keys = dims.map((d, i) => `${DIMENSION_SQL[d]} AS k${i}`);
    const rows = (await this.aggregates.query(
      `WITH pop AS (${POPULATION_SQL})
       SELECT ${[...keys, 'count(*)::int AS n'].join(', ')}
       FROM pop ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ${dims.length ? `GROUP BY ${dims.map((_, i) => `k${i}`).join(', ')} ORDER BY ${dims.map((_, i) => `k${i}`).join(', ')}` : ''}`,
      params,
    )) as Record<string, string | number>[];
    const cells = rows.map((r) => ({ keys: dims.map((_, i) => String(r[`k${i}`])), count: Number(r.n) }));
    return { cells, population: cells.reduce((s, c) => s + c.count, 0) };
  }

  /**
   * `members` from a maintained summary (SUMMARIES): the same cells and population as the scan of
   * the population gives (`statistics.repository.integration.spec.ts` compares them), from a
   * handful of rows (by category, by prefecture) or at most one per sex and birth date (by age
   * band and sex: the bands of the day asked) instead of the association's members — the JMA's
   * ~190k at full scale.
   */
  private async membersSummarised(
    summary: (typeof SUMMARIES)[number],
    associationId: string,
    asOf: string,
    dims: readonly MemberDimension[],
    filter: MemberFilter,
    given: readonly MemberFilterName[],
  ): Promise<{ cells: Cell[]; population: number }> {
    const params: unknown[] = [associationId, asOf];
    const where = given.map((f) => {
      params.push(filter[f]);
      return `${summary.filters[f]!(filter)} = $${params.length}`;
    });
    const keys = dims.map((d, i) => `${summary.dims[d]} AS k${i}`);
    const grouped = dims.map((_, i) => `k${i}`).join(', ');
    const rows = (await this.aggregates.query(
      `SELECT ${[...keys, 'sum(s.members)::int AS n'].join(', ')}
         FROM ${summary.table} s
        WHERE s.association_id = $1 AND s.members > 0 AND $2::date IS NOT NULL -- $2: the day of the age bands
              ${where.map((w) => `AND ${w}`).join(' ')}
        ${dims.length ? `GROUP BY ${grouped} ORDER BY ${grouped}` : ''}`,
      params,
    )) as Record<string, string | number | null>[];
    const cells = rows.map((r) => ({
      keys: dims.map((_, i) => String(r[`k${i}`])),
      count: Number(r.n ?? 0),
    }));
    return { cells, population: cells.reduce((sum, c) => sum + c.count, 0) };
  }

  /**
   * The SUB_ASSOCIATION key (the association's code) that a `subAssociationId` filter keeps, for
   * the disclosure audit; an unknown id keeps no key that exists.
   */
  async subAssociationKey(id: string): Promise<string> {
    const [row] = (await this.ds.query(`SELECT code FROM membership.association WHERE id::text = $1`, [
      id,
    ])) as { code: string }[];
    return row?.code ?? `id:${id}`;
  }

  /**
   * Joins and leaves of the association per fiscal year (April 1 start), from the membership
   * periods: a JOIN in the fiscal year of `joined_on`, a LEAVE in that of `left_on`; the
   * population is the persons with either in the range. The years are checked before
   * (`checkMemberFlowArgs`, validation/statistics.validator.ts). Read from the maintained
   * summaries (migration MemberFlowCounts: a row per fiscal year and flow, and the persons' spans
   * between their event years — a few hundred rows for the JMA); `memberFlowScanned` is the same
   * answer from the periods, which the tests compare it with.
   */
  async memberFlow(
    associationId: string,
    fromFiscalYear: number,
    toFiscalYear: number,
  ): Promise<{ cells: Cell[]; population: number }> {
    // the spans' "no previous year" is 0: a range from year 0 or before is left to the scan
    if (fromFiscalYear < 1) return this.memberFlowScanned(associationId, fromFiscalYear, toFiscalYear);
    const rows = (await this.aggregates.query(
      `SELECT s.fiscal_year AS fy, s.flow AS kind, s.periods AS n,
              (SELECT coalesce(sum(p.persons), 0)::int FROM membership.member_flow_span p
                WHERE p.association_id = $1 AND p.fiscal_year BETWEEN $2 AND $3 AND p.previous_year < $2) AS persons
         FROM membership.member_flow_count s
        WHERE s.association_id = $1 AND s.fiscal_year BETWEEN $2 AND $3 AND s.periods > 0`,
      [associationId, fromFiscalYear, toFiscalYear],
    )) as { fy: number; kind: string; n: number; persons: number }[];
    return memberFlowOf(rows, fromFiscalYear, toFiscalYear);
  }

  /** `memberFlow` over the association's membership periods (the recount of the summaries). */
  async memberFlowScanned(
    associationId: string,
    fromFiscalYear: number,
    toFiscalYear: number,
  ): Promise<{ cells: Cell[]; population: number }> {
    const from = `${fromFiscalYear}-04-01`;
    const to = `${toFiscalYear + 1}-04-01`;
    const rows = (await this.aggregates.query(
      `WITH ev AS (
         SELECT person_id, 'JOIN' AS kind, ${fiscalYearSql('joined_on')} AS fy FROM membership.membership
         WHERE association_id = $1 AND joined_on >= $2::date AND joined_on < $3::date
         UNION ALL
         SELECT person_id, 'LEAVE', ${fiscalYearSql('left_on')} FROM membership.membership
         WHERE association_id = $1 AND left_on >= $2::date AND left_on < $3::date
       )
       SELECT fy, kind, count(*)::int AS n, (SELECT count(DISTINCT person_id)::int FROM ev) AS persons
       FROM ev GROUP BY fy, kind ORDER BY fy, kind`,
      [associationId, from, to],
    )) as { fy: number; kind: string; n: number; persons: number }[];
    return memberFlowOf(rows, fromFiscalYear, toFiscalYear);
  }

  /**
   * Dues collection of the association for a fiscal year, from its own invoices (exempt ¥0
   * invoices left out): persons by PAID / PARTIAL / UNPAID, and the yen invoiced and collected.
   * Read from the maintained summary (membership.dues_collection_count: at most three rows, kept
   * in every invoice write's transaction); `duesCollectionScanned` is the same answer from the
   * invoices, which the tests compare it with.
   */
  async duesCollection(
    associationId: string,
    fiscalYear: number,
  ): Promise<{ cells: Cell[]; population: number; invoicedYen: number; collectedYen: number }> {
    const rows = (await this.aggregates.query(
      `SELECT s.payment_status AS k0, s.invoices AS n, s.invoiced_yen AS invoiced, s.collected_yen AS collected
         FROM membership.dues_collection_count s
        WHERE s.association_id = $1 AND s.fiscal_year = $2 AND s.invoices > 0`,
      [associationId, fiscalYear],
    )) as { k0: string; n: number; invoiced: string; collected: string }[];
    return duesCollectionOf(rows);
  }

  /** `duesCollection` over the association's invoices of the year (the recount of the summary). */
  async duesCollectionScanned(
    associationId: string,
    fiscalYear: number,
  ): Promise<{ cells: Cell[]; population: number; invoicedYen: number; collectedYen: number }> {
    const rows = (await this.aggregates.query(
      `SELECT ${DUES_PAYMENT_STATUS_SQL} AS k0,
              count(*)::int AS n, sum(i.amount_yen)::bigint AS invoiced, sum(least(i.paid_yen, i.amount_yen))::bigint AS collected
       FROM membership.dues_invoice i
       WHERE i.association_id = $1 AND i.fiscal_year = $2 AND i.amount_yen > 0
       GROUP BY 1`,
      [associationId, fiscalYear],
    )) as { k0: string; n: number; invoiced: string; collected: string }[];
    return duesCollectionOf(rows);
  }
}

/** The duesCollection answer from its rows per payment state (every state listed, zeros too). */
function duesCollectionOf(rows: { k0: string; n: number; invoiced: string; collected: string }[]): {
  cells: Cell[];
  population: number;
  invoicedYen: number;
  collectedYen: number;
} {
  const cells = ['PAID', 'PARTIAL', 'UNPAID'].map((k) => ({
    keys: [k],
    count: rows.find((r) => r.k0 === k)?.n ?? 0,
  }));
  return {
    cells,
    population: cells.reduce((s, c) => s + c.count, 0),
    invoicedYen: rows.reduce((s, r) => s + Number(r.invoiced), 0),
    collectedYen: rows.reduce((s, r) => s + Number(r.collected), 0),
  };
}

/**
 * The memberFlow answer from its rows per fiscal year and flow (each with the population): every
 * fiscal year of the range × JOIN / LEAVE listed, zeros too.
 */
function memberFlowOf(
  rows: { fy: number; kind: string; n: number; persons: number }[],
  fromFiscalYear: number,
  toFiscalYear: number,
): { cells: Cell[]; population: number } {
  const cells: Cell[] = [];
  for (let y = fromFiscalYear; y <= toFiscalYear; y++)
    for (const kind of ['JOIN', 'LEAVE'])
      cells.push({
        keys: [String(y), kind],
        count: rows.find((r) => r.fy === y && r.kind === kind)?.n ?? 0,
      });
  return { cells, population: rows[0]?.persons ?? 0 };
}
