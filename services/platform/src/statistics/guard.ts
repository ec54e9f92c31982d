import { AppError, ErrorCode } from '../errors';
import type { Queryable } from '../access/relations';
import type { Viewer } from '../viewer';
import {
  canonicalFilters,
  differencingRisk,
  suppressTable,
  type AnsweredQuery,
  type Cell,
  type PublishedTable,
} from './disclosure';

export interface StatisticsSettings {
  /** Minimum cell count / population (default 10, STATISTICS_K). */
  k: number;
  /** How far back the differencing control compares a requester's queries (days). */
  windowDays: number;
}

export interface StatisticsQuery {
  /** The association whose member population is counted. */
  populationAssociationId: string;
  /** Population family, e.g. `members`, `training:CME`: queries are compared within one. */
  aggregate: string;
  filters: Record<string, unknown> | null | undefined;
  groupBy: string[];
  /** Size of the filtered population. */
  population: number;
}

/** Per request: the disclosure-control decisions of one viewer's statistics queries. */
export interface StatisticsGuard {
  readonly k: number;
  /**
   * Refuse (BAD_USER_INPUT, `extensions.details.reason`) a query whose filtered population is below
   * k or that differs from an earlier nested query of the same requester by fewer than k persons;
   * record every query, answered or refused, in audit.statistics_query (one statement each).
   */
  admit(q: StatisticsQuery): Promise<void>;
  /** Suppress small cells (and their complements) of an admitted query's table. */
  publish(dimensions: string[], cells: Cell[]): PublishedTable;
}

/** Whose earlier queries a new one is compared with: the association's staff share one memory. */
export const requesterOf = (v: Viewer) =>
  v.kind === 'STAFF' && v.associationId
    ? `association:${v.associationId}`
    : `${v.kind.toLowerCase()}:${v.sub ?? '-'}`;

export function createStatisticsGuard(
  db: Queryable,
  viewer: Viewer,
  meta: { requestId: string; service: string },
  settings: StatisticsSettings,
): StatisticsGuard {
  const requester = requesterOf(viewer);
  return {
    k: settings.k,
    async admit(q) {
      const filters = canonicalFilters(q.filters);
      const previous = (await db.query(
        // distinct answers only: repeating a query adds nothing to compare with
        `SELECT DISTINCT aggregate, filters, population FROM audit.statistics_query
         WHERE requester = $1 AND aggregate = $2 AND population_association = $3 AND refused IS NULL
           AND at > now() - make_interval(days => $4)`,
        [requester, q.aggregate, q.populationAssociationId, settings.windowDays],
      )) as AnsweredQuery[];
      const verdict = differencingRisk(
        { aggregate: q.aggregate, filters, population: q.population },
        previous,
        settings.k,
      );
      await db.query(
        `INSERT INTO audit.statistics_query (request_id, service, actor, viewer_kind, viewer_association, requester,
           population_association, aggregate, filters, group_by, population, refused)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12)`,
        [
          meta.requestId,
          meta.service,
          viewer.actor?.sub ?? viewer.sub ?? null,
          viewer.kind,
          viewer.associationId ?? null,
          requester,
          q.populationAssociationId,
          q.aggregate,
          JSON.stringify(filters),
          q.groupBy,
          q.population,
          verdict.refused ? verdict.reason : null,
        ],
      );
      if (verdict.refused)
        throw new AppError(
          ErrorCode.BAD_USER_INPUT,
          verdict.reason === 'POPULATION_BELOW_K'
            ? `These filters select fewer than ${settings.k} persons; statistics that could identify individuals are not given`
            : `Together with an earlier query, this one would describe fewer than ${settings.k} persons; refused`,
          { field: 'filter', details: { reason: verdict.reason, k: settings.k } },
        );
    },
    publish: (dimensions, cells) => suppressTable(dimensions, cells, settings.k),
  };
}
