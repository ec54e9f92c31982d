import { asPopulation, clock, statisticsPopulation, type AccessAwareContext } from '@mamis/platform';
import type { TrainingStatisticsRepository } from '../repositories/training-statistics.repository';
import type { StatisticsResolvers } from '../generated/resolver-types';
import {
  checkFiscalYearRange,
  creditsDimensions,
  holdersDimensions,
} from '../validation/statistics-input.validator';

/** What these resolvers need of the training context. */
type Ctx = AccessAwareContext & { services: { trainingStatistics: TrainingStatisticsRepository } };

const populationOf = (ctx: Ctx, associationId: string) =>
  statisticsPopulation(ctx.services.trainingStatistics.db, ctx.viewer, ctx.access, associationId);

/** Training aggregates of `Statistics` (the entity is owned by membership). */
export const statisticsResolvers: StatisticsResolvers = {
  __resolveReference: async (ref, ctx) => ({
    associationId: (await populationOf(ctx, ref.associationId)).associationId,
  }),

  trainingCredits: async (s, args, ctx) => {
    const pop = await populationOf(ctx, s.associationId);
    const dims = creditsDimensions(args.groupBy);
    const r = await asPopulation(pop, () =>
      ctx.services.trainingStatistics.credits(
        pop.associationId,
        pop.tier === 'NATIONAL',
        args.programCode,
        args.fiscalYear,
        dims,
      ),
    );
    return ctx.statistics.answer(
      {
        populationAssociationId: pop.associationId,
        aggregate: `trainingCredits:${args.programCode}:${args.fiscalYear}`,
        filters: {},
        groupBy: r.dimensions,
        population: r.population,
        auditFilters: {},
      },
      r.dimensions,
      r.cells,
    );
  },

  certificateHolders: async (s, args, ctx) => {
    const pop = await populationOf(ctx, s.associationId);
    const dims = holdersDimensions(args.groupBy);
    const r = await asPopulation(pop, () =>
      ctx.services.trainingStatistics.holders(
        pop.associationId,
        pop.tier === 'NATIONAL',
        args.programCode,
        clock.today(),
        dims,
      ),
    );
    // A person may hold certificates of several programs: by PROGRAM (or of one program) the
    // cells count holdings, otherwise persons — two families of answers, audited apart.
    const byProgram = !!args.programCode || r.dimensions.includes('PROGRAM');
    return ctx.statistics.answer(
      {
        populationAssociationId: pop.associationId,
        aggregate: byProgram ? 'certificateHolders:byProgram' : 'certificateHolders',
        filters: { programCode: args.programCode },
        groupBy: r.dimensions,
        population: r.population,
        auditFilters: args.programCode ? { PROGRAM: [args.programCode] } : {},
      },
      r.dimensions,
      r.cells,
    );
  },

  certificateExpiryForecast: async (s, args, ctx) => {
    const pop = await populationOf(ctx, s.associationId);
    checkFiscalYearRange(args.fromFiscalYear, args.toFiscalYear);
    const r = await asPopulation(pop, () =>
      ctx.services.trainingStatistics.expiryForecast(
        pop.associationId,
        pop.tier === 'NATIONAL',
        args.programCode,
        args.fromFiscalYear,
        args.toFiscalYear,
      ),
    );
    const years: string[] = [];
    for (let y = args.fromFiscalYear; y <= args.toFiscalYear; y++) years.push(String(y));
    return ctx.statistics.answer(
      {
        populationAssociationId: pop.associationId,
        aggregate: 'certificateExpiryForecast',
        filters: { programCode: args.programCode },
        scope: { from: args.fromFiscalYear, to: args.toFiscalYear },
        groupBy: ['FISCAL_YEAR', 'PROGRAM'],
        population: r.population,
        auditFilters: {
          FISCAL_YEAR: years,
          ...(args.programCode ? { PROGRAM: [args.programCode] } : {}),
        },
      },
      ['FISCAL_YEAR', 'PROGRAM'],
      r.cells,
    );
  },
};
