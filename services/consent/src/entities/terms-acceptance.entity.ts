import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TermsVersionEntity } from './terms-version.entity';

/** A person's acceptance of one terms version (append-only). */
@Entity({ name: 'terms_acceptance' })
@Index('terms_acceptance_person_idx', ['personId', 'acceptedAt'])
export class TermsAcceptanceEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'terms_version_id', type: 'uuid' })
  termsVersionId: string;

  @ManyToOne(() => TermsVersionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'terms_version_id' })
  termsVersion?: TermsVersionEntity;

  @Column({ name: 'accepted_at', type: 'timestamptz' })
  acceptedAt: Date;

  /** How: LOGIN_PAGE, MIGRATION, … */
  @Column({ type: 'text' })
  method: string;
}
