import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * Membership events already applied (keyed by the event id): written in the same transaction as
 * the change they caused, so an event delivered twice is applied once.
 */
@Entity({ name: 'processed_membership_event' })
export class ProcessedMembershipEventEntity {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ type: 'bigint' })
  seq: string;

  /** What applying it did (e.g. ENDED, ENROLLED, CATEGORY_UPDATED, NO_CHANGE). */
  @Column({ type: 'text' })
  outcome: string;

  @CreateDateColumn({ name: 'processed_at', type: 'timestamptz' })
  processedAt: Date;
}
