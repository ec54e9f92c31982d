import {
  canonicalFilters,
  differencingRisk,
  suppressTable,
  type Cell,
} from '../../services/platform/src/statistics/disclosure';
import {
  decideAnswer,
  publishedAnswerOf,
  type EarlierAnswer,
} from '../../services/platform/src/statistics/guard';
import type { PublishedAnswer } from '../../services/platform/src/statistics/linear-audit';
import { seededRandom } from '../../services/platform/src/seeded-random';
import { leaks, product, type Truth } from './statistics-attacker';

/**
 * Generated differencing attacks on the statistics guard: a population over CATEGORY × SEX ×
 * AGE_BAND with many small cells, a sequence of queries of one requester, and the two methods
 * answering them — the guard's own decision (`decideAnswer`: population floor, nested
 * differencing, suppression, audit) and the method before the audit (suppression and pairwise
 * nested differencing only). The attacker (statistics-attacker.ts) then bounds what was published.
 * Used by the unit tier (a few targeted seeds) and the integration tier (the whole family).
 */
export type ScenarioQuery = { filters: Record<string, string>; groupBy: string[] };

export interface Scenario {
  truth: Truth;
  queries: ScenarioQuery[];
}

const matches = (t: Truth, atom: string[], filters: Record<string, string>) =>
  Object.entries(filters).every(([d, v]) => atom[t.dims.indexOf(d)] === v);

/** What the repository would return: every non-empty combination, and the population. */
export function evaluate(t: Truth, q: ScenarioQuery): { cells: Cell[]; population: number } {
  const cells = new Map<string, Cell>();
  let population = 0;
  for (const atom of product(t.domains)) {
    const n = t.counts.get(atom.join('|')) ?? 0;
    if (!n || !matches(t, atom, q.filters)) continue;
    population += n;
    const keys = q.groupBy.map((d) => atom[t.dims.indexOf(d)]!);
    const c = cells.get(keys.join('|')) ?? { keys, count: 0 };
    c.count += n;
    cells.set(keys.join('|'), c);
  }
  return {
    cells: [...cells.values()].sort((a, b) => a.keys.join().localeCompare(b.keys.join())),
    population,
  };
}

const auditFiltersOf = (q: ScenarioQuery) =>
  Object.fromEntries(Object.entries(q.filters).map(([d, v]) => [d, [v]]));

/** The guard's decision on a sequence of queries (one requester, one population). */
export async function runAudited(t: Truth, queries: ScenarioQuery[], k: number, margin: number) {
  const previous: EarlierAnswer[] = [];
  let refused = 0;
  for (const q of queries) {
    const { cells, population } = evaluate(t, q);
    const filters = canonicalFilters(q.filters);
    const auditFilters = auditFiltersOf(q);
    const d = await decideAnswer(
      previous,
      { aggregate: 'members', filters, logged: filters, population, auditFilters },
      q.groupBy,
      cells,
      { k, margin },
    );
    if (!d.table) refused++;
    else
      previous.push({
        filters,
        population,
        published: publishedAnswerOf(auditFilters, d.table, false),
      });
  }
  return { published: previous.map((p) => p.published!), refused };
}

/** The method before the audit: suppression and pairwise nested differencing only. */
export function runBeforeAudit(t: Truth, queries: ScenarioQuery[], k: number): PublishedAnswer[] {
  const previous: { filters: Record<string, string>; population: number; aggregate: string }[] = [];
  const published: PublishedAnswer[] = [];
  for (const q of queries) {
    const { cells, population } = evaluate(t, q);
    const filters = canonicalFilters(q.filters);
    if (differencingRisk({ aggregate: 'members', filters, population }, previous, k).refused) continue;
    previous.push({ aggregate: 'members', filters, population });
    const table = suppressTable(q.groupBy, cells, k);
    published.push({
      filters: auditFiltersOf(q),
      dimensions: q.groupBy,
      cells: table.cells.map((c) => ({ keys: c.keys, count: c.count })),
      total: table.total,
    });
  }
  return published;
}

/** A population over CATEGORY × SEX × AGE_BAND with many small cells, and a sequence of queries. */
export function scenario(seed: number): Scenario {
  const r = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const dims = ['CATEGORY', 'SEX', 'AGE_BAND'];
  const domains = [
    ['A', 'B', 'C', 'D'].slice(0, 2 + Math.floor(r() * 3)),
    ['F', 'M'],
    ['30-39', '40-49', '50-59'],
  ];
  const counts = new Map<string, number>();
  for (const atom of product(domains)) {
    const x = r();
    counts.set(atom.join('|'), x < 0.2 ? 0 : x < 0.5 ? 1 + Math.floor(r() * 6) : 5 + Math.floor(r() * 40));
  }
  const truth = { dims, domains, counts };
  const queries: ScenarioQuery[] = [];
  // the two-query shape first: a one-way table, then the totals of its values one by one
  const d = pick([0, 1, 2]);
  queries.push({ filters: {}, groupBy: [dims[d]!] });
  for (const v of domains[d]!) if (r() < 0.7) queries.push({ filters: { [dims[d]!]: v }, groupBy: [] });
  // then random tables: up to two group-bys under up to two filters
  for (let i = 0; i < 4; i++) {
    const groupBy = dims.filter(() => r() < 0.4).slice(0, 2);
    const filters: Record<string, string> = {};
    for (const [j, dim] of dims.entries())
      if (!groupBy.includes(dim) && r() < 0.35) filters[dim] = pick(domains[j]!);
    queries.push({ filters, groupBy });
  }
  return { truth, queries };
}

export interface FamilyOutcome {
  seed: number;
  /** Whether the method before the audit leaked a small count. */
  leakedBefore: boolean;
  /** What the attacker finds in the guard's answers (none expected). */
  leaks: string[];
  asked: number;
  answered: number;
}

/** One scenario through both methods and the attacker. */
export async function attackScenario(seed: number, k: number, margin: number): Promise<FamilyOutcome> {
  const { truth, queries } = scenario(seed);
  const leakedBefore =
    (await leaks(truth, runBeforeAudit(truth, queries, k), k, margin, { firstOnly: true })).length > 0;
  const { published, refused } = await runAudited(truth, queries, k, margin);
  return {
    seed,
    leakedBefore,
    leaks: await leaks(truth, published, k, margin),
    asked: queries.length,
    answered: queries.length - refused,
  };
}
