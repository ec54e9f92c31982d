import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TermsVersionEntity } from './terms-version.entity';

/**
 * An account's acceptance of one terms version (append-only). `account_id` is the login of the
 * human who accepted (a physician, a staff member, an assistant, or the staff member acting on a
 * physician's behalf); `person_id` is set when that human is the physician themself. Rows carried
 * over from the previous system (MIGRATION) may have a person and no account yet.
 */
@Entity({ name: 'terms_acceptance' })
@Index('terms_acceptance_person_idx', ['personId', 'acceptedAt'])
@Index('terms_acceptance_account_idx', ['accountId', 'acceptedAt'])
export class TermsAcceptanceEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId: string | null;

  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId: string | null;

  /**
   * The account the human acts for when it is not their own: the physician (or staff member) who
   * granted an assistant its rights. An assistant's acceptance is the assistant's own (terms art.
   * 2.3, 2.5) and is recorded under `account_id`; this says for which account they use the system.
   */
  @Column({ name: 'principal_account_id', type: 'uuid', nullable: true })
  principalAccountId: string | null;

  @Column({ name: 'terms_version_id', type: 'uuid' })
  termsVersionId: string;

  @ManyToOne(() => TermsVersionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'terms_version_id' })
  termsVersion?: TermsVersionEntity;

  @Column({ name: 'accepted_at', type: 'timestamptz' })
  acceptedAt: Date;

  /** How: LOGIN_PAGE (identity's terms page), API (acceptTerms through the gateway), MIGRATION. */
  @Column({ type: 'text' })
  method: string;

  /** The OAuth client the acceptance came through (the application the person signed in to). */
  @Column({ name: 'client_id', type: 'text', nullable: true })
  clientId: string | null;
}
