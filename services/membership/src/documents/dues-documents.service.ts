import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  actingAccountOf,
  clock,
  runAsSystem,
  writeAuditBatch,
  type AccessRecord,
  type Logger,
  type Relation,
  type Viewer,
} from '@mamis/platform';
import type { DuesInvoiceEntity } from '../entities';
import { dueDateOf } from '../dues/fee-rules';
import { formatPostalCode, printable } from '../mailing/mailing-file';
import type { DuesDocumentLinkClaims, DuesDocumentLinks } from './dues-document-link';
import { renderDuesPdf, type DuesPage } from './dues-pdf';

/** The gateway path dues documents are downloaded from (proxied to the membership service). */
export const DUES_DOCUMENTS_PREFIX = '/dues-documents/';

/** What `DuesInvoice.invoiceDocument` / `receiptDocument` return. */
export interface DocumentDownload {
  path: string;
  expiresAt: Date;
  fileName: string;
  contentType: string;
}

const FILE_STEM = { I: 'invoice', R: 'receipt' } as const;

/**
 * Invoices (請求書) and receipts (領収書) as PDFs: signed short-lived links for viewers who may
 * read the invoice (the field checks the DUES scope before issuing one), and the rendering behind
 * the download route. The download is audited like the read (the physician's own downloads, like
 * their own reads, are not recorded; staff's, an assistant's and acting on behalf are).
 */
export class DuesDocuments {
  constructor(
    private readonly ds: DataSource,
    private readonly links: DuesDocumentLinks,
    private readonly opts: { ttlSeconds: number; log: Logger },
  ) {}

  link(
    kind: 'I' | 'R',
    invoice: DuesInvoiceEntity,
    viewer: Viewer,
    relations: Iterable<Relation>,
  ): DocumentDownload {
    return this.links.download(
      DUES_DOCUMENTS_PREFIX,
      {
        kind,
        id: invoice.id,
        personId: invoice.personId,
        fileName: `${FILE_STEM[kind]}-${invoice.reference}.pdf`,
      },
      viewer,
      relations,
      this.opts.ttlSeconds,
    );
  }

  /** The page a verified link stands for (read as the system: the link holds the decision). */
  private page(claims: DuesDocumentLinkClaims): Promise<{ page: DuesPage; reference: string } | null> {
    return runAsSystem(async () => {
      const [row] = (await this.ds.query(
        `SELECT i.reference, i.fiscal_year, i.category_code, i.months, i.amount_yen, i.paid_yen, i.status,
                i.issued_on::text AS issued_on, i.person_id::text AS person_id,
                a.name AS association_name, p.family_name, p.given_name, p.postal_code, p.address
         FROM membership.dues_invoice i
         JOIN membership.association a ON a.id = i.association_id
         JOIN membership.person p ON p.id = i.person_id
         WHERE i.id = $1`,
        [claims.id],
      )) as {
        reference: string;
        fiscal_year: number;
        category_code: string;
        months: number;
        amount_yen: number;
        paid_yen: number;
        status: string;
        issued_on: string;
        person_id: string;
        association_name: string;
        family_name: string;
        given_name: string;
        postal_code: string | null;
        address: string | null;
      }[];
      if (!row || row.person_id !== claims.personId || row.status === 'EXEMPT') return null;
      if (claims.kind === 'R' && (row.status !== 'PAID' || row.amount_yen === 0)) return null;
      const payments =
        claims.kind === 'R'
          ? ((await this.ds.query(
              `SELECT paid_on::text AS "paidOn", amount_yen AS "amountYen" FROM membership.dues_payment
               WHERE invoice_id = $1 ORDER BY paid_on, created_at`,
              [claims.id],
            )) as { paidOn: string; amountYen: number }[])
          : undefined;
      return {
        reference: row.reference,
        page: {
          kind: claims.kind === 'I' ? 'INVOICE' : 'RECEIPT',
          associationName: row.association_name,
          memberName: `${printable(row.family_name)} ${printable(row.given_name)}`,
          postalCode: row.postal_code ? formatPostalCode(row.postal_code) : null,
          address: printable(row.address) || null,
          documentDate: claims.kind === 'I' ? row.issued_on : clock.today(),
          items: [
            {
              reference: row.reference,
              fiscalYear: row.fiscal_year,
              categoryCode: row.category_code,
              months: row.months,
              amountYen: row.amount_yen,
              paidYen: row.paid_yen,
              issuedOn: row.issued_on,
              dueOn: dueDateOf(row.issued_on),
              payments,
            },
          ],
        },
      };
    });
  }

  /**
   * The PDF behind a verified link, after the download is audited (fail closed: no audit, no
   * document). Null when the invoice is gone or no longer qualifies (a receipt of an unpaid one).
   */
  async download(claims: DuesDocumentLinkClaims): Promise<{ fileName: string; pdf: Buffer } | null> {
    const found = await this.page(claims);
    if (!found) return null;
    const viewer = { ...claims.viewer, scopes: [] } as Viewer;
    const relations = new Set(claims.relations);
    const read: AccessRecord = { personId: claims.personId, group: 'DUES', relations: [...relations] };
    if (!(relations.has('SELF') && !viewer.actor))
      await runAsSystem(() =>
        writeAuditBatch(
          this.ds,
          {
            requestId: randomUUID(),
            service: 'membership',
            operation: claims.kind === 'I' ? 'download:dues-invoice-pdf' : 'download:dues-receipt-pdf',
            viewer,
          },
          [read],
        ),
      );
    this.opts.log.info(
      {
        audit: 'document_download',
        kind: claims.kind,
        id: claims.id,
        by: actingAccountOf(viewer) ?? undefined,
      },
      'dues document downloaded',
    );
    const pdf = await renderDuesPdf([found.page], {
      title: `${found.page.kind === 'INVOICE' ? '会費請求書' : '領収書'} ${found.reference}`,
      author: found.page.associationName,
    });
    return { fileName: `${FILE_STEM[claims.kind]}-${found.reference}.pdf`, pdf };
  }
}
