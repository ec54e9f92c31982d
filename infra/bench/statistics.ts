/**
 * W6 (issue 10): "the gateway's answer time for EACH aggregate within 1.5× of running the same SQL
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
 * The aggregates the disclosure control refuses at this scale (their population is below k: the
 * seed has no dues invoices and no certificates) are reported as not measurable, with the
 * population the repository computes for them, instead of being run.
 */
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { Viewer } from '@mamis/platform';
import { StatisticsRepository } from '@mamis/membership/src/repositories/statistics.repository';
import { TrainingStatisticsRepository } from '@mamis/training/src/repositories/training-statistics.repository';
import { InsuranceStatisticsRepository } from '@mamis/insurance-pension/src/repositories/insurance-statistics.repository';
import { runAsSystem } from '../../services/platform/src/rls';
import { suppressTable, type Cell } from '../../services/platform/src/statistics/disclosure';
import { serviceUrl } from '../db/bootstrap';
import { DATA_SOURCES } from '../db/service-data-sources';
import { INSURED_JMA_CATEGORIES } from '../seed/data/associations';
import { insuranceYearOf, monthOf, yearOf } from '../seed/dates';
import { REFERENCE_DAY } from '../seed/generate-persons';
import { canonical } from './expected';
import type { WorkloadSpec } from './run';

export const STATISTICS_K = 10;

/** The analytics client of W6 (population: the JMA). */
export const ANALYTICS_CLIENT: Viewer = {
  kind: 'CLIENT',
  sub: 'bench-analytics',
  scopes: ['analytics:aggregate'],
} as Viewer;

/**
 * The data set's last complete years: its "today" is REFERENCE_DAY (2025-03-31), so FY2024 is the
 * last fiscal year with credits and 2024 the last insurance year with enrolments (FY2025 and
 * insurance year 2026 would count every person as 0 units / not enrolled).
 */
export const DATA_FISCAL_YEAR = yearOf(REFERENCE_DAY) - (monthOf(REFERENCE_DAY) < 4 ? 1 : 0);
export const DATA_INSURANCE_YEAR = insuranceYearOf(REFERENCE_DAY);
/** memberFlow's range (issue 10's example). */
export const FLOW_FROM = 2015;
export const FLOW_TO = 2025;

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

/** The platform's suppression (k = 10) of a table whose cells are in the repository's order. */
export function publishTable(dimensions: string[], cells: Cell[]): PublishedTable {
  const t = suppressTable(dimensions, cells, STATISTICS_K);
  return {
    total: t.total,
    cells: t.cells.map((c) => ({ keys: c.keys, count: c.count, suppressed: c.suppressed })),
  };
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

// ---------------------------------------------------------------------------------------------
// The aggregates

interface Context {
  jma: string;
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
  return data('trainingCredits', publishTable(dims, cellsOf(rows, 1)));
}

async function creditsDirect(r: Repositories, c: Context, byPrefecture: boolean) {
  const t = await runAsSystem(() =>
    r.training.credits(c.jma, true, 'CME', DATA_FISCAL_YEAR, byPrefecture ? ['PREFECTURE'] : null),
  );
  return data('trainingCredits', publishTable(t.dimensions, t.cells));
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
  return data('insuranceEnrolment', withRate(publishTable(dims, cells)));
}

async function insuranceDirect(r: Repositories, c: Context, byPrefecture: boolean) {
  const t = await runAsSystem(() => r.insurance.enrolment(c.jma, DATA_INSURANCE_YEAR, byPrefecture));
  return data('insuranceEnrolment', withRate(publishTable(t.dimensions, t.cells)));
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
      return data('members', publishTable(['CATEGORY'], cellsOf(rows, 1)));
    },
    async direct(r, c) {
      const t = await runAsSystem(() => r.membership.members(c.jma, tokyoToday(), ['CATEGORY'], {}));
      return data('members', publishTable(['CATEGORY'], t.cells));
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
      return data('members', publishTable(['AGE_BAND', 'SEX'], cellsOf(rows, 2)));
    },
    async direct(r, c) {
      const t = await runAsSystem(() => r.membership.members(c.jma, tokyoToday(), ['AGE_BAND', 'SEX'], {}));
      return data('members', publishTable(['AGE_BAND', 'SEX'], t.cells));
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
      return data('members', publishTable(['PREFECTURE'], cellsOf(rows, 1)));
    },
    async direct(r, c) {
      const t = await runAsSystem(() => r.membership.members(c.jma, tokyoToday(), ['PREFECTURE'], {}));
      return data('members', publishTable(['PREFECTURE'], t.cells));
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
      return data('memberFlow', withNet(publishTable(['FISCAL_YEAR', 'FLOW'], cells), FLOW_FROM, FLOW_TO));
    },
    async direct(r, c) {
      const t = await runAsSystem(() => r.membership.memberFlow(c.jma, FLOW_FROM, FLOW_TO));
      return data('memberFlow', withNet(publishTable(['FISCAL_YEAR', 'FLOW'], t.cells), FLOW_FROM, FLOW_TO));
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
];

/** The GraphQL query of an aggregate (operation name: the id without its dash). */
export const queryOf = (a: Pick<Aggregate, 'id' | 'field' | 'args' | 'selection'>) =>
  `query ${a.id.replace(/-/g, '')} { statistics { ${a.field}${a.args} { ${a.selection} } } }`;

/**
 * The aggregates that return no data at this scale: the population the repository computes (what
 * the disclosure control admits or refuses on) and what the data set holds, by hand-written SQL.
 */
interface Unmeasured {
  id: string;
  title: string;
  population(r: Repositories, c: Context): Promise<number>;
  /** What the data set holds for it (hand-written SQL, superuser). */
  holds(pool: Pool, c: Context): Promise<string>;
}

const count = async (pool: Pool, sql: string, params: unknown[] = []) =>
  Number((await pool.query<{ n: string }>(sql, params)).rows[0]?.n ?? 0);

export const UNMEASURED: Unmeasured[] = [
  {
    id: 'W6-i',
    title: `JMA duesCollection FY${DATA_FISCAL_YEAR}`,
    population: async (r, c) =>
      (await runAsSystem(() => r.membership.duesCollection(c.jma, DATA_FISCAL_YEAR))).population,
    holds: async (pool, c) =>
      `${await count(pool, `SELECT count(*) AS n FROM membership.dues_invoice WHERE association_id = $1`, [c.jma])} dues invoices of the JMA, ${await count(pool, `SELECT count(*) AS n FROM membership.dues_invoice`)} in all`,
  },
  {
    id: 'W6-j',
    title: 'JMA certificateHolders',
    population: async (r, c) =>
      (await runAsSystem(() => r.training.holders(c.jma, true, null, tokyoToday(), null))).population,
    holds: async (pool) =>
      `${await count(pool, `SELECT count(*) AS n FROM training.certificate`)} certificates`,
  },
  {
    id: 'W6-k',
    title: `JMA certificateExpiryForecast FY${DATA_FISCAL_YEAR}–FY${DATA_FISCAL_YEAR + 10}`,
    population: async (r, c) =>
      (
        await runAsSystem(() =>
          r.training.expiryForecast(c.jma, true, null, DATA_FISCAL_YEAR, DATA_FISCAL_YEAR + 10),
        )
      ).population,
    holds: async (pool) =>
      `${await count(pool, `SELECT count(*) AS n FROM training.certificate`)} certificates`,
  },
];

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
}): Promise<WorkloadSpec[]> {
  const adminUrl = opts.adminPool.options.connectionString;
  const membershipUrl = opts.membershipPool.options.connectionString;
  if (!adminUrl || !membershipUrl) throw new Error('W6: a pool without a connection string');
  const repos = await openRepositories(adminUrl, membershipUrl);
  const c: Context = { jma: await jmaId(opts.adminPool), asOf: tokyoToday() };
  const specs: WorkloadSpec[] = [];
  for (const a of AGGREGATES) {
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
