import { createHash } from 'node:crypto';
import { AppError, ErrorCode } from '../errors';
import { Messages } from '../messages';
import type { Queryable } from '../access/relations';
import { actingAccountOf, type Viewer } from '../viewer';
import {
  canonicalFilters,
  differencingRisk,
  suppressTable,
  type Cell,
  type PublishedTable,
} from './disclosure';
import {
  auditAnswers,
  auditSingleAnswer,
  DEFAULT_AUDIT_LIMITS,
  type AuditLimits,
  type PublishedAnswer,
} from './linear-audit';

export interface StatisticsSettings {
  /** Minimum cell count / population (default 10, STATISTICS_K). */
  k: number;
  /** How far back the differencing control and the audit look at a requester's answers (days). */
  windowDays: number;
  /** The narrowest interval a small count may be confined to (default k). */
  margin?: number;
  /** Bounds of the audit's work per answer (fail closed beyond them). */
  auditLimits?: AuditLimits;
}

export interface StatisticsQuery {
  /** The association whose member population is counted. */
  populationAssociationId: string;
  /** Aggregate family, e.g. `members`, `trainingCredits:CME:2025`: answers are compared within one. */
  aggregate: string;
  /** Filters that narrow the population (the population floor applies only when there are any). */
  filters: Record<string, unknown> | null | undefined;
  /** Other arguments that say what is counted (logged and compared with, never a floor). */
  scope?: Record<string, unknown>;
  groupBy: string[];
  /** Size of the filtered population. */
  population: number;
  /** The answer's restriction by dimension, for the audit: dimension → the values it keeps. */
  auditFilters: Record<string, string[]>;
  /** The table lists empty combinations too (a fixed list of keys), see PublishedAnswer. */
  zerosListed?: boolean;
}

/** Per request: the disclosure-control decisions of one viewer's statistics queries. */
export interface StatisticsGuard {
  readonly k: number;
  /**
   * Answer a query: refuse (BAD_USER_INPUT, `extensions.details.reason`) a narrowed population
   * below k, a nested differencing of fewer than k persons, or an answer that together with the
   * requester's earlier answers confines a small count (COMBINATION_BELOW_K; AUDIT_LIMIT when the
   * audit would exceed its bounds); otherwise suppress small cells (and complements — all cells
   * when the audit asks) and return the table. Every query, answered or refused, is recorded in
   * audit.statistics_query with what was published.
   */
  answer(q: StatisticsQuery, dimensions: string[], cells: Cell[]): Promise<PublishedTable>;
}

/** Whose earlier queries a new one is compared with: the association's staff share one memory. */
export const requesterOf = (v: Viewer) =>
  v.kind === 'STAFF' && v.associationId
    ? `association:${v.associationId}`
    : `${v.kind.toLowerCase()}:${v.sub ?? '-'}`;

type Transactional = Queryable & {
  transaction?: <T>(fn: (manager: Queryable) => Promise<T>) => Promise<T>;
};

/** Run `fn` in one transaction when the database offers them (a TypeORM DataSource does). */
const inTransaction = <T>(db: Transactional, fn: (q: Queryable) => Promise<T>): Promise<T> =>
  typeof db.transaction === 'function' ? db.transaction((m) => fn(m)) : fn(db);

export type Refusal = 'POPULATION_BELOW_K' | 'DIFFERENCE_BELOW_K' | 'COMBINATION_BELOW_K' | 'AUDIT_LIMIT';

/** The published table in the audit's terms (a table without cells publishes its total alone). */
export const publishedAnswerOf = (
  auditFilters: Record<string, string[]>,
  t: PublishedTable,
  zerosListed: boolean,
): PublishedAnswer =>
  t.cells.length === 0 && t.dimensions.length > 0
    ? {
        filters: auditFilters,
        dimensions: [],
        cells: t.total ? [{ keys: [], count: t.total }] : [],
        total: t.total,
      }
    : {
        filters: auditFilters,
        dimensions: t.dimensions,
        cells: t.cells.map((c) => ({ keys: c.keys, count: c.count })),
        total: t.total,
        ...(zerosListed ? { zerosListed } : {}),
      };

/** The same answer gives the same key, whatever the key order of its JSON (jsonb reorders). */
const answerKey = (a: PublishedAnswer) =>
  JSON.stringify([
    Object.entries(a.filters)
      .map(([d, vs]) => [d, [...vs].sort()] as const)
      .sort((x, y) => (x[0] < y[0] ? -1 : 1)),
    a.dimensions,
    a.cells.map((c) => [c.keys, c.count]),
    a.total,
    !!a.zerosListed,
  ]);

/** How many more cells the audit may hide, smallest first, before it falls back to the total. */
const EXTRA_SUPPRESSION = 3;

/**
 * Decide what to publish: the suppressed table if the audit finds it safe with everything
 * published before; else the same with up to EXTRA_SUPPRESSION more cells hidden (the smallest
 * published non-zero ones, one at a time); else the total alone (no cells listed); else a refusal.
 * Answers that no longer agree with each other (the data changed between them) cannot be solved
 * together: the oldest are left out until the rest agree.
 */
export async function auditedTable(
  history: readonly PublishedAnswer[],
  auditFilters: Record<string, string[]>,
  table: PublishedTable,
  k: number,
  margin: number,
  limits: AuditLimits = DEFAULT_AUDIT_LIMITS,
  zerosListed = false,
): Promise<{ table: PublishedTable } | { refused: 'COMBINATION_BELOW_K' | 'AUDIT_LIMIT'; detail?: unknown }> {
  const candidates: PublishedTable[] = [table];
  const order = table.cells
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => !c.suppressed && (c.count ?? 0) > 0)
    .sort((a, b) => a.c.count! - b.c.count!)
    .slice(0, EXTRA_SUPPRESSION);
  let current = table;
  for (const { i } of order) {
    current = {
      ...current,
      cells: current.cells.map((c, j) => (j === i ? { keys: c.keys, count: null, suppressed: true } : c)),
      suppressedCells: current.suppressedCells + 1,
    };
    candidates.push(current);
  }
  if (table.dimensions.length > 0 && table.cells.length > 0)
    candidates.push({ ...table, cells: [], suppressedCells: table.cells.length });
  // Nothing to solve: a repeat of an earlier answer adds nothing (that answer was audited with
  // everything before it, and everything after it with it); one table alone with nothing hidden
  // has every combination of its dimensions as a sum of published counts (each 0 or at least k).
  const keyed = history.map(answerKey);
  if (
    keyed.includes(answerKey(publishedAnswerOf(auditFilters, table, zerosListed))) ||
    (history.length === 0 && table.suppressedCells === 0)
  )
    return { table };
  // identical earlier answers are one set of equations
  const earlier = history.filter((_, i) => keyed.indexOf(keyed[i]!) === i);
  let last: unknown;
  for (const candidate of candidates) {
    for (let from = 0; from <= earlier.length; from++) {
      const answer = publishedAnswerOf(auditFilters, candidate, zerosListed);
      const verdict =
        from === earlier.length
          ? auditSingleAnswer(answer, k, margin)
          : await auditAnswers([...earlier.slice(from), answer], k, margin, limits);
      if (verdict.safe) return { table: candidate };
      if (verdict.reason === 'INCONSISTENT') continue;
      if (verdict.reason === 'AUDIT_LIMIT') return { refused: 'AUDIT_LIMIT', detail: verdict.detail };
      // which cell would be exposed (not its interval: that would be the small count itself)
      last = { cell: verdict.cell };
      break;
    }
  }
  return { refused: 'COMBINATION_BELOW_K', detail: last };
}

/** An earlier answer of the same requester, aggregate family and population (oldest first). */
export interface EarlierAnswer {
  /** Canonical filters as logged (narrowing filters and scope). */
  filters: Record<string, string>;
  population: number;
  /** What was published (null for answers logged before the audit kept them). */
  published: PublishedAnswer | null;
}

/**
 * The whole decision on one query, without the database: the population floor and the nested
 * differencing control (`differencingRisk`), then cell suppression (`suppressTable`) checked by
 * the audit of everything published before (`auditedTable`).
 */
export async function decideAnswer(
  previous: readonly EarlierAnswer[],
  q: {
    aggregate: string;
    /** Canonical narrowing filters. */
    filters: Record<string, string>;
    /** Canonical filters and scope, as logged. */
    logged: Record<string, string>;
    population: number;
    auditFilters: Record<string, string[]>;
    zerosListed?: boolean;
  },
  dimensions: string[],
  cells: Cell[],
  settings: { k: number; margin: number; limits?: AuditLimits },
): Promise<{ refused: Refusal | null; table: PublishedTable | null; detail?: unknown }> {
  const verdict = differencingRisk(
    {
      aggregate: q.aggregate,
      filters: q.logged,
      population: q.population,
      narrowed: Object.keys(q.filters).length > 0,
    },
    previous.map((p) => ({ aggregate: q.aggregate, filters: p.filters, population: p.population })),
    settings.k,
  );
  if (verdict.refused) return { refused: verdict.reason, table: null };
  const audited = await auditedTable(
    previous.flatMap((p) => (p.published ? [p.published] : [])),
    q.auditFilters,
    suppressTable(dimensions, cells, settings.k),
    settings.k,
    settings.margin,
    settings.limits,
    !!q.zerosListed,
  );
  if ('table' in audited) return { refused: null, table: audited.table };
  return { refused: audited.refused, table: null, detail: audited.detail };
}

/**
 * The requester's earlier answers of one aggregate family and population in the window, oldest
 * first, each distinct answer once (at its first time): a dashboard asks the same query again and
 * again (every 5 minutes is 8,640 answers in 30 days), and a repeat changes no decision — the
 * differencing control finds the same first conflict, the audit solves identical answers as one
 * set of equations (`auditedTable`) — so the repeats are not loaded and parsed on every request.
 */
export const EARLIER_ANSWERS_SQL = `
  SELECT filters, population, published FROM audit.statistics_query
   WHERE id IN (
     SELECT min(id) FROM audit.statistics_query
      WHERE requester = $1 AND aggregate = $2 AND population_association = $3 AND refused IS NULL
        AND at > now() - make_interval(days => $4)
      GROUP BY coalesce(answer_key, id::text))
   ORDER BY id`;

/** The identity of a logged answer (`answer_key`): its logged filters, population and published table. */
export const answerKeyOf = (logged: Record<string, string>, population: number, published: string | null) =>
  createHash('sha256')
    .update(
      JSON.stringify([Object.entries(logged).sort(([a], [b]) => (a < b ? -1 : 1)), population, published]),
    )
    .digest('hex');

export function createStatisticsGuard(
  db: Queryable,
  viewer: Viewer,
  meta: { requestId: string; service: string },
  settings: StatisticsSettings,
): StatisticsGuard {
  const requester = requesterOf(viewer);
  const margin = settings.margin ?? settings.k;
  return {
    k: settings.k,
    async answer(q, dimensions, cells) {
      const filters = canonicalFilters(q.filters);
      const logged = canonicalFilters({ ...q.scope, ...q.filters });
      const outcome = await inTransaction(db as Transactional, async (tx) => {
        // one requester's answers of one aggregate family are audited one at a time (also across
        // replicas and the aliases of one request): the lock lasts until this transaction ends
        await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
          `statistics|${requester}|${q.populationAssociationId}|${q.aggregate}`,
        ]);
        const previous = (await tx.query(EARLIER_ANSWERS_SQL, [
          requester,
          q.aggregate,
          q.populationAssociationId,
          settings.windowDays,
        ])) as EarlierAnswer[];
        const { refused, table, detail } = await decideAnswer(
          previous,
          { ...q, filters, logged },
          dimensions,
          cells,
          { k: settings.k, margin, limits: settings.auditLimits },
        );
        const published = table
          ? JSON.stringify(publishedAnswerOf(q.auditFilters, table, !!q.zerosListed))
          : null;
        await tx.query(
          `INSERT INTO audit.statistics_query (request_id, service, actor, viewer_kind, viewer_association, requester,
             population_association, aggregate, filters, group_by, population, refused, published, refusal_detail, answer_key)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12, $13::jsonb, $14::jsonb, $15)`,
          [
            meta.requestId,
            meta.service,
            actingAccountOf(viewer),
            viewer.kind,
            viewer.associationId ?? null,
            requester,
            q.populationAssociationId,
            q.aggregate,
            JSON.stringify(logged),
            q.groupBy,
            q.population,
            refused,
            published,
            detail === undefined ? null : JSON.stringify(detail),
            refused ? null : answerKeyOf(logged, q.population, published),
          ],
        );
        return { refused, table };
      });
      if (outcome.refused || !outcome.table) {
        const reason = outcome.refused ?? 'AUDIT_LIMIT';
        const text = reason === 'AUDIT_LIMIT' ? Messages.AUDIT_LIMIT : Messages[reason]({ k: settings.k });
        throw new AppError(ErrorCode.BAD_USER_INPUT, text, {
          field: 'filter',
          details: { reason, k: settings.k },
        });
      }
      return outcome.table;
    },
  };
}
