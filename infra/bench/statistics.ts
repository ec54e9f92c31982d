/**
 * W6: "the gateway's answer time for EACH aggregate within 1.5× of running the same SQL
 * directly". One workload per aggregate that returns data at the benchmark's scale (W6-a, W6-b, …),
 * each asked as the analytics client (population: the JMA), the same query repeated (the
 * differencing control admits an identical repeat: difference 0).
 *
 * Per aggregate:
 * - `expected`: the known-good answer, by hand-written SQL as the superuser (base tables, no access
 *   views, no repository code), then the platform's `suppressTable` (k = 10) and what the field
 *   adds (memberFlow's NET, insuranceEnrolment's rate), shaped as the gateway's `data`.
 * - `direct` (target `sql-rls`): the repository method itself (StatisticsRepository,
 *   TrainingStatisticsRepository, InsuranceStatisticsRepository) on a TypeORM DataSource of that
 *   service's role, under `runAsSystem` — what `asPopulation` does in the service: every statement
 *   in `BEGIN; <viewerSettingsSql(SYSTEM)>; …; COMMIT` with row security forced on the role — then the
 *   same disclosure control. Everything the service does except the gateway, HTTP, GraphQL, the
 *   population check and the audit/differencing statements.
 *
 * Every aggregate has data at both scales: the seed derives the JMA's FY2024 dues invoices and the
 * JMA programmes' certificates (infra/seed/generate-dues-certificates.ts). An aggregate the
 * disclosure control would refuse (population below k) goes into UNMEASURED instead: reported as
 * not measurable, with the population the repository computes for it.
 *
 * Length: most of the file is the AGGREGATES table, one entry per aggregate with its hand-written
 * expected SQL next to the repository call it checks (data: read one entry at a time); the rest is
 * the disclosure-control stand-in (Publisher) and the workload assembly they share.
 */
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { Viewer } from '@mamis/platform';
import { StatisticsRepository } from '@mamis/membership/src/repositories/statistics.repository';
import { TrainingStatisticsRepository } from '@mamis/training/src/repositories/training-statistics.repository';
import { creditsDimensions } from '@mamis/training/src/validation/statistics-input.validator';
import { InsuranceStatisticsRepository } from '@mamis/insurance-pension/src/repositories/insurance-statistics.repository';
import { runAsSystem } from '../../services/platform/src/rls';
import { type Cell } from '../../services/platform/src/statistics/disclosure';
import {
  decideAnswer,
  publishedAnswerOf,
  type EarlierAnswer,
} from '../../services/platform/src/statistics/guard';
import { serviceUrl } from '../db/bootstrap';
import { DATA_SOURCES } from '../db/service-data-sources';
import { INSURED_JMA_CATEGORIES } from '../seed/data/associations';
import { insuranceYearOf, monthOf, yearOf } from '../seed/dates';
import { DUES_FISCAL_YEAR } from '../seed/generate-dues-certificates';
import { REFERENCE_DAY } from '../seed/generate-persons';
import { canonical } from './expected';
import type { WorkloadSpec } from './workload-spec';

export const STATISTICS_K = 10;

/**
 * The analytics client of W6 (population: the JMA). A new requester each run: the disclosure
 * audit compares an answer with the requester's earlier ones, so each run starts with none and
 * asks the aggregates in the order of AGGREGATES, as the known-good answers assume.
 */
export const ANALYTICS_CLIENT: Viewer = {
  kind: 'CLIENT',
  sub: `bench-analytics-${Date.now().toString(36)}`,
  scopes: ['analytics:aggregate'],
} as Viewer;

/**
 * The data set's last complete years: its "today" is REFERENCE_DAY (2025-03-31), so FY2024 is the
 * last fiscal year with credits and 2024 the last insurance year with enrolments (FY2025 and
 * insurance year 2026 would count every person as 0 units / not enrolled).
 */
export const DATA_FISCAL_YEAR = yearOf(REFERENCE_DAY) - (monthOf(REFERENCE_DAY) < 4 ? 1 : 0);
export const DATA_INSURANCE_YEAR = insuranceYearOf(REFERENCE_DAY);
/** memberFlow's range (the requirement's example). */
export const FLOW_FROM = 2015;
export const FLOW_TO = 2025;
/** How the service audits memberFlow: every fiscal year × JOIN/LEAVE listed, the years as its filter. */
const FLOW_PUBLISHING = {
  zerosListed: true,
  auditFilters: {
    FISCAL_YEAR: Array.from({ length: FLOW_TO - FLOW_FROM + 1 }, (_, i) => String(FLOW_FROM + i)),
  },
};
/** The audit's aggregate families of the training and insurance aggregates (as their resolvers). */
const creditsFamily = `trainingCredits:CME:${DATA_FISCAL_YEAR}`;
const insuranceFamily = `insuranceEnrolment:${DATA_INSURANCE_YEAR}`;
/** duesCollection: the seed's JMA invoices are of its last fiscal year (generate-dues-certificates.ts). */
const duesFamily = `duesCollection:${DUES_FISCAL_YEAR}`;
/** How the service audits duesCollection: the three payment states always listed. */
const DUES_PUBLISHING = { zerosListed: true };
/** certificateHolders by PROGRAM counts holdings: its own audit family (as the resolver's). */
const holdersFamily = 'certificateHolders:byProgram';
/** certificateExpiryForecast's range: the data set's last fiscal year and the ten after it. */
export const FORECAST_FROM = DATA_FISCAL_YEAR;
export const FORECAST_TO = DATA_FISCAL_YEAR + 10;
/** How the service audits the forecast: every fiscal year of the range as its filter. */
const FORECAST_PUBLISHING = {
  auditFilters: {
    FISCAL_YEAR: Array.from({ length: FORECAST_TO - FORECAST_FROM + 1 }, (_, i) => String(FORECAST_FROM + i)),
  },
};

export async function jmaId(pool: Pool): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `SELECT id::text FROM membership.association WHERE tier = 'NATIONAL' ORDER BY code LIMIT 1`,
  );
  if (!rows[0]) throw new Error('no NATIONAL association (JMA) in the data set');
  return rows[0].id;
}

/** Tokyo date (YYYY-MM-DD), as the resolvers' `tokyoDate(new Date())`. */
const tokyoToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());

// ---------------------------------------------------------------------------------------------
// Shaping: the disclosure control and what each field adds, as the gateway's `data`

export interface PublishedTable {
  total: number | null;
  cells: { keys: string[]; count: number | null; suppressed: boolean }[];
  rate?: number | null;
}

/**
 * The platform's disclosure control as the service applies it: cell suppression (k = 10), checked
 * by the audit of everything the same requester was answered before in the same aggregate family
 * (`decideAnswer`, which may hide more cells or publish the total alone). One publisher per run:
 * it keeps each family's answers in the order they are asked, and gives a table asked again (the
 * direct target's repeats) the decision it had the first time, as the service's audit does.
 */
export class Publisher {
  private readonly history = new Map<string, EarlierAnswer[]>();
  private readonly decided = new Map<string, PublishedTable>();

  async publish(
    family: string,
    dimensions: string[],
    cells: Cell[],
    opts: { auditFilters?: Record<string, string[]>; zerosListed?: boolean } = {},
  ): Promise<PublishedTable> {
    const auditFilters = opts.auditFilters ?? {};
    const key = JSON.stringify([family, dimensions, cells, auditFilters]);
    const known = this.decided.get(key);
    if (known) return known;
    const previous = this.history.get(family) ?? [];
    const population = cells.reduce((s, c) => s + c.count, 0);
    const d = await decideAnswer(
      previous,
      { aggregate: family, filters: {}, logged: {}, population, auditFilters, zerosListed: opts.zerosListed },
      dimensions,
      cells,
      { k: STATISTICS_K, margin: STATISTICS_K },
    );
    if (!d.table)
      throw new Error(
        `W6: the disclosure control refuses ${family} by ${dimensions.join(' × ')} (${d.refused})`,
      );
    this.history.set(family, [
      ...previous,
      { filters: {}, population, published: publishedAnswerOf(auditFilters, d.table, !!opts.zerosListed) },
    ]);
    const t: PublishedTable = {
      total: d.table.total,
      cells: d.table.cells.map((c) => ({ keys: c.keys, count: c.count, suppressed: c.suppressed })),
    };
    this.decided.set(key, t);
    return t;
  }
}

/** memberFlow: a NET cell per fiscal year, JOIN − LEAVE where both are published, else suppressed. */
export function withNet(t: PublishedTable, from: number, to: number): PublishedTable {
  const net: PublishedTable['cells'] = [];
  for (let y = from; y <= to; y++) {
    const count = (kind: string) =>
      t.cells.find((c) => c.keys[0] === String(y) && c.keys[1] === kind)?.count ?? null;
    const j = count('JOIN');
    const l = count('LEAVE');
    net.push(
      j === null || l === null
        ? { keys: [String(y), 'NET'], count: null, suppressed: true }
        : { keys: [String(y), 'NET'], count: j - l, suppressed: false },
    );
  }
  return { ...t, cells: [...t.cells, ...net] };
}

/** insuranceEnrolment: ENROLLED / total when every ENROLLED cell and the total are published. */
export function withRate(t: PublishedTable): PublishedTable {
  const enrolled = t.cells.filter((c) => c.keys[0] === 'ENROLLED');
  const hidden = enrolled.some((c) => c.count === null);
  const sum = enrolled.reduce((s, c) => s + (c.count ?? 0), 0);
  return { ...t, rate: hidden || !t.total ? null : sum / t.total };
}

const data = (field: string, value: PublishedTable) => ({ statistics: { [field]: value } });

/** duesCollection: the rate (collected / invoiced yen) only over a published total, as the resolver. */
const duesData = (t: PublishedTable, sums: { invoicedYen: number; collectedYen: number }) =>
  data('duesCollection', {
    ...t,
    rate: t.total === null ? null : sums.invoicedYen > 0 ? sums.collectedYen / sums.invoicedYen : null,
  });

// ---------------------------------------------------------------------------------------------
// The aggregates

interface Context {
  jma: string;
  /** The disclosure control, with this run's answers so far. */
  publisher: Publisher;
  /** The date the known-good answers are computed for (the members' age bands). */
  asOf: string;
}

export interface Repositories {
  membership: StatisticsRepository;
  training: TrainingStatisticsRepository;
  insurance: InsuranceStatisticsRepository;
}

interface Aggregate {
  id: string;
  title: string;
  /** The `Statistics` field, its arguments and selection. */
  field: string;
  args: string;
  selection: string;
  expected(pool: Pool, c: Context): Promise<unknown>;
  direct(r: Repositories, c: Context): Promise<unknown>;
}

const TABLE = 'total cells { keys count suppressed }';

/** The JMA's current members (base tables: an ACTIVE membership row of the association). */
const CURRENT = `SELECT person_id FROM membership.membership WHERE association_id = $1 AND status = 'ACTIVE'`;

/** Population of the JMA's training statistics: its current members and JMA-programme participants. */
const TRAINING_POPULATION = `
  ${CURRENT}
  UNION
  SELECT a.person_id FROM training.attendance a JOIN training.training_session s ON s.id = a.session_id
   WHERE a.status <> 'CANCELLED' AND s.program_code <> 'OWN'`;

/** A person's prefecture: that of their active prefectural association (the lowest code). */
const PREFECTURE_OF = `
  SELECT DISTINCT ON (m.person_id) m.person_id, a.prefecture_code
    FROM membership.membership m JOIN membership.association a ON a.id = m.association_id
   WHERE m.status = 'ACTIVE' AND a.tier = 'PREFECTURAL'
   ORDER BY m.person_id, a.code`;

type Row = { k0: string; k1?: string; n: number };
const cellsOf = (rows: Row[], dims: number): Cell[] =>
  rows.map((r) => ({ keys: dims === 2 ? [r.k0, r.k1!] : [r.k0], count: Number(r.n) }));

/** Full years on $2, by the calendar (the day before the birthday: one year less). */
const AGE_YEARS = `(extract(year FROM $2::date)::int - extract(year FROM p.birth_date)::int
   - CASE WHEN to_char($2::date, 'MMDD') < to_char(p.birth_date, 'MMDD') THEN 1 ELSE 0 END)`;

/** The fiscal year (April 1 start) of a 'YYYY-MM-DD' date. */
const fiscalYearOf = (d: string) => Number(d.slice(0, 4)) - (Number(d.slice(5, 7)) < 4 ? 1 : 0);

async function creditsExpected(pool: Pool, c: Context, byPrefecture: boolean) {
  const { rows } = await pool.query<Row>(
    `WITH pop AS (${TRAINING_POPULATION}),
     earned AS (
       SELECT person_id, sum(units) AS units FROM training.credit_entry
        WHERE program_code = 'CME' AND earned_on BETWEEN $2::date AND $3::date
        GROUP BY person_id),
     pref AS (${PREFECTURE_OF})
     SELECT ${
       byPrefecture
         ? `coalesce(pref.prefecture_code::text, '(none)')`
         : `CASE WHEN coalesce(e.units, 0) <= 0 THEN '0' WHEN e.units < 5 THEN '0.5-4.5'
                 WHEN e.units < 10 THEN '5-9.5' WHEN e.units < 20 THEN '10-19.5' ELSE '20+' END`
     } AS k0, count(*)::int AS n
       FROM pop LEFT JOIN earned e USING (person_id) LEFT JOIN pref USING (person_id)
      GROUP BY 1 ORDER BY 1`,
    [c.jma, `${DATA_FISCAL_YEAR}-04-01`, `${DATA_FISCAL_YEAR + 1}-03-31`],
  );
  const dims = [byPrefecture ? 'PREFECTURE' : 'UNITS_BAND'];
  return data('trainingCredits', await c.publisher.publish(creditsFamily, dims, cellsOf(rows, 1)));
}

async function creditsDirect(r: Repositories, c: Context, byPrefecture: boolean) {
  const t = await runAsSystem(() =>
    r.training.credits(
      c.jma,
      true,
      'CME',
      DATA_FISCAL_YEAR,
      creditsDimensions(byPrefecture ? ['PREFECTURE'] : null),
    ),
  );
  return data('trainingCredits', await c.publisher.publish(creditsFamily, t.dimensions, t.cells));
}

async function insuranceExpected(pool: Pool, c: Context, byPrefecture: boolean) {
  const { rows } = await pool.query<Row>(
    `WITH pop AS (
       SELECT DISTINCT person_id FROM (${CURRENT}) cur
        WHERE person_id IN (SELECT n.person_id FROM membership.membership n
                              JOIN membership.association a ON a.id = n.association_id
                             WHERE a.tier = 'NATIONAL' AND n.status = 'ACTIVE' AND n.category = ANY ($3::text[]))),
     enrolled AS (
       SELECT DISTINCT person_id FROM insurance_pension.insurance_enrolment
        WHERE insurance_year = $2 AND status = 'ENROLLED'),
     pref AS (${PREFECTURE_OF})
     SELECT CASE WHEN e.person_id IS NULL THEN 'NOT_ENROLLED' ELSE 'ENROLLED' END AS k0,
            ${byPrefecture ? `coalesce(pref.prefecture_code::text, '(none)')` : `''`} AS k1, count(*)::int AS n
       FROM pop LEFT JOIN enrolled e USING (person_id) LEFT JOIN pref USING (person_id)
      GROUP BY 1, 2 ORDER BY 1, 2`,
    [c.jma, DATA_INSURANCE_YEAR, [...INSURED_JMA_CATEGORIES]],
  );
  // every status × every prefecture that occurs (zero cells included), prefectures in the order
  // they first occur in the sorted rows: the table the service suppresses
  const prefectures = byPrefecture ? [...new Set(rows.map((r) => r.k1!))] : [''];
  const cells: Cell[] = [];
  for (const status of ['ENROLLED', 'NOT_ENROLLED'])
    for (const p of prefectures)
      cells.push({
        keys: byPrefecture ? [status, p] : [status],
        count: rows.find((r) => r.k0 === status && r.k1 === p)?.n ?? 0,
      });
  const dims = byPrefecture ? ['STATUS', 'PREFECTURE'] : ['STATUS'];
  return data(
    'insuranceEnrolment',
    withRate(await c.publisher.publish(insuranceFamily, dims, cells, { zerosListed: true })),
  );
}

async function insuranceDirect(r: Repositories, c: Context, byPrefecture: boolean) {
  const t = await runAsSystem(() => r.insurance.enrolment(c.jma, true, DATA_INSURANCE_YEAR, byPrefecture));
  return data(
    'insuranceEnrolment',
    withRate(await c.publisher.publish(insuranceFamily, t.dimensions, t.cells, { zerosListed: true })),
  );
}

export const AGGREGATES: Aggregate[] = [
  {
    id: 'W6-a',
    title: 'JMA members by CATEGORY',
    field: 'members',
    args: '(groupBy: [CATEGORY])',
    selection: TABLE,
    async expected(pool, c) {
      const { rows } = await pool.query<Row>(
        `SELECT category AS k0, count(DISTINCT person_id)::int AS n
           FROM membership.membership WHERE association_id = $1 AND status = 'ACTIVE'
          GROUP BY 1 ORDER BY 1`,
        [c.jma],
      );
      return data('members', await c.publisher.publish('members', ['CATEGORY'], cellsOf(rows, 1)));
    },
    async direct(r, c) {
      const t = await runAsSystem(() => r.membership.members(c.jma, tokyoToday(), ['CATEGORY'], {}));
      return data('members', await c.publisher.publish('members', ['CATEGORY'], t.cells));
    },
  },
  {
    id: 'W6-b',
    title: 'JMA members by AGE_BAND × SEX',
    field: 'members',
    args: '(groupBy: [AGE_BAND, SEX])',
    selection: TABLE,
    async expected(pool, c) {
      const { rows } = await pool.query<Row>(
        `WITH cur AS (
           SELECT p.sex, p.birth_date, ${AGE_YEARS} AS years
             FROM membership.person p WHERE p.id IN (${CURRENT}))
         SELECT CASE WHEN birth_date IS NULL THEN '(none)' WHEN years < 30 THEN '<30' WHEN years >= 80 THEN '80+'
                     ELSE (years / 10 * 10)::text || '-' || (years / 10 * 10 + 9)::text END AS k0,
                sex AS k1, count(*)::int AS n
           FROM cur GROUP BY 1, 2 ORDER BY 1, 2`,
        [c.jma, c.asOf],
      );
      return data('members', await c.publisher.publish('members', ['AGE_BAND', 'SEX'], cellsOf(rows, 2)));
    },
    async direct(r, c) {
      const t = await runAsSystem(() => r.membership.members(c.jma, tokyoToday(), ['AGE_BAND', 'SEX'], {}));
      return data('members', await c.publisher.publish('members', ['AGE_BAND', 'SEX'], t.cells));
    },
  },
  {
    id: 'W6-c',
    title: 'JMA members by PREFECTURE',
    field: 'members',
    args: '(groupBy: [PREFECTURE])',
    selection: TABLE,
    async expected(pool, c) {
      const { rows } = await pool.query<Row>(
        `SELECT coalesce(p.prefecture_code::text, '(none)') AS k0, count(*)::int AS n
           FROM membership.person p WHERE p.id IN (${CURRENT})
          GROUP BY 1 ORDER BY 1`,
        [c.jma],
      );
      return data('members', await c.publisher.publish('members', ['PREFECTURE'], cellsOf(rows, 1)));
    },
    async direct(r, c) {
      const t = await runAsSystem(() => r.membership.members(c.jma, tokyoToday(), ['PREFECTURE'], {}));
      return data('members', await c.publisher.publish('members', ['PREFECTURE'], t.cells));
    },
  },
  {
    id: 'W6-d',
    title: `JMA memberFlow FY${FLOW_FROM}–FY${FLOW_TO} (joins, leaves, net)`,
    field: 'memberFlow',
    args: `(fromFiscalYear: ${FLOW_FROM}, toFiscalYear: ${FLOW_TO})`,
    selection: TABLE,
    async expected(pool, c) {
      // every membership period of the JMA, counted in Node by the fiscal year of each date
      const { rows } = await pool.query<{ joined: string; left: string | null }>(
        `SELECT joined_on::text AS joined, left_on::text AS left FROM membership.membership WHERE association_id = $1`,
        [c.jma],
      );
      const cells: Cell[] = [];
      for (let y = FLOW_FROM; y <= FLOW_TO; y++) {
        cells.push({
          keys: [String(y), 'JOIN'],
          count: rows.filter((r) => fiscalYearOf(r.joined) === y).length,
        });
        cells.push({
          keys: [String(y), 'LEAVE'],
          count: rows.filter((r) => r.left !== null && fiscalYearOf(r.left) === y).length,
        });
      }
      return data(
        'memberFlow',
        withNet(
          await c.publisher.publish('memberFlow', ['FISCAL_YEAR', 'FLOW'], cells, FLOW_PUBLISHING),
          FLOW_FROM,
          FLOW_TO,
        ),
      );
    },
    async direct(r, c) {
      const t = await runAsSystem(() => r.membership.memberFlow(c.jma, FLOW_FROM, FLOW_TO));
      return data(
        'memberFlow',
        withNet(
          await c.publisher.publish('memberFlow', ['FISCAL_YEAR', 'FLOW'], t.cells, FLOW_PUBLISHING),
          FLOW_FROM,
          FLOW_TO,
        ),
      );
    },
  },
  {
    id: 'W6-e',
    title: `JMA trainingCredits CME FY${DATA_FISCAL_YEAR} by UNITS_BAND`,
    field: 'trainingCredits',
    args: `(programCode: "CME", fiscalYear: ${DATA_FISCAL_YEAR})`,
    selection: TABLE,
    expected: (pool, c) => creditsExpected(pool, c, false),
    direct: (r, c) => creditsDirect(r, c, false),
  },
  {
    id: 'W6-f',
    title: `JMA trainingCredits CME FY${DATA_FISCAL_YEAR} by PREFECTURE`,
    field: 'trainingCredits',
    args: `(programCode: "CME", fiscalYear: ${DATA_FISCAL_YEAR}, groupBy: [PREFECTURE])`,
    selection: TABLE,
    expected: (pool, c) => creditsExpected(pool, c, true),
    direct: (r, c) => creditsDirect(r, c, true),
  },
  {
    id: 'W6-g',
    title: `JMA insuranceEnrolment ${DATA_INSURANCE_YEAR}`,
    field: 'insuranceEnrolment',
    args: `(insuranceYear: ${DATA_INSURANCE_YEAR})`,
    selection: `${TABLE} rate`,
    expected: (pool, c) => insuranceExpected(pool, c, false),
    direct: (r, c) => insuranceDirect(r, c, false),
  },
  {
    id: 'W6-h',
    title: `JMA insuranceEnrolment ${DATA_INSURANCE_YEAR} by prefecture`,
    field: 'insuranceEnrolment',
    args: `(insuranceYear: ${DATA_INSURANCE_YEAR}, byPrefecture: true)`,
    selection: `${TABLE} rate`,
    expected: (pool, c) => insuranceExpected(pool, c, true),
    direct: (r, c) => insuranceDirect(r, c, true),
  },
  {
    id: 'W6-i',
    title: `JMA duesCollection FY${DUES_FISCAL_YEAR}`,
    field: 'duesCollection',
    args: `(fiscalYear: ${DUES_FISCAL_YEAR})`,
    // not invoicedYen / collectedYen: GraphQL's Int (32 bits) cannot carry the JMA's yen sums at
    // full scale (≈ ¥17 billion); the rate is their quotient
    selection: `${TABLE} rate`,
    async expected(pool, c) {
      const { rows } = await pool.query<{ k0: string; n: number; invoiced: string; collected: string }>(
        `SELECT CASE WHEN paid_yen >= amount_yen THEN 'PAID' WHEN paid_yen > 0 THEN 'PARTIAL' ELSE 'UNPAID' END AS k0,
                count(*)::int AS n, sum(amount_yen)::text AS invoiced, sum(least(paid_yen, amount_yen))::text AS collected
           FROM membership.dues_invoice
          WHERE association_id = $1 AND fiscal_year = $2 AND amount_yen > 0
          GROUP BY 1`,
        [c.jma, DUES_FISCAL_YEAR],
      );
      const cells: Cell[] = ['PAID', 'PARTIAL', 'UNPAID'].map((k) => ({
        keys: [k],
        count: rows.find((r) => r.k0 === k)?.n ?? 0,
      }));
      const sum = (f: 'invoiced' | 'collected') => rows.reduce((s, r) => s + Number(r[f]), 0);
      return duesData(await c.publisher.publish(duesFamily, ['PAYMENT_STATUS'], cells, DUES_PUBLISHING), {
        invoicedYen: sum('invoiced'),
        collectedYen: sum('collected'),
      });
    },
    async direct(r, c) {
      const t = await runAsSystem(() => r.membership.duesCollection(c.jma, DUES_FISCAL_YEAR));
      return duesData(await c.publisher.publish(duesFamily, ['PAYMENT_STATUS'], t.cells, DUES_PUBLISHING), t);
    },
  },
  {
    id: 'W6-j',
    title: 'JMA certificateHolders by PROGRAM (valid today)',
    field: 'certificateHolders',
    args: '(groupBy: [PROGRAM])',
    selection: TABLE,
    async expected(pool, c) {
      const { rows } = await pool.query<Row>(
        `WITH pop AS (${TRAINING_POPULATION})
         SELECT c.program_code AS k0, count(DISTINCT c.person_id)::int AS n
           FROM training.certificate c JOIN pop USING (person_id)
          WHERE c.valid_from <= $2::date AND c.valid_to >= $2::date
          GROUP BY 1 ORDER BY 1`,
        [c.jma, c.asOf],
      );
      return data(
        'certificateHolders',
        await c.publisher.publish(holdersFamily, ['PROGRAM'], cellsOf(rows, 1)),
      );
    },
    async direct(r, c) {
      const t = await runAsSystem(() => r.training.holders(c.jma, true, null, tokyoToday(), ['PROGRAM']));
      return data('certificateHolders', await c.publisher.publish(holdersFamily, t.dimensions, t.cells));
    },
  },
  {
    id: 'W6-k',
    title: `JMA certificateExpiryForecast FY${FORECAST_FROM}–FY${FORECAST_TO}`,
    field: 'certificateExpiryForecast',
    args: `(fromFiscalYear: ${FORECAST_FROM}, toFiscalYear: ${FORECAST_TO})`,
    selection: TABLE,
    async expected(pool, c) {
      // every certificate of the population with its expiry day, counted in Node by fiscal year
      const { rows } = await pool.query<{ program: string; valid_to: string }>(
        `WITH pop AS (${TRAINING_POPULATION})
         SELECT c.program_code AS program, c.valid_to::text AS valid_to
           FROM training.certificate c JOIN pop USING (person_id)`,
        [c.jma],
      );
      const counts = new Map<string, number>();
      for (const r of rows) {
        const fy = fiscalYearOf(r.valid_to);
        if (fy < FORECAST_FROM || fy > FORECAST_TO) continue;
        const key = JSON.stringify([String(fy), r.program]);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      const cells: Cell[] = [...counts]
        .map(([key, count]) => ({ keys: JSON.parse(key) as string[], count }))
        .sort((a, b) => (a.keys.join('\u0000') < b.keys.join('\u0000') ? -1 : 1));
      return data(
        'certificateExpiryForecast',
        await c.publisher.publish(
          'certificateExpiryForecast',
          ['FISCAL_YEAR', 'PROGRAM'],
          cells,
          FORECAST_PUBLISHING,
        ),
      );
    },
    async direct(r, c) {
      const t = await runAsSystem(() =>
        r.training.expiryForecast(c.jma, true, null, FORECAST_FROM, FORECAST_TO),
      );
      return data(
        'certificateExpiryForecast',
        await c.publisher.publish(
          'certificateExpiryForecast',
          ['FISCAL_YEAR', 'PROGRAM'],
          t.cells,
          FORECAST_PUBLISHING,
        ),
      );
    },
  },
];

/** The GraphQL query of an aggregate (operation name: the id without its dash). */
export const queryOf = (a: Pick<Aggregate, 'id' | 'field' | 'args' | 'selection'>) =>
  `query ${a.id.replace(/-/g, '')} { statistics { ${a.field}${a.args} { ${a.selection} } } }`;

/**
 * Aggregates that return no data at this scale (none at present): the population the repository
 * computes (what the disclosure control admits or refuses on) and what the data set holds, by
 * hand-written SQL.
 */
interface Unmeasured {
  id: string;
  title: string;
  population(r: Repositories, c: Context): Promise<number>;
  /** What the data set holds for it (hand-written SQL, superuser). */
  holds(pool: Pool, c: Context): Promise<string>;
}

export const UNMEASURED: Unmeasured[] = [];

/** The repositories on TypeORM DataSources of each service's role (pool 10, as the services). */
async function openRepositories(adminUrl: string, membershipUrl: string): Promise<Repositories> {
  const open = async (service: string, url: string): Promise<DataSource> => {
    const { dataSource } = DATA_SOURCES[service]!(url);
    await dataSource.initialize();
    return dataSource;
  };
  const [membership, training, insurance] = await Promise.all([
    open('membership', membershipUrl),
    open('training', serviceUrl(adminUrl, 'training')),
    open('insurance-pension', serviceUrl(adminUrl, 'insurance_pension')),
  ]);
  return {
    membership: new StatisticsRepository(membership),
    training: new TrainingStatisticsRepository(training),
    insurance: new InsuranceStatisticsRepository(insurance),
  };
}

/**
 * The W6 workloads: one per aggregate, targets our gateway and `sql-rls` (the repository run
 * directly), answer time also one request at a time (`sequential`); the refused aggregates as
 * not measurable. `adminPool`: the superuser's pool (known-good answers; its URL gives the roles').
 * The DataSources stay open for the run (the process exits at its end).
 */
export async function statisticsWorkloads(opts: {
  adminPool: Pool;
  /** The membership service role's pool (its URL: the membership DataSource's). */
  membershipPool: Pool;
  /** A fresh access token of the analytics client (each run asks: tokens expire). */
  analyticsToken: () => Promise<string>;
  /**
   * The workloads this run asks (default: all). The known-good answers follow the audit of what
   * the run asks before them, so the unselected are left out of it.
   */
  selected?: (id: string) => boolean;
}): Promise<WorkloadSpec[]> {
  const adminUrl = opts.adminPool.options.connectionString;
  const membershipUrl = opts.membershipPool.options.connectionString;
  if (!adminUrl || !membershipUrl) throw new Error('W6: a pool without a connection string');
  const repos = await openRepositories(adminUrl, membershipUrl);
  const c: Context = { jma: await jmaId(opts.adminPool), asOf: tokyoToday(), publisher: new Publisher() };
  const specs: WorkloadSpec[] = [];
  for (const a of AGGREGATES) {
    if (opts.selected && !opts.selected(a.id)) continue;
    const expected = canonical(await a.expected(opts.adminPool, c));
    const body = JSON.stringify({ query: queryOf(a), variables: {} });
    specs.push({
      id: a.id,
      title: `analytics: ${a.title} (k = ${STATISTICS_K})`,
      expected: [expected],
      targets: ['gateway', 'sql-rls'],
      sequential: true,
      closedConnections: 1,
      async variants() {
        return [{ body, headers: { authorization: `Bearer ${await opts.analyticsToken()}` }, expected }];
      },
      sqlRls: () => a.direct(repos, c),
    });
  }
  for (const u of UNMEASURED) {
    const population = await u.population(repos, c);
    const holds = await u.holds(opts.adminPool, c);
    specs.push({
      id: u.id,
      title: `analytics: ${u.title}`,
      expected: [],
      targets: [],
      variants: async () => [],
      notRun:
        population < STATISTICS_K
          ? {
              status: 'not-measurable',
              reason: `refused at this scale by the disclosure control: its population is ${population} < k = ${STATISTICS_K} (the data set holds ${holds})`,
            }
          : {
              status: 'missing',
              reason: `population ${population} ≥ k = ${STATISTICS_K}: measurable, but W6 has no workload for it yet (infra/bench/statistics.ts)`,
            },
    });
  }
  return specs;
}
