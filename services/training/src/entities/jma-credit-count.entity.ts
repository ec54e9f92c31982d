import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Maintained summaries of the JMA's training-statistics population (its current members and
 * everyone with attendance in a JMA programme: the training exception) and of its credits, for
 * `Statistics.trainingCredits` asked by the JMA, which would otherwise build that population of
 * ~300k persons and sum their ledger for every answer. Kept by statement triggers in the same
 * transaction as every change of a credit entry, an attendance or a membership (migration
 * JmaCreditCounts); the recount they must equal is in `jma-credit-counts.sql.ts`. Counts only, no
 * person column: outside row-level security, read by the statistics repository for the population
 * the platform decided. Nothing in them depends on the day.
 */

/**
 * The population per prefecture: the one of the person's first (by code) prefectural association
 * they are an active member of, '(none)' without one (the scan's pop_pref).
 */
@Entity({ name: 'jma_population_count' })
export class JmaPopulationCountEntity {
  @PrimaryColumn({ type: 'text' })
  prefecture: string;

  @Column({ type: 'integer' })
  persons: number;
}

/**
 * The persons of the population whose units of a programme in a fiscal year (April–March, of the
 * entries' earned_on) sum above zero, per units band and prefecture; band '0' of a prefecture is
 * its population minus these.
 */
@Entity({ name: 'jma_credit_count' })
export class JmaCreditCountEntity {
  @PrimaryColumn({ name: 'program_code', type: 'text' })
  programCode: string;

  @PrimaryColumn({ name: 'fiscal_year', type: 'integer' })
  fiscalYear: number;

  /** '0.5-4.5', '5-9.5', '10-19.5' or '20+' (the statistics' UNITS_BAND). */
  @PrimaryColumn({ name: 'units_band', type: 'text' })
  unitsBand: string;

  @PrimaryColumn({ type: 'text' })
  prefecture: string;

  @Column({ type: 'integer' })
  persons: number;
}
