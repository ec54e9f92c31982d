import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export const NOTIFICATION_KINDS = [
  /** A terms revision that does not need renewed acceptance (terms art. 10.2). */
  'TERMS_REVISION',
  /** A terms revision that must be accepted at the next sign-in. */
  'TERMS_ACCEPTANCE_REQUIRED',
  /** Data carried over from the JMA's previous member system (terms art. 13). */
  'DATA_MIGRATION',
  /** A certificate nearing its expiry (from the training service's outbox). */
  'CERTIFICATE_EXPIRY',
  /** The result of an application (membership, certification). */
  'APPLICATION_RESULT',
  /** A notice of an association's activities, sent by its staff to its current members. */
  'ASSOCIATION_NOTICE',
  /** A survey an association's staff sent to its current members (answered in My Page). */
  'ASSOCIATION_SURVEY',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * A notice to one account / person (terms art. 3.2: on screen and by e-mail). Shown on screen to
 * the person (`Person.notifications`); e-mailed through `notification_delivery`.
 */
@Entity({ name: 'notification' })
@Index('notification_person_idx', ['personId', 'createdAt'])
@Index('notification_account_idx', ['accountId', 'createdAt'])
export class NotificationEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId: string | null;

  /** The login it is addressed to, when known (staff have no person). */
  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId: string | null;

  @Column({ type: 'text' })
  kind: NotificationKind;

  @Column({ name: 'subject_ja', type: 'text' })
  subjectJa: string;

  @Column({ name: 'subject_en', type: 'text' })
  subjectEn: string;

  @Column({ name: 'body_ja', type: 'text' })
  bodyJa: string;

  @Column({ name: 'body_en', type: 'text' })
  bodyEn: string;

  /** Idempotency of producers: e.g. `terms:1.02:<person>`, `training-outbox:<id>` (unique). */
  @Index({ unique: true })
  @Column({ name: 'source_key', type: 'text' })
  sourceKey: string;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
