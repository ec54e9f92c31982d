import type { FieldRule } from '../field-rule';

/**
 * Aggregate statistics, in every subgraph that contributes to `Statistics`: staff of
 * the population's association and analytics clients; never person data.
 */
// prettier-ignore
export const STATISTICS_FIELD_RULES: Readonly<Record<string, FieldRule>> = {
  'Query.statistics': 'STATISTICS',
  'Statistics.associationId': 'STATISTICS', 'Statistics.asOf': 'STATISTICS', 'Statistics.k': 'STATISTICS',
  'Statistics.members': 'STATISTICS', 'Statistics.memberFlow': 'STATISTICS', 'Statistics.duesCollection': 'STATISTICS',
  'DuesCollectionStatistics.dimensions': 'NESTED', 'DuesCollectionStatistics.cells': 'NESTED',
  'DuesCollectionStatistics.total': 'NESTED', 'DuesCollectionStatistics.suppressedCells': 'NESTED',
  'DuesCollectionStatistics.k': 'NESTED', 'DuesCollectionStatistics.invoicedYen': 'NESTED',
  'DuesCollectionStatistics.collectedYen': 'NESTED', 'DuesCollectionStatistics.rate': 'NESTED',
  'Statistics.trainingCredits': 'STATISTICS', 'Statistics.certificateHolders': 'STATISTICS',
  'Statistics.certificateExpiryForecast': 'STATISTICS', 'Statistics.insuranceEnrolment': 'STATISTICS',
  'InsuranceEnrolmentStatistics.dimensions': 'NESTED', 'InsuranceEnrolmentStatistics.cells': 'NESTED',
  'InsuranceEnrolmentStatistics.total': 'NESTED', 'InsuranceEnrolmentStatistics.suppressedCells': 'NESTED',
  'InsuranceEnrolmentStatistics.k': 'NESTED', 'InsuranceEnrolmentStatistics.rate': 'NESTED',
  'StatisticsTable.dimensions': 'NESTED', 'StatisticsTable.cells': 'NESTED', 'StatisticsTable.total': 'NESTED',
  'StatisticsTable.suppressedCells': 'NESTED', 'StatisticsTable.k': 'NESTED',
  'StatisticsCell.keys': 'NESTED', 'StatisticsCell.count': 'NESTED', 'StatisticsCell.suppressed': 'NESTED',
};
