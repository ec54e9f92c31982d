import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An assistant (補助者, terms art. 2.3) authorised by a grantor (physician or staff) with a subset
 * of the grantor's rights (scopes) and an optional expiry. Revocation is immediate.
 */
@Entity({ name: 'assistant_grant' })
export class AssistantGrantEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Index({ unique: true })
  @Column({ name: 'assistant_account_id', type: 'uuid' })
  assistantAccountId: string;

  @Index()
  @Column({ name: 'grantor_account_id', type: 'uuid' })
  grantorAccountId: string;

  @Column({ type: 'text', array: true })
  scopes: string[];

  /** Indexed: the revocation feed lists grants that expired in the last minutes. */
  @Index('assistant_grant_expires_idx')
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** SHA-256 of the one-time invitation token (cleared once used). */
  @Index({ unique: true })
  @Column({ name: 'invitation_hash', type: 'text', nullable: true })
  invitationHash: string | null;

  @Column({ name: 'invitation_expires_at', type: 'timestamptz', nullable: true })
  invitationExpiresAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
