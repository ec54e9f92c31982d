import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CertificationKind } from './certification-rule.entity';

export type CertificationApplicationStatus = 'FILED' | 'CHECKED' | 'APPROVED' | 'REJECTED';

/**
 * A certification application (認定申請, new or renewal): filed by the physician, checked by the
 * prefectural association (都道府県医師会), approved by the JMA, which issues the certificate.
 */
@Entity({ name: 'certification_application' })
@Index('certification_application_person_idx', ['personId'])
@Index('certification_application_status_idx', ['status', 'prefecturalAssociationId'])
export class CertificationApplicationEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'program_code', type: 'text' })
  programCode: string;

  @Column({ type: 'text' })
  kind: CertificationKind;

  @Column({ type: 'text' })
  status: CertificationApplicationStatus;

  /** The association that checks it: the person's prefectural association. */
  @Column({ name: 'prefectural_association_id', type: 'uuid' })
  prefecturalAssociationId: string;

  /** The name as it is to be printed on the certificate (checked by the prefecture). */
  @Column({ name: 'holder_name', type: 'text' })
  holderName: string;

  /** Proof the rule asks for beyond credits (e.g. practical activity), as filed. */
  @Column({ type: 'text', nullable: true })
  evidence: string | null;

  /** The progress computed when filed (what the checker looks at). */
  @Column({ name: 'progress_snapshot', type: 'jsonb' })
  progressSnapshot: Record<string, unknown>;

  /** The certificate being renewed (RENEWAL). */
  @Column({ name: 'renews_certificate_id', type: 'uuid', nullable: true })
  renewsCertificateId: string | null;

  @Column({ name: 'certificate_id', type: 'uuid', nullable: true })
  certificateId: string | null;

  @Column({ name: 'filed_by', type: 'text' })
  filedBy: string;

  @CreateDateColumn({ name: 'filed_at', type: 'timestamptz' })
  filedAt: Date;

  /** Optimistic concurrency (updateVersioned): each step bumps it. */
  @Column({ type: 'integer', default: 1 })
  version: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
