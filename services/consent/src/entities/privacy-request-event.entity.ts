import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { PrivacyRequestStatus } from './privacy-request.entity';

/** One status change of a privacy request (its history; append-only). */
@Entity({ name: 'privacy_request_event' })
@Index('privacy_request_event_request_idx', ['requestId', 'at'])
@Index('privacy_request_event_person_idx', ['personId'])
export class PrivacyRequestEventEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'request_id', type: 'uuid' })
  requestId: string;

  /** The request's person (so the history is covered by row-level security and the export). */
  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'text' })
  status: PrivacyRequestStatus;

  @Column({ type: 'timestamptz' })
  at: Date;

  /** Token subject (or `system:<command>` for the admin commands). */
  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;
}
