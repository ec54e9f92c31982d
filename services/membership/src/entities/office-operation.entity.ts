import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** What a long office operation does. */
export type OfficeOperationKind = 'INVOICE_RUN' | 'PAYMENT_IMPORT';
export type OfficeOperationStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED';

/** What an operation did, for the office's list (counts only: no person data). */
export interface OfficeOperationSummary {
  fiscalYear?: number;
  created?: number;
  exempt?: number;
  existing?: number;
  skipped?: number;
  totalRows?: number;
  matched?: number;
  unmatched?: number;
  matchedAmountYen?: number;
}

/**
 * A long operation of an association office (処理状況): an invoice run or an applied bank import.
 * Committed as RUNNING before the work starts, its progress written from outside the work's
 * transaction (readers see it move), its final status set when the work commits or rolls back.
 * One per (kind, actor, idempotency key): the same key pressed twice finds this record.
 */
@Entity({ name: 'office_operation' })
@Index('office_operation_association_idx', ['associationId', 'startedAt'])
@Index('office_operation_key_idx', ['kind', 'actor', 'idempotencyKey'], {
  unique: true,
  where: 'idempotency_key IS NOT NULL',
})
export class OfficeOperationEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** The association whose office started it. */
  @Column({ name: 'association_id', type: 'uuid' })
  associationId: string;

  /** The staff account (token subject; the acting staff member when acting for someone). */
  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'text' })
  kind: OfficeOperationKind;

  /** The client's idempotency key (null: a run without one). */
  @Column({ name: 'idempotency_key', type: 'text', nullable: true })
  idempotencyKey: string | null;

  @Column({ type: 'text' })
  status: OfficeOperationStatus;

  /** Units of work (invoices to create, payments to record); null until known. */
  @Column({ type: 'integer', nullable: true })
  total: number | null;

  @Column({ type: 'integer', default: 0 })
  done: number;

  /** What it did (SUCCEEDED). */
  @Column({ type: 'jsonb', nullable: true })
  summary: OfficeOperationSummary | null;

  /** Why it failed (FAILED): a catalogue message, Japanese first. */
  @Column({ type: 'text', nullable: true })
  message: string | null;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
