import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TrainingSessionEntity } from './training-session.entity';

export type AttendanceStatus = 'REGISTERED' | 'WAITLISTED' | 'ATTENDED' | 'CANCELLED';
/** How attendance was recorded: by host staff one by one, by a CSV import, or self check-in. */
export type CheckInMethod = 'STAFF' | 'CSV' | 'SELF_CHECK_IN';

/** A person's registration for / attendance at one session. */
@Entity({ name: 'attendance' })
@Index('attendance_session_person_uq', ['sessionId', 'personId'], { unique: true })
@Index('attendance_session_status_idx', ['sessionId', 'status', 'registeredAt'])
export class AttendanceEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @ManyToOne(() => TrainingSessionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id' })
  session?: TrainingSessionEntity;

  @Index()
  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'text' })
  status: AttendanceStatus;

  @Column({ name: 'attended_at', type: 'timestamptz', nullable: true })
  attendedAt: Date | null;

  @Column({ type: 'numeric', precision: 5, scale: 1, default: 0 })
  units: string;

  /** When the person (re-)registered: the waiting list is served in this order. */
  @Column({ name: 'registered_at', type: 'timestamptz', default: () => 'now()' })
  registeredAt: Date;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ name: 'check_in_method', type: 'text', nullable: true })
  checkInMethod: CheckInMethod | null;

  /** Token subject of whoever recorded the attendance. */
  @Column({ name: 'recorded_by', type: 'text', nullable: true })
  recordedBy: string | null;

  /**
   * The code printed on the attendance certificate (受講証明書) for verifyCertificate: set when the
   * first certificate document is made (XXXX-XXXX-XXXX, the certificates' alphabet).
   */
  @Index('attendance_verification_code_uq', { unique: true, where: 'verification_code IS NOT NULL' })
  @Column({ name: 'verification_code', type: 'text', nullable: true })
  verificationCode: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
