import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** How far a consumer has read the membership event log (access.membership_event_v1). */
@Entity({ name: 'membership_event_checkpoint' })
export class MembershipEventCheckpointEntity {
  @PrimaryColumn({ type: 'text' })
  consumer: string;

  /** The last seq processed (or skipped: not a JMA event). */
  @Column({ name: 'last_seq', type: 'bigint', default: 0 })
  lastSeq: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
