import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A version of the terms of use (利用規約), e.g. ver 1.01 of 2024-09-27. */
@Entity({ name: 'terms_version' })
export class TermsVersionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Index({ unique: true })
  @Column({ type: 'text' })
  version: string;

  @Column({ name: 'title_ja', type: 'text' })
  titleJa: string;

  @Column({ name: 'title_en', type: 'text' })
  titleEn: string;

  @Column({ name: 'body_ja', type: 'text' })
  bodyJa: string;

  @Column({ name: 'body_en', type: 'text' })
  bodyEn: string;

  @Index()
  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom: string;

  @Column({ name: 'requires_acceptance', type: 'boolean', default: true })
  requiresAcceptance: boolean;

  /** What changed (shown in the revision notice); null for the first version. */
  @Column({ name: 'summary_ja', type: 'text', nullable: true })
  summaryJa: string | null;

  @Column({ name: 'summary_en', type: 'text', nullable: true })
  summaryEn: string | null;

  /** The JMA administrator's account that published it (null: installed defaults, seed). */
  @Column({ name: 'published_by', type: 'uuid', nullable: true })
  publishedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
