import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { PensionPlan, PensionStatus, StoredContributionStatus } from '../domain/pension-rules';

/** JMA physician pension (医師年金) enrolment: one per person, current state. */
@Entity({ name: 'pension_enrolment' })
export class PensionEnrolmentEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Index('pension_enrolment_person_uq', { unique: true })
  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  /** BASIC (基本年金) or BASIC_AND_ADDITIONAL (基本年金＋加算年金). */
  @Column({ type: 'text' })
  plan: PensionPlan;

  @Column({ type: 'text' })
  status: PensionStatus;

  @Column({ name: 'contribution_status', type: 'text' })
  contributionStatus: StoredContributionStatus;

  @Column({ name: 'enrolled_on', type: 'date' })
  enrolledOn: string;

  @Column({ name: 'withdrawn_on', type: 'date', nullable: true })
  withdrawnOn: string | null;

  /** Monthly contribution, integer yen. */
  @Column({ name: 'monthly_contribution_yen', type: 'integer' })
  monthlyContributionYen: number;

  /** The last day of contributions (the day before the 65th birthday), fixed at enrolment. */
  @Column({ name: 'contributions_end_on', type: 'date' })
  contributionsEndOn: string;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
