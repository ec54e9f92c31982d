import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** oidc-provider's storage (its adapter): sessions, interactions, grants, codes, refresh tokens. */
@Entity({ name: 'oidc_payload' })
@Index('oidc_payload_grant_idx', ['grantId'])
@Index('oidc_payload_uid_idx', ['uid'])
@Index('oidc_payload_account_idx', ['accountId'])
@Index('oidc_payload_expires_idx', ['expiresAt'])
export class OidcPayloadEntity {
  @PrimaryColumn({ type: 'text' })
  model: string;

  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ name: 'grant_id', type: 'text', nullable: true })
  grantId: string | null;

  @Column({ name: 'user_code', type: 'text', nullable: true })
  userCode: string | null;

  @Column({ type: 'text', nullable: true })
  uid: string | null;

  /** payload.accountId, so every artifact of an account can be revoked at once (suspension). */
  @Column({ name: 'account_id', type: 'text', nullable: true })
  accountId: string | null;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'consumed_at', type: 'timestamptz', nullable: true })
  consumedAt: Date | null;
}
