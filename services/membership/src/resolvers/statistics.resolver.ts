import { AppError, ErrorCode, runAsViewer, tokyoDate, type Viewer } from '@mamis/platform';
import type { MembershipContext } from '../context';
import type { MemberDimension, MemberFilter } from '../repositories/statistics.repository';

/** A `Statistics` object: the population is the association's current members. */
export interface StatisticsRef {
  associationId: string;
}

/**
 * Whose population a viewer may count: staff their own association (READ_STATISTICS in the policy
 * table); an analytics client (`analytics:aggregate`) the JMA's. Nobody else reaches here (shield).
 */
async function populationOf(ctx: MembershipContext, requested: string | null | undefined): Promise<string> {
  const v = ctx.viewer;
  if (v.kind === 'CLIENT') {
    const jma = await ctx.services.statistics.nationalAssociationId();
    if (!jma || (requested && requested !== jma))
      throw new AppError(ErrorCode.FORBIDDEN, "Analytics clients read the JMA's statistics only");
    return jma;
  }
  const id = requested ?? v.associationId;
  if (!id)
    throw new AppError(ErrorCode.FORBIDDEN, 'Statistics are for association staff and analytics clients');
  ctx.access.authorizeAssociation(id, 'READ_STATISTICS');
  return id;
}

/**
 * Row-level security: the aggregate SQL runs as the population's association (its members are
 * the rows it may count) — an analytics client has no association of its own.
 */
async function asPopulation<T>(
  ctx: MembershipContext,
  associationId: string,
  fn: () => Promise<T>,
): Promise<T> {
  const tier = (await ctx.services.statistics.tierOf(associationId)) as Viewer['associationTier'];
  const viewer: Viewer = {
    kind: 'STAFF',
    sub: ctx.viewer.sub,
    associationId,
    associationTier: tier,
    scopes: [],
  };
  return runAsViewer(viewer, fn);
}

export const statisticsQueryResolvers = {
  statistics: async (_: unknown, args: { associationId?: string | null }, ctx: MembershipContext) => ({
    associationId: await populationOf(ctx, args.associationId),
  }),
};

export const statisticsResolvers = {
  __resolveReference: async (ref: StatisticsRef, ctx: MembershipContext) => ({
    associationId: await populationOf(ctx, ref.associationId),
  }),
  asOf: () => tokyoDate(new Date()),
  k: (_: StatisticsRef, __: unknown, ctx: MembershipContext) => ctx.statistics.k,

  members: async (
    s: StatisticsRef,
    args: { filter?: MemberFilter | null; groupBy: MemberDimension[] },
    ctx: MembershipContext,
  ) => {
    const filter = args.filter ?? {};
    const { cells, population } = await asPopulation(ctx, s.associationId, () =>
      ctx.services.statistics.members(s.associationId, tokyoDate(new Date()), args.groupBy, filter),
    );
    await ctx.statistics.admit({
      populationAssociationId: s.associationId,
      aggregate: 'members',
      filters: { ...filter },
      groupBy: args.groupBy,
      population,
    });
    return ctx.statistics.publish([...new Set(args.groupBy)], cells);
  },

  memberFlow: async (
    s: StatisticsRef,
    args: { fromFiscalYear: number; toFiscalYear: number },
    ctx: MembershipContext,
  ) => {
    const { cells, population } = await asPopulation(ctx, s.associationId, () =>
      ctx.services.statistics.memberFlow(s.associationId, args.fromFiscalYear, args.toFiscalYear),
    );
    await ctx.statistics.admit({
      populationAssociationId: s.associationId,
      aggregate: 'memberFlow',
      filters: { fromFiscalYear: args.fromFiscalYear, toFiscalYear: args.toFiscalYear },
      groupBy: ['FISCAL_YEAR', 'FLOW'],
      population,
    });
    const table = ctx.statistics.publish(['FISCAL_YEAR', 'FLOW'], cells);
    // net per fiscal year, only from published counts (a hidden join or leave hides the net)
    const net = [];
    for (let y = args.fromFiscalYear; y <= args.toFiscalYear; y++) {
      const get = (kind: string) => table.cells.find((c) => c.keys[0] === String(y) && c.keys[1] === kind);
      const j = get('JOIN');
      const l = get('LEAVE');
      const hidden = !j || !l || j.count === null || l.count === null;
      net.push({ keys: [String(y), 'NET'], count: hidden ? null : j.count! - l.count!, suppressed: hidden });
    }
    return { ...table, cells: [...table.cells, ...net] };
  },
};
