import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Maintained summaries of the insurance enrolment of the JMA's population (its current members in
 * an insured category), for `Statistics.insuranceEnrolment` asked by the JMA, which would otherwise
 * build that population for every answer. Kept by statement triggers in the same transaction as
 * every change of a membership or an enrolment (migration JmaInsuranceCounts); the recount they
 * must equal is in `jma-insurance-counts.sql.ts`. Counts only, no person column: outside row-level
 * security, read by the statistics repository for the population the platform decided.
 */

/** The population by prefecture (of the person's prefectural association; '(none)' without one). */
@Entity({ name: 'jma_insured_count' })
export class JmaInsuredCountEntity {
  @PrimaryColumn({ type: 'text' })
  prefecture: string;

  @Column({ type: 'integer' })
  members: number;
}

/** Those of the population with an ENROLLED enrolment, by insurance year and prefecture. */
@Entity({ name: 'jma_enrolled_count' })
export class JmaEnrolledCountEntity {
  @PrimaryColumn({ name: 'insurance_year', type: 'smallint' })
  insuranceYear: number;

  @PrimaryColumn({ type: 'text' })
  prefecture: string;

  @Column({ type: 'integer' })
  members: number;
}
