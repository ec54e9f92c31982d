import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type AccountKind = 'PHYSICIAN' | 'STAFF' | 'ASSISTANT';
export type StaffRole = 'ADMIN' | 'CLERK' | 'VIEWER';
/** ACTIVE, SUSPENDED (terms art. 8, reversible), ENDED (left / deceased / breach), INVITED (assistant not yet set up). */
export type AccountStatus = 'ACTIVE' | 'SUSPENDED' | 'ENDED' | 'INVITED';
/**
 * Why an account is not ACTIVE (terms art. 8.1), when the lifecycle rule decided it or the JMA
 * suspended it for a breach: DECEASED (ENDED, never reinstated by the rule), LEFT (left every
 * association and has no training record: SUSPENDED, reinstated when they join again), BREACH
 * (SUSPENDED by a JMA administrator, reinstated only by one). null: any other status change.
 */
export type StatusCause = 'DECEASED' | 'LEFT' | 'BREACH';

/**
 * A login. PHYSICIAN → person; STAFF → one association with a role; ASSISTANT → a grantor account
 * (see assistant_grant). `sysadmin` marks a JMA system administrator.
 */
@Entity({ name: 'account' })
@Index('account_person_idx', ['personId'])
@Index('account_association_idx', ['associationId'])
export class AccountEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** Normalised (NFKC, trimmed, lower case). */
  @Index({ unique: true })
  @Column({ type: 'text' })
  username: string;

  @Column({ type: 'text' })
  kind: AccountKind;

  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId: string | null;

  @Column({ name: 'association_id', type: 'uuid', nullable: true })
  associationId: string | null;

  @Column({ type: 'text', nullable: true })
  role: StaffRole | null;

  @Column({ type: 'boolean', default: false })
  sysadmin: boolean;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  /** argon2id PHC string; null until an invited assistant sets a password. */
  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash: string | null;

  /** TOTP secret, AES-256-GCM sealed with the data key (never stored in clear). */
  @Column({ name: 'totp_secret_sealed', type: 'text', nullable: true })
  totpSecretSealed: string | null;

  /** Last accepted TOTP time step (a code is accepted once). */
  @Column({ name: 'totp_last_step', type: 'bigint', nullable: true })
  totpLastStep: string | null;

  @Column({ type: 'text', default: 'ACTIVE' })
  status: AccountStatus;

  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason: string | null;

  @Column({ name: 'status_changed_at', type: 'timestamptz', nullable: true })
  statusChangedAt: Date | null;

  @Column({ name: 'status_changed_by', type: 'uuid', nullable: true })
  statusChangedBy: string | null;

  @Column({ name: 'status_cause', type: 'text', nullable: true })
  statusCause: StatusCause | null;

  /** The last completed sign-in (password and, where required, the second factor). */
  @Column({ name: 'last_sign_in_at', type: 'timestamptz', nullable: true })
  lastSignInAt: Date | null;

  /** Created by the demo data set (production refuses to start while any exists). */
  @Column({ type: 'boolean', default: false })
  demo: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
