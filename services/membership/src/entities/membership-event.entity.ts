import { Column, Entity, Generated, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AssociationEntity } from './association.entity';
import { PersonEntity } from './person.entity';

export const MEMBERSHIP_EVENT_KINDS = [
  'JOIN',
  'TRANSFER_OUT',
  'TRANSFER_IN',
  'LEAVE',
  'CATEGORY_CHANGE',
  'DEATH',
] as const;
export type MembershipEventKind = (typeof MEMBERSHIP_EVENT_KINDS)[number];

/**
 * The membership event log (入会・異動・退会・種別変更・死亡), append-only, and the outbox other
 * services read through `access.membership_event_v1` in `seq` order. The current state
 * (`membership.membership`) is derived from it in the same transaction that appends.
 */
@Entity({ name: 'membership_event' })
@Index('membership_event_person_idx', ['personId', 'effectiveOn', 'seq'])
@Index('membership_event_association_idx', ['associationId', 'effectiveOn'])
export class MembershipEventEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** Monotonically increasing position in the log (consumers keep the last seq they processed). */
  @Index('membership_event_seq_key', { unique: true })
  @Column({ type: 'bigint' })
  @Generated('increment')
  seq: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id' })
  person?: PersonEntity;

  @Column({ name: 'association_id', type: 'uuid' })
  associationId: string;

  @ManyToOne(() => AssociationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'association_id' })
  association?: AssociationEntity;

  @Column({ type: 'text' })
  kind: MembershipEventKind;

  /** The category at this association after the event (for LEAVE / TRANSFER_OUT / DEATH: the last one). */
  @Column({ type: 'text' })
  category: string;

  @Column({ name: 'previous_category', type: 'text', nullable: true })
  previousCategory: string | null;

  @Column({ name: 'effective_on', type: 'date' })
  effectiveOn: string;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;

  /** The account that caused it (the approving staff member, or the staff who registered it). */
  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy: string;

  /** The application whose final approval wrote the event (null for events staff recorded directly). */
  @Column({ name: 'application_id', type: 'uuid', nullable: true })
  applicationId: string | null;

  /** Transfers: the association on the other side (TRANSFER_OUT: where to; TRANSFER_IN: where from). */
  @Column({ name: 'counterpart_association_id', type: 'uuid', nullable: true })
  counterpartAssociationId: string | null;
}
