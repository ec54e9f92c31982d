import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PersonEntity } from './person.entity';

export const APPLICATION_KINDS = ['JOIN', 'TRANSFER', 'LEAVE', 'CATEGORY_CHANGE'] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];
export type ApplicationStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'CANCELLED';

/**
 * A join / transfer / leave / category-change application (入会・異動・退会・会員種別変更届), filed
 * once by the physician (or staff on their behalf) and approved step by step, municipal →
 * prefectural → national, by the associations involved (membership_application_step).
 */
@Entity({ name: 'membership_application' })
@Index('membership_application_person_idx', ['personId', 'filedAt'])
export class MembershipApplicationEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id' })
  person?: PersonEntity;

  @Column({ type: 'text' })
  kind: ApplicationKind;

  @Column({ type: 'text' })
  status: ApplicationStatus;

  @Column({ name: 'effective_on', type: 'date' })
  effectiveOn: string;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ name: 'filed_by', type: 'text' })
  filedBy: string;

  @CreateDateColumn({ name: 'filed_at', type: 'timestamptz' })
  filedAt: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'closed_by', type: 'text', nullable: true })
  closedBy: string | null;

  /** Why it was rejected (the deciding step's comment) or cancelled. */
  @Column({ name: 'closed_reason', type: 'text', nullable: true })
  closedReason: string | null;

  @Column({ type: 'integer', default: 1 })
  version: number;
}
