import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
