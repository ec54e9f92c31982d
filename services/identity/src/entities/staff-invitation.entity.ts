import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A one-time invitation of a staff account (職員の招待) made by the association's ADMIN: the
 * invited clerk sets their password through it, then enrols their own second factor at the first
 * sign-in. Only the SHA-256 of the 256-bit token is stored; it expires (platform clock) after 7
 * days, is used once, and a newer invitation or disabling the account voids the earlier ones.
 */
@Entity({ name: 'staff_invitation' })
export class StaffInvitationEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Index('staff_invitation_account_idx')
  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  /** SHA-256 (base64url) of the token. */
  @Index('staff_invitation_token_idx', { unique: true })
  @Column({ name: 'token_hash', type: 'text' })
  tokenHash: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  /** Set when used, or when voided (a newer invitation, the account disabled). */
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  /** The ADMIN account that invited. */
  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
