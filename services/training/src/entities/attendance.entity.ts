import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TrainingSessionEntity } from './training-session.entity';

export type AttendanceStatus = 'REGISTERED' | 'WAITLISTED' | 'ATTENDED' | 'CANCELLED';

/** A person's registration for / attendance at one session. */
@Entity({ name: 'attendance' })
@Index('attendance_session_person_uq', ['sessionId', 'personId'], { unique: true })
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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
