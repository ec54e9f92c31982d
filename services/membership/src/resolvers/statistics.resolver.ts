import { asPopulation, clock, statisticsPopulation } from '@mamis/platform';
import type { MembershipContext } from '../context';
import type { MemberDimension, MemberFilter } from '../repositories/statistics.repository';

/** A `Statistics` object: the population is the association's current members. */
export interface StatisticsRef {
  associationId: string;
}

/** The population's association, decided in the platform (the same in every subgraph). */
const populationOf = async (ctx: MembershipContext, requested: string | null | undefined) =>
  statisticsPopulation(ctx.services.statistics.db, ctx.viewer, ctx.access, requested);

export const statisticsQueryResolvers = {
  statistics: async (_: unknown, args: { associationId?: string | null }, ctx: MembershipContext) => ({
    associationId: (await populationOf(ctx, args.associationId)).associationId,
  }),
};

export const statisticsResolvers = {
  __resolveReference: async (ref: StatisticsRef, ctx: MembershipContext) => ({
    associationId: (await populationOf(ctx, ref.associationId)).associationId,
  }),
  asOf: () => clock.today(),
  k: (_: StatisticsRef, __: unknown, ctx: MembershipContext) => ctx.statistics.k,

  members: async (
    s: StatisticsRef,
    args: { filter?: MemberFilter | null; groupBy: MemberDimension[] },
    ctx: MembershipContext,
  ) => {
    const filter = args.filter ?? {};
    const { cells, population } = await asPopulation(await populationOf(ctx, s.associationId), () =>
      ctx.services.statistics.members(s.associationId, clock.today(), args.groupBy, filter),
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
    const { cells, population } = await asPopulation(await populationOf(ctx, s.associationId), () =>
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

  duesCollection: async (s: StatisticsRef, args: { fiscalYear: number }, ctx: MembershipContext) => {
    const r = await asPopulation(await populationOf(ctx, s.associationId), () =>
      ctx.services.statistics.duesCollection(s.associationId, args.fiscalYear),
    );
    await ctx.statistics.admit({
      populationAssociationId: s.associationId,
      aggregate: `duesCollection:${args.fiscalYear}`,
      filters: {},
      groupBy: ['PAYMENT_STATUS'],
      population: r.population,
    });
    const table = ctx.statistics.publish(['PAYMENT_STATUS'], r.cells);
    // sums over at least k invoices (admitted above); the rate from them
    return {
      ...table,
      invoicedYen: r.invoicedYen,
      collectedYen: r.collectedYen,
      rate: r.invoicedYen > 0 ? r.collectedYen / r.invoicedYen : null,
    };
  },
};
