import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AssociationEntity } from './association.entity';
import { PersonEntity } from './person.entity';

export type DuesInvoiceStatus = 'OPEN' | 'PAID' | 'EXEMPT';

/**
 * One person's dues (会費) with one association for one fiscal year. Exactly one per (association,
 * person, fiscal year): the invoice run inserts with ON CONFLICT DO NOTHING on that unique key, so
 * running it twice creates nothing new.
 */
@Entity({ name: 'dues_invoice' })
@Index('dues_invoice_person_year_key', ['associationId', 'personId', 'fiscalYear'], { unique: true })
@Index('dues_invoice_reference_key', ['associationId', 'reference'], { unique: true })
@Index('dues_invoice_person_idx', ['personId'])
@Index('dues_invoice_arrears_idx', ['associationId', 'status', 'fiscalYear'])
export class DuesInvoiceEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'association_id', type: 'uuid' })
  associationId: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @ManyToOne(() => AssociationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'association_id' })
  association?: AssociationEntity;

  @ManyToOne(() => PersonEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id' })
  person?: PersonEntity;

  @Column({ name: 'fiscal_year', type: 'integer' })
  fiscalYear: number;

  @Column({ name: 'category_code', type: 'text' })
  categoryCode: string;

  /** The full-year fee of the schedule that applied (before proration and exemption). */
  @Column({ name: 'annual_fee_yen', type: 'integer' })
  annualFeeYen: number;

  /** Months billed (1–12): 12 unless the person joined during the fiscal year. */
  @Column({ name: 'months', type: 'smallint' })
  months: number;

  /** What is owed: floor(annual × months / 12); 0 when exempt. */
  @Column({ name: 'amount_yen', type: 'integer' })
  amountYen: number;

  @Column({ name: 'paid_yen', type: 'integer', default: 0 })
  paidYen: number;

  @Column({ type: 'text' })
  status: DuesInvoiceStatus;

  @Column({ name: 'exemption_rule_id', type: 'uuid', nullable: true })
  exemptionRuleId: string | null;

  /** The number the member quotes on a bank transfer (振込依頼人番号), unique per association. */
  @Column({ type: 'text' })
  reference: string;

  @Column({ name: 'issued_on', type: 'date' })
  issuedOn: string;

  @Column({ name: 'issued_by', type: 'text' })
  issuedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
