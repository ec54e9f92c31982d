import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export type CertificationStepKind = 'FILE' | 'CHECK' | 'APPROVE';
export type CertificationDecision = 'FILED' | 'PASSED' | 'RETURNED' | 'APPROVED' | 'REJECTED';

/** One recorded step of a certification application (who did what, when). Append-only. */
@Entity({ name: 'certification_step' })
@Index('certification_step_application_idx', ['applicationId', 'decidedAt'])
export class CertificationStepEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'text' })
  step: CertificationStepKind;

  @Column({ type: 'text' })
  decision: CertificationDecision;

  /** The deciding association (null: filed by the person). */
  @Column({ name: 'association_id', type: 'uuid', nullable: true })
  associationId: string | null;

  @Column({ name: 'decided_by', type: 'text' })
  decidedBy: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ name: 'decided_at', type: 'timestamptz' })
  decidedAt: Date;
}
