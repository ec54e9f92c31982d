import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { PensionPlan, PensionStatus, StoredContributionStatus } from '../domain/pension-rules';

/** The append-only history of a pension enrolment: the state after each change. */
@Entity({ name: 'pension_change' })
@Index('pension_change_enrolment_idx', ['enrolmentId', 'recordedAt'])
export class PensionChangeEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'enrolment_id', type: 'uuid' })
  enrolmentId: string;

  @Index()
  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'text' })
  plan: PensionPlan;

  @Column({ type: 'text' })
  status: PensionStatus;

  @Column({ name: 'contribution_status', type: 'text' })
  contributionStatus: StoredContributionStatus;

  @Column({ name: 'monthly_contribution_yen', type: 'integer' })
  monthlyContributionYen: number;

  @Column({ name: 'effective_on', type: 'date' })
  effectiveOn: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
