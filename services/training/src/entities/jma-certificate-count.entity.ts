import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Maintained summaries of the certificates of the JMA's training-statistics population (its
 * current members and everyone with attendance in a JMA programme: the training exception), for
 * `Statistics.certificateHolders` and `certificateExpiryForecast` asked by the JMA, which would
 * otherwise build that population of ~300k persons for every answer. Kept by statement triggers in
 * the same transaction as every change of a certificate, an attendance or a membership (migration
 * JmaCertificateCounts); the recount they must equal is in `jma-certificate-counts.sql.ts`.
 * Counts only, no person column: outside row-level security, read by the statistics repository for
 * the population the platform decided.
 */

/**
 * Holders per programme and holding period: a person's certificates of one programme merged into
 * periods (overlapping or adjacent validity joined), so that the periods containing a day count
 * each holder once — as the scan's count of distinct persons does — for whatever day is asked.
 */
@Entity({ name: 'jma_holding_count' })
export class JmaHoldingCountEntity {
  @PrimaryColumn({ name: 'program_code', type: 'text' })
  programCode: string;

  @PrimaryColumn({ name: 'valid_from', type: 'date' })
  validFrom: string;

  @PrimaryColumn({ name: 'valid_to', type: 'date' })
  validTo: string;

  @Column({ type: 'integer' })
  holders: number;
}

/** Certificates per programme and expiry day (the forecast groups the days by fiscal year). */
@Entity({ name: 'jma_expiry_count' })
export class JmaExpiryCountEntity {
  @PrimaryColumn({ name: 'program_code', type: 'text' })
  programCode: string;

  @PrimaryColumn({ name: 'valid_to', type: 'date' })
  validTo: string;

  @Column({ type: 'integer' })
  certificates: number;
}
