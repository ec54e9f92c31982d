import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One-time two-factor recovery codes (SHA-256 of high-entropy codes). */
@Entity({ name: 'recovery_code' })
export class RecoveryCodeEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Index()
  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @Column({ name: 'code_hash', type: 'text' })
  codeHash: string;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}
