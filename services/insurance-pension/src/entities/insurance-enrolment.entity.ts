import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export type InsuranceStatus = 'ENROLLED' | 'SUSPENDED' | 'ENDED';

/** JMA malpractice insurance (医師賠償責任保険) enrolment for one insurance year (from July 1). */
@Entity({ name: 'insurance_enrolment' })
@Index('insurance_enrolment_person_year_uq', ['personId', 'insuranceYear'], { unique: true })
export class InsuranceEnrolmentEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'insurance_year', type: 'smallint' })
  insuranceYear: number;

  @Column({ type: 'text' })
  category: string;

  @Column({ type: 'text' })
  status: InsuranceStatus;

  @Column({ name: 'enrolled_on', type: 'date' })
  enrolledOn: string;

  /** 特約保険 (rider). */
  @Column({ type: 'boolean', default: false })
  rider: boolean;

  /** Integer yen. */
  @Column({ name: 'rider_coverage_yen', type: 'integer', nullable: true })
  riderCoverageYen: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
