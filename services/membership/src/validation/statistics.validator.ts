import { badInput, Messages } from '@mamis/platform';
import { AGE_BANDS } from '../repositories/statistics.repository';

/**
 * The arguments of the member statistics, checked before the statistics repository runs a
 * statement (after the population's association is decided, as before).
 */

/** Statistics.members: at most two distinct dimensions (`groupBy`); an age band filter names a known band. */
export function checkMemberStatisticsArgs(
  groupBy: readonly string[],
  filter: { ageBand?: string | null },
): void {
  if (new Set(groupBy).size > 2) throw badInput('groupBy', Messages.AT_MOST_TWO_DIMENSIONS);
  if (filter.ageBand != null && !(AGE_BANDS as readonly string[]).includes(filter.ageBand))
    throw badInput('filter.ageBand', Messages.AGE_BAND_UNKNOWN({ bands: AGE_BANDS.join(', ') }));
}

/** Statistics.memberFlow: `toFiscalYear` not before `fromFiscalYear`, at most 30 years apart. */
export function checkMemberFlowArgs(fromFiscalYear: number, toFiscalYear: number): void {
  if (toFiscalYear < fromFiscalYear) throw badInput('toFiscalYear', Messages.FISCAL_YEARS_REVERSED);
  if (toFiscalYear - fromFiscalYear > 30) throw badInput('toFiscalYear', Messages.AT_MOST_30_FISCAL_YEARS);
}
