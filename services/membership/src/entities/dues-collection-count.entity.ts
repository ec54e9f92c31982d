import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Maintained dues collection per association, fiscal year and payment state (PAID: paid in full,
 * PARTIAL: paid in part, UNPAID: nothing paid) of its invoices with something to pay (exempt ¥0
 * invoices left out): the number of invoices, the yen invoiced and the yen collected (a payment
 * above the amount counts up to the amount). `Statistics.duesCollection` reads it instead of the
 * association's invoices (the JMA's ~180k at full scale). Kept by statement triggers on
 * membership.dues_invoice in the same transaction as every invoice run, payment, bank import and
 * cancellation (migration DuesCollectionCounts); the recount it must equal is in
 * `member-order.sql.ts`. Counts and sums only, no person column: outside row-level security.
 */
@Entity({ name: 'dues_collection_count' })
export class DuesCollectionCountEntity {
  @PrimaryColumn({ name: 'association_id', type: 'uuid' })
  associationId: string;

  @PrimaryColumn({ name: 'fiscal_year', type: 'integer' })
  fiscalYear: number;

  /** PAID, PARTIAL or UNPAID. */
  @PrimaryColumn({ name: 'payment_status', type: 'text' })
  paymentStatus: string;

  @Column({ type: 'integer' })
  invoices: number;

  @Column({ name: 'invoiced_yen', type: 'bigint' })
  invoicedYen: string;

  @Column({ name: 'collected_yen', type: 'bigint' })
  collectedYen: string;
}
