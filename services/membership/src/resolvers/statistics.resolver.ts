import { asPopulation, clock, statisticsPopulation } from '@mamis/platform';
import type { MembershipContext } from '../context';
import type { QueryResolvers, StatisticsResolvers } from '../generated/resolver-types';
import { checkMemberFlowArgs, checkMemberStatisticsArgs } from '../validation/statistics.validator';

/** The population's association, decided in the platform (the same in every subgraph). */
const populationOf = async (ctx: MembershipContext, requested: string | null | undefined) =>
  statisticsPopulation(ctx.services.statistics.db, ctx.viewer, ctx.access, requested);

export const statisticsQueryResolvers: QueryResolvers = {
  statistics: async (_, args, ctx) => ({
    associationId: (await populationOf(ctx, args.associationId)).associationId,
  }),
};

/** A `Statistics` object (its key): the population is the association's current members. */
export const statisticsResolvers: StatisticsResolvers = {
  __resolveReference: async (ref, ctx) => ({
    associationId: (await populationOf(ctx, ref.associationId)).associationId,
  }),
  asOf: () => clock.today(),
  k: (_, __, ctx) => ctx.statistics.k,

  members: async (s, args, ctx) => {
    const filter = args.filter ?? {};
    const populationAssociation = await populationOf(ctx, s.associationId);
    checkMemberStatisticsArgs(args.groupBy, filter);
    const { cells, population } = await asPopulation(populationAssociation, () =>
      ctx.services.statistics.members(s.associationId, clock.today(), args.groupBy, filter),
    );
    // the audit's terms: each filter as the value of its group-by dimension (the same key)
    const auditFilters: Record<string, string[]> = {};
    if (filter.category != null) auditFilters.CATEGORY = [filter.category];
    if (filter.sex != null) auditFilters.SEX = [filter.sex];
    if (filter.ageBand != null) auditFilters.AGE_BAND = [filter.ageBand];
    if (filter.prefectureCode != null) auditFilters.PREFECTURE = [String(filter.prefectureCode)];
    if (filter.department != null) auditFilters.DEPARTMENT = [filter.department];
    if (filter.subAssociationId != null)
      auditFilters.SUB_ASSOCIATION = [
        await asPopulation(await populationOf(ctx, s.associationId), () =>
          ctx.services.statistics.subAssociationKey(filter.subAssociationId!),
        ),
      ];
    return ctx.statistics.answer(
      {
        populationAssociationId: s.associationId,
        aggregate: 'members',
        filters: { ...filter },
        groupBy: args.groupBy,
        population,
        auditFilters,
      },
      [...new Set(args.groupBy)],
      cells,
    );
  },

  memberFlow: async (s, args, ctx) => {
    const populationAssociation = await populationOf(ctx, s.associationId);
    checkMemberFlowArgs(args.fromFiscalYear, args.toFiscalYear);
    const { cells, population } = await asPopulation(populationAssociation, () =>
      ctx.services.statistics.memberFlow(s.associationId, args.fromFiscalYear, args.toFiscalYear),
    );
    const years: string[] = [];
    for (let y = args.fromFiscalYear; y <= args.toFiscalYear; y++) years.push(String(y));
    const table = await ctx.statistics.answer(
      {
        populationAssociationId: s.associationId,
        aggregate: 'memberFlow',
        filters: {},
        scope: { fromFiscalYear: args.fromFiscalYear, toFiscalYear: args.toFiscalYear },
        groupBy: ['FISCAL_YEAR', 'FLOW'],
        population,
        auditFilters: { FISCAL_YEAR: years },
        zerosListed: true,
      },
      ['FISCAL_YEAR', 'FLOW'],
      cells,
    );
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

  duesCollection: async (s, args, ctx) => {
    const r = await asPopulation(await populationOf(ctx, s.associationId), () =>
      ctx.services.statistics.duesCollection(s.associationId, args.fiscalYear),
    );
    const table = await ctx.statistics.answer(
      {
        populationAssociationId: s.associationId,
        aggregate: `duesCollection:${args.fiscalYear}`,
        filters: {},
        groupBy: ['PAYMENT_STATUS'],
        population: r.population,
        auditFilters: {},
        zerosListed: true,
      },
      ['PAYMENT_STATUS'],
      r.cells,
    );
    // sums over the invoices of a published total (at least k); the rate from them
    if (table.total === null) return { ...table, invoicedYen: null, collectedYen: null, rate: null };
    return {
      ...table,
      invoicedYen: r.invoicedYen,
      collectedYen: r.collectedYen,
      rate: r.invoicedYen > 0 ? r.collectedYen / r.invoicedYen : null,
    };
  },
};
