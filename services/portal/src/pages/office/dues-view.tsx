import { Arrears } from './dues/arrears';
import { InvoiceDocuments } from './dues/invoice-documents';
import { InvoiceRun } from './dues/invoice-run';
import { PaymentImport } from './dues/payment-import';

/**
 * 会費: the invoice run (a dry run lists what it would invoice, then the run), bank CSV import,
 * arrears with reminders (督促: preview, then the letters, recorded), and invoice and receipt PDFs.
 * Every apply sends the idempotency key made with its preview: a double press runs once.
 */
export function DuesView({ associationId }: { associationId: string }) {
  return (
    <>
      <InvoiceRun associationId={associationId} />
      <PaymentImport associationId={associationId} />
      <Arrears associationId={associationId} />
      <InvoiceDocuments associationId={associationId} />
    </>
  );
}
