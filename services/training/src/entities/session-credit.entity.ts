import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TrainingSessionEntity } from './training-session.entity';

/**
 * One credit line a session offers: units by curriculum code (CME カリキュラムコード) or by
 * category (e.g. occupational physician EARLY_STAGE / PRACTICAL / LATE_STAGE). Recording
 * attendance appends one credit-ledger entry per line.
 */
@Entity({ name: 'session_credit' })
@Index('session_credit_session_idx', ['sessionId'])
@Check('session_credit_half_units', `"units" > 0 AND "units" * 2 = trunc("units" * 2)`)
export class SessionCreditEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @ManyToOne(() => TrainingSessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: TrainingSessionEntity;

  /** Curriculum code (CME: '1'..'84') or category; what the ledger entry's `code` becomes. */
  @Column({ type: 'text' })
  code: string;

  /** CURRICULUM_CODE or CATEGORY. */
  @Column({ type: 'text' })
  kind: 'CURRICULUM_CODE' | 'CATEGORY';

  @Column({ type: 'numeric', precision: 5, scale: 1 })
  units: string;

  /** Display order within the session. */
  @Column({ type: 'integer', default: 0 })
  position: number;
}
