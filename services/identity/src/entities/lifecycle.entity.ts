import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How far identity has followed the membership event log (access.membership_event_v1). */
@Entity({ name: 'lifecycle_checkpoint' })
export class LifecycleCheckpointEntity {
  @PrimaryColumn({ type: 'text' })
  name: string;

  /** Every event with seq ≤ this has been applied. */
  @Column({ type: 'bigint' })
  seq: string;
}

/**
 * Events after the checkpoint already applied (events are applied as soon as they are visible,
 * also beyond a gap in seq, so that a death takes effect at once; the checkpoint only moves over
 * contiguous or long-settled seqs). Rows at or below the checkpoint are deleted.
 */
@Entity({ name: 'lifecycle_event_done' })
export class LifecycleEventDoneEntity {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ type: 'bigint' })
  seq: string;
}
