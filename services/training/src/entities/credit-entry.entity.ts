import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TrainingSessionEntity } from './training-session.entity';

/** Where a credit entry comes from: attendance at a session, or a manual entry with evidence. */
export type CreditSource = 'SESSION' | 'MANUAL';

/**
 * One line of the append-only credit ledger (単位履歴): units a person earned in a program, by
 * curriculum code (CME カリキュラムコード) or category (e.g. occupational physician 前期/実地/後期).
 * Rows are never updated or deleted (a database trigger refuses it); a correction is a new entry
 * with negative units that points at the entry it reverses (`reverses_entry_id`, at most once).
 */
@Entity({ name: 'credit_entry' })
@Index('credit_entry_person_program_idx', ['personId', 'programCode', 'earnedOn'])
@Index('credit_entry_session_idx', ['sessionId'])
@Index('credit_entry_reverses_uq', ['reversesEntryId'], { unique: true })
@Check('credit_entry_half_units', `"units" * 2 = trunc("units" * 2) AND "units" <> 0`)
@Check(
  'credit_entry_source',
  `("source" = 'SESSION' AND "session_id" IS NOT NULL) OR ("source" = 'MANUAL' AND "evidence" IS NOT NULL)`,
)
export class CreditEntryEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  /** Program code: CME, OCCUPATIONAL, SPORTS, FAMILY_DOCTOR, OWN (an association's own), … */
  @Column({ name: 'program_code', type: 'text' })
  programCode: string;

  /** Curriculum code (CME: '1'..'84') or category (e.g. EARLY_STAGE, PRACTICAL, LATE_STAGE). */
  @Column({ type: 'text' })
  code: string;

  /** Units in 0.5 steps; negative only in a reversing entry. */
  @Column({ type: 'numeric', precision: 5, scale: 1 })
  units: string;

  /** The date the units count for (fiscal-year windows use it), Asia/Tokyo. */
  @Column({ name: 'earned_on', type: 'date' })
  earnedOn: string;

  @Column({ type: 'text' })
  source: CreditSource;

  @Column({ name: 'session_id', type: 'uuid', nullable: true })
  sessionId: string | null;

  @ManyToOne(() => TrainingSessionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id' })
  session?: TrainingSessionEntity;

  /** MANUAL: what the entry rests on (e.g. 'paper logbook 2019-2024, p. 3'); reversal: the reason. */
  @Column({ type: 'text', nullable: true })
  evidence: string | null;

  @Column({ name: 'reverses_entry_id', type: 'uuid', nullable: true })
  reversesEntryId: string | null;

  @ManyToOne(() => CreditEntryEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reverses_entry_id' })
  reverses?: CreditEntryEntity;

  /** Who recorded it (token subject; with the actor when acting on someone's behalf). */
  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy: string;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;
}
