import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { InsuranceStatus } from './insurance-enrolment.entity';

/** What a change is about: the policy itself or its rider (特約保険). */
export type InsuranceSubject = 'POLICY' | 'RIDER';
/** Who caused it: JMA staff, the insurer's list import, or a JMA membership event. */
export type InsuranceChangeSource = 'STAFF' | 'IMPORT' | 'MEMBERSHIP';

/** The append-only status history of an enrolment and its rider (never updated or deleted). */
@Entity({ name: 'insurance_status_change' })
@Index('insurance_status_change_enrolment_idx', ['enrolmentId', 'recordedAt'])
export class InsuranceStatusChangeEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'enrolment_id', type: 'uuid' })
  enrolmentId: string;

  @Index()
  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'text' })
  subject: InsuranceSubject;

  @Column({ type: 'text' })
  status: InsuranceStatus;

  /** The JMA category at the change (POLICY). */
  @Column({ type: 'text', nullable: true })
  category: string | null;

  /** The rider's coverage after the change (RIDER), integer yen. */
  @Column({ name: 'coverage_yen', type: 'integer', nullable: true })
  coverageYen: number | null;

  @Column({ name: 'effective_on', type: 'date' })
  effectiveOn: string;

  @Column({ type: 'text' })
  source: InsuranceChangeSource;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** The membership event that caused it (source MEMBERSHIP). */
  @Column({ name: 'event_id', type: 'uuid', nullable: true })
  eventId: string | null;

  /** The account (token subject) that made it, or `system`. */
  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
