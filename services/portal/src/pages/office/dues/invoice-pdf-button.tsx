import { useApolloClient } from '@apollo/client/react';
import { DocumentButton } from '../../../components/document-button';
import { graphql } from '../../../gql';
import { useI18n } from '../../../lib/i18n';

/** Fresh document links of one invoice (asked for at the click: a link is not kept). */
export const InvoiceDocumentsQuery = graphql(`
  query OfficeDuesInvoice($associationId: ID!, $reference: String!) {
    duesInvoice(associationId: $associationId, reference: $reference) {
      id
      fiscalYear
      categoryCode
      reference
      amountYen
      paidYen
      outstandingYen
      status
      issuedOn
      dueOn
      person {
        id
        familyName
        givenName
      }
      invoiceDocument {
        path
        fileName
      }
      receiptDocument {
        path
        fileName
      }
    }
  }
`);

/** Download the invoice's (or receipt's) PDF: a fresh link asked for at the click. */
export function InvoicePdfButton({
  associationId,
  reference,
  kind,
}: {
  associationId: string;
  reference: string;
  kind: 'invoice' | 'receipt';
}) {
  const { t } = useI18n();
  const client = useApolloClient();
  return (
    <DocumentButton
      label={t(kind === 'invoice' ? 'duesInvoicePdf' : 'duesReceiptPdf')}
      ariaLabel={`${t(kind === 'invoice' ? 'duesInvoicePdf' : 'duesReceiptPdf')}（${reference}）`}
      testId={`${kind}-pdf-${reference}`}
      fetchPath={async () => {
        const result = await client.query({
          query: InvoiceDocumentsQuery,
          variables: { associationId, reference },
          fetchPolicy: 'network-only',
        });
        const i = result.data?.duesInvoice;
        return kind === 'invoice' ? i?.invoiceDocument?.path : i?.receiptDocument?.path;
      }}
    />
  );
}
