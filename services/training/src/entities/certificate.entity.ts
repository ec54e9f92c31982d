import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A certificate (認定証 / 修了証) issued on an approved application. */
@Entity({ name: 'certificate' })
@Index('certificate_number_uq', ['number'], { unique: true })
@Index('certificate_verification_code_uq', ['verificationCode'], { unique: true })
@Index('certificate_person_idx', ['personId'])
@Index('certificate_valid_to_idx', ['validTo'])
export class CertificateEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  number: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'program_code', type: 'text' })
  programCode: string;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  @Column({ name: 'valid_to', type: 'date' })
  validTo: string;

  /** The name printed on the certificate (what public verification shows). */
  @Column({ name: 'holder_name', type: 'text' })
  holderName: string;

  /** The code printed on the certificate for public verification. */
  @Column({ name: 'verification_code', type: 'text' })
  verificationCode: string;

  /** The issuing association (the JMA for JMA programs). */
  @Column({ name: 'issuer_association_id', type: 'uuid' })
  issuerAssociationId: string;

  @Column({ name: 'application_id', type: 'uuid', nullable: true })
  applicationId: string | null;

  @Column({ name: 'issued_by', type: 'text' })
  issuedBy: string;

  @CreateDateColumn({ name: 'issued_at', type: 'timestamptz' })
  issuedAt: Date;
}
