import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Notices for the consent service to deliver (read through access.notification_outbox_training_v1),
 * e.g. certificate expiry reminders at 180, 90 and 30 days. Unique per certificate and kind, so
 * scheduling is idempotent.
 */
@Entity({ name: 'notification_outbox' })
@Index('notification_outbox_certificate_kind_uq', ['certificateId', 'kind'], { unique: true })
@Index('notification_outbox_due_idx', ['dueOn'])
export class NotificationOutboxEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'certificate_id', type: 'uuid', nullable: true })
  certificateId: string | null;

  /** e.g. CERTIFICATE_EXPIRY_180 / _90 / _30. */
  @Column({ type: 'text' })
  kind: string;

  /** { subjectJa, subjectEn, bodyJa, bodyEn, … } */
  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ name: 'due_on', type: 'date' })
  dueOn: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
