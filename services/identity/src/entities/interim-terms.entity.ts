import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * INTERIM: terms versions and acceptances kept in the identity schema until the consent subgraph
 * serves them (see terms/terms-gateway.ts). Not the system of record once consent lands.
 */
@Entity({ name: 'interim_terms_version' })
export class InterimTermsVersionEntity {
  @PrimaryColumn({ type: 'text' })
  version: string;

  @Column({ name: 'title_ja', type: 'text' })
  titleJa: string;

  @Column({ name: 'body_ja', type: 'text' })
  bodyJa: string;

  @Column({ name: 'title_en', type: 'text' })
  titleEn: string;

  @Column({ name: 'body_en', type: 'text' })
  bodyEn: string;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom: string;
}

@Entity({ name: 'interim_terms_acceptance' })
@Index('interim_terms_acceptance_account_idx', ['accountId', 'acceptedAt'])
export class InterimTermsAcceptanceEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @Column({ type: 'text' })
  version: string;

  @CreateDateColumn({ name: 'accepted_at', type: 'timestamptz' })
  acceptedAt: Date;
}
