import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A one-time password-reset token sent by e-mail. Only its SHA-256 is stored; it expires after
 * 30 minutes, is used once, and a newer token (or a completed reset) invalidates the others.
 */
@Entity({ name: 'password_reset_token' })
export class PasswordResetTokenEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Index()
  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  /** SHA-256 (base64url) of the 256-bit token. */
  @Index({ unique: true })
  @Column({ name: 'token_hash', type: 'text' })
  tokenHash: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  /** Set when used, or when invalidated by a newer token or a completed reset. */
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
