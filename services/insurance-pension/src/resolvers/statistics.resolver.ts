import {
  AppError,
  asPopulation,
  ErrorCode,
  grantsFor,
  Messages,
  scopeOf,
  statisticsPopulation,
  type AccessAwareContext,
} from '@mamis/platform';
import { checkStatisticsYear } from '../domain/insurance-rules';
import type { StatisticsResolvers } from '../generated/resolver-types';
import type { InsuranceStatisticsRepository } from '../repositories/insurance-statistics.repository';

type Ctx = AccessAwareContext & { services: { insuranceStatistics: InsuranceStatisticsRepository } };

/**
 * The population, and whether its association may see insurance at all: the policy table's MEMBER
 * row for that tier must grant INSURANCE (NATIONAL, PREFECTURAL) — municipal and district
 * associations see no insurance data, not even in aggregate.
 */
async function insurancePopulation(ctx: Ctx, associationId: string) {
  const pop = await statisticsPopulation(
    ctx.services.insuranceStatistics.db,
    ctx.viewer,
    ctx.access,
    associationId,
  );
  if (!scopeOf(grantsFor(['MEMBER'], pop.tier), 'INSURANCE'))
    throw new AppError(ErrorCode.FORBIDDEN, Messages.INSURANCE_STATISTICS_TIERS);
  return pop;
}

/** Insurance aggregates of `Statistics` (the entity is owned by membership). */
export const statisticsResolvers: StatisticsResolvers = {
  __resolveReference: (ref) => ({ associationId: ref.associationId }),

  insuranceEnrolment: async (s, args, ctx) => {
    const pop = await insurancePopulation(ctx, s.associationId);
    const r = await asPopulation(pop, () => {
      checkStatisticsYear('insuranceYear', args.insuranceYear);
      return ctx.services.insuranceStatistics.enrolment(
        pop.associationId,
        pop.tier === 'NATIONAL',
        args.insuranceYear,
        !!args.byPrefecture,
      );
    });
    const table = await ctx.statistics.answer(
      {
        populationAssociationId: pop.associationId,
        aggregate: `insuranceEnrolment:${args.insuranceYear}`,
        filters: {},
        groupBy: r.dimensions,
        population: r.population,
        auditFilters: {},
        // every status is listed, empty or not
        zerosListed: true,
      },
      r.dimensions,
      r.cells,
    );
    // the rate, only from published counts
    const sum = (status: string) => {
      const cells = table.cells.filter((c) => c.keys[0] === status);
      // no cells listed (the total alone was published): no rate
      if (cells.length === 0) return null;
      return cells.reduce<number | null>(
        (acc, c) => (acc === null || c.count === null ? null : acc + c.count),
        0,
      );
    };
    const enrolled = sum('ENROLLED');
    const rate = enrolled !== null && table.total ? enrolled / table.total : null;
    return { ...table, rate };
  },
};
