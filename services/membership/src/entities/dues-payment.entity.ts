import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DuesInvoiceEntity } from './dues-invoice.entity';

export type DuesPaymentMethod = 'MANUAL' | 'BANK_TRANSFER';

/** A payment against one invoice, recorded by staff or by a bank-transfer CSV import. */
@Entity({ name: 'dues_payment' })
@Index('dues_payment_invoice_idx', ['invoiceId'])
@Index('dues_payment_person_idx', ['personId'])
// a bank transaction is applied at most once (a re-imported statement reports ALREADY_IMPORTED)
@Index('dues_payment_bank_transaction_key', ['associationId', 'bankTransactionId'], {
  unique: true,
  where: 'bank_transaction_id IS NOT NULL',
})
export class DuesPaymentEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'invoice_id', type: 'uuid' })
  invoiceId: string;

  @ManyToOne(() => DuesInvoiceEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'invoice_id' })
  invoice?: DuesInvoiceEntity;

  @Column({ name: 'association_id', type: 'uuid' })
  associationId: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'amount_yen', type: 'integer' })
  amountYen: number;

  @Column({ name: 'paid_on', type: 'date' })
  paidOn: string;

  @Column({ type: 'text' })
  method: DuesPaymentMethod;

  @Column({ name: 'bank_transaction_id', type: 'text', nullable: true })
  bankTransactionId: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
