import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type InsuranceStatus = 'ENROLLED' | 'SUSPENDED' | 'ENDED';

/**
 * JMA malpractice insurance (医師賠償責任保険) enrolment for one insurance year (from July 1), with
 * its rider (特約保険). The current state; every change is appended to insurance_status_change.
 */
@Entity({ name: 'insurance_enrolment' })
@Index('insurance_enrolment_person_year_uq', ['personId', 'insuranceYear'], { unique: true })
export class InsuranceEnrolmentEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'insurance_year', type: 'smallint' })
  insuranceYear: number;

  /** The JMA membership category (the latest one while enrolled). */
  @Column({ type: 'text' })
  category: string;

  @Column({ type: 'text' })
  status: InsuranceStatus;

  @Column({ name: 'enrolled_on', type: 'date' })
  enrolledOn: string;

  /** The date the end took effect (status ENDED). */
  @Column({ name: 'ended_on', type: 'date', nullable: true })
  endedOn: string | null;

  /** 特約保険 (rider) in force. */
  @Column({ type: 'boolean', default: false })
  rider: boolean;

  /** Integer yen. */
  @Column({ name: 'rider_coverage_yen', type: 'integer', nullable: true })
  riderCoverageYen: number | null;

  /** Optimistic concurrency (updateVersioned). */
  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
