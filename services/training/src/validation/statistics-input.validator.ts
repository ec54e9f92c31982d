import { badInput, Messages } from '@mamis/platform';
import type { TrainingDimension } from '../repositories/training-statistics.repository';

/**
 * The arguments of the training aggregates of `Statistics`, checked by the statistics resolver
 * before the repository builds any SQL. Pure: no database.
 */

/** The grouping, without repeats: at most two dimensions, each one this aggregate offers. */
export function checkDimensions(
  groupBy: readonly TrainingDimension[] | null | undefined,
  allowed: readonly TrainingDimension[],
): TrainingDimension[] {
  const dims = [...new Set(groupBy ?? [])];
  if (dims.length > 2) throw badInput('groupBy', Messages.AT_MOST_TWO_DIMENSIONS);
  const bad = dims.find((d) => !allowed.includes(d));
  if (bad) throw badInput('groupBy', Messages.NOT_A_DIMENSION({ dimension: bad }));
  return dims;
}

/** `trainingCredits`: by units band unless asked otherwise; units band and prefecture only. */
export const creditsDimensions = (groupBy: readonly TrainingDimension[] | null | undefined) =>
  checkDimensions(groupBy ?? ['UNITS_BAND'], ['UNITS_BAND', 'PREFECTURE']);

/** `certificateHolders`: by program and prefecture only (no grouping: one total). */
export const holdersDimensions = (groupBy: readonly TrainingDimension[] | null | undefined) =>
  checkDimensions(groupBy, ['PROGRAM', 'PREFECTURE']);

/** `certificateExpiryForecast`: a forward range of at most 20 fiscal years (21 years counted). */
export function checkFiscalYearRange(fromFiscalYear: number, toFiscalYear: number): void {
  if (toFiscalYear < fromFiscalYear) throw badInput('toFiscalYear', Messages.FISCAL_YEARS_REVERSED);
  if (toFiscalYear - fromFiscalYear > 20) throw badInput('toFiscalYear', Messages.AT_MOST_20_FISCAL_YEARS);
}
