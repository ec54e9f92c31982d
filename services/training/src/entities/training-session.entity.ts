import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** PUBLIC: anyone signed in sees it (and the iCalendar feed lists it); MEMBERS_ONLY: the host's members. */
export type SessionVisibility = 'PUBLIC' | 'MEMBERS_ONLY';
export type SessionStatus = 'SCHEDULED' | 'CANCELLED';

/** A training session (研修会) hosted by one association (any tier). */
@Entity({ name: 'training_session' })
@Index('training_session_host_starts_idx', ['hostAssociationId', 'startsAt'])
export class TrainingSessionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** Association id owned by the membership subgraph (no cross-schema FK). */
  @Column({ name: 'host_association_id', type: 'uuid' })
  hostAssociationId: string;

  @Column({ name: 'program_code', type: 'text' })
  programCode: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'text', nullable: true })
  venue: string | null;

  /** Units offered, 0.5-unit steps. */
  @Column({ type: 'numeric', precision: 5, scale: 1 })
  units: string;

  @Column({ type: 'integer', nullable: true })
  capacity: number | null;

  /**
   * The co-hosting academic society (日本医学会 分科会), as the id used in client scopes
   * `society:<id>`; null when the association hosts alone.
   */
  @Column({ name: 'cohost_society_id', type: 'text', nullable: true })
  cohostSocietyId: string | null;

  /** End of the session (null: starts_at + 1 hour per unit offered, at least 1 hour). */
  @Column({ name: 'ends_at', type: 'timestamptz', nullable: true })
  endsAt: Date | null;

  /** Online sessions: the meeting URL (a session may have a venue, a URL, or both). */
  @Column({ name: 'online_url', type: 'text', nullable: true })
  onlineUrl: string | null;

  @Column({ type: 'text', default: 'PUBLIC' })
  visibility: SessionVisibility;

  @Column({ type: 'text', default: 'SCHEDULED' })
  status: SessionStatus;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  /** Self check-in code shown to the host's staff (random; null until generated). */
  @Column({ name: 'check_in_code', type: 'text', nullable: true })
  checkInCode: string | null;

  /** Optimistic concurrency (updateVersioned). */
  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
