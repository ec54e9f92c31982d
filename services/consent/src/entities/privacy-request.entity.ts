import { Column, Entity, Index, PrimaryColumn, VersionColumn } from 'typeorm';

/**
 * The person's rights under APPI (個人情報保護法): disclosure (開示, art. 33, incl. the records of
 * provision), correction (訂正等, art. 34), cessation of use / erasure (利用停止・消去, art. 35).
 */
export const PRIVACY_REQUEST_KINDS = ['DISCLOSURE', 'CORRECTION', 'ERASURE'] as const;
export type PrivacyRequestKind = (typeof PRIVACY_REQUEST_KINDS)[number];

/**
 * RECEIVED (filed) → APPROVED | REJECTED (decided) → COMPLETED (export produced / correction made /
 * erasure carried out). Correction requests may go straight from RECEIVED to COMPLETED when the
 * deciding association has made the correction.
 */
export const PRIVACY_REQUEST_STATUSES = ['RECEIVED', 'APPROVED', 'REJECTED', 'COMPLETED'] as const;
export type PrivacyRequestStatus = (typeof PRIVACY_REQUEST_STATUSES)[number];

/** A privacy request filed by (or for) a physician. */
@Entity({ name: 'privacy_request' })
@Index('privacy_request_person_idx', ['personId', 'filedAt'])
export class PrivacyRequestEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'text' })
  kind: PrivacyRequestKind;

  @Column({ type: 'text', default: 'RECEIVED' })
  status: PrivacyRequestStatus;

  /** What the person asks for (for a correction: which data and the correct value). */
  @Column({ type: 'text', nullable: true })
  details: string | null;

  /**
   * Who decides: for a correction the person's member associations at filing time; for a
   * disclosure or erasure the JMA (the party responsible for MAMIS data, terms art. 5.4 / 8.2).
   */
  @Column({ name: 'routed_association_ids', type: 'uuid', array: true })
  routedAssociationIds: string[];

  @Column({ name: 'filed_at', type: 'timestamptz' })
  filedAt: Date;

  /** Token subject that filed it (the physician, their assistant, or staff acting for them). */
  @Column({ name: 'filed_by', type: 'text' })
  filedBy: string;

  /** The date the answer is due (Asia/Tokyo): filing date + PRIVACY_REQUEST_DUE_DAYS. */
  @Column({ name: 'due_on', type: 'date' })
  dueOn: string;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'deciding_association_id', type: 'uuid', nullable: true })
  decidingAssociationId: string | null;

  /** The reason given with the decision (always for a rejection). */
  @Column({ name: 'decision_note', type: 'text', nullable: true })
  decisionNote: string | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @VersionColumn({ type: 'integer', default: 1 })
  version: number;
}
