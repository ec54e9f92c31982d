import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AssociationEntity } from './association.entity';
import { MembershipApplicationEntity } from './membership-application.entity';

/** What a step's association does when the application is approved. */
export type StepAction = 'JOIN' | 'LEAVE' | 'TRANSFER_OUT' | 'TRANSFER_IN' | 'CATEGORY_CHANGE';
/** PENDING: not decided yet (its turn or later); SKIPPED: the application closed before its turn. */
export type StepStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'SKIPPED';

/** One association's decision on an application; decided in `ordinal` order. */
@Entity({ name: 'membership_application_step' })
@Index('membership_application_step_order_key', ['applicationId', 'ordinal'], { unique: true })
@Index('membership_application_step_association_key', ['applicationId', 'associationId'], { unique: true })
@Index('membership_application_step_inbox_idx', ['associationId', 'status'])
export class MembershipApplicationStepEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @ManyToOne(() => MembershipApplicationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application?: MembershipApplicationEntity;

  @Column({ type: 'smallint' })
  ordinal: number;

  @Column({ name: 'association_id', type: 'uuid' })
  associationId: string;

  @ManyToOne(() => AssociationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'association_id' })
  association?: AssociationEntity;

  @Column({ type: 'text' })
  action: StepAction;

  /** The category at this association after approval (LEAVE / TRANSFER_OUT: the current one). */
  @Column({ type: 'text' })
  category: string;

  /** Transfers: the association on the other side of this step. */
  @Column({ name: 'counterpart_association_id', type: 'uuid', nullable: true })
  counterpartAssociationId: string | null;

  @Column({ type: 'text' })
  status: StepStatus;

  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decision_comment', type: 'text', nullable: true })
  decisionComment: string | null;
}
