/** 請求書・領収書: one invoice by its reference (e.g. at the counter), with its PDFs. */
import { useQuery } from '@apollo/client/react';
import { useId, useState } from 'react';
import { errorsOf, FormattedDate, Loading, PageError } from '../../../components';
import { FieldError } from '../../../components/dry-run-panel';
import { inputProblems } from '../../../lib/error-actions';
import { useI18n } from '../../../lib/i18n';
import { STATUS_NAMES, useNames } from '../office-names';
import { fullName, yen } from './dues-format';

import { InvoiceDocumentsQuery, InvoicePdfButton } from './invoice-pdf-button';

export function InvoiceDocuments({ associationId }: { associationId: string }) {
  const { t } = useI18n();
  const name = useNames();
  const id = useId();
  const [reference, setReference] = useState('');
  const [asked, setAsked] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const found = useQuery(InvoiceDocumentsQuery, {
    variables: { associationId, reference: asked ?? '' },
    skip: !asked,
    fetchPolicy: 'network-only',
  });
  const fieldProblem = inputProblems(errorsOf(found.error))['reference'];
  const shownProblem = problem ?? fieldProblem ?? null;
  const invoice = found.data?.duesInvoice;
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('duesDocumentsTitle')}</h2>
      <p className="lead">{t('duesDocumentsLead')}</p>
      {!fieldProblem && <PageError error={found.error} />}
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const r = reference.trim();
          if (!r) {
            setProblem(t('duesReferenceRequired'));
            return;
          }
          setProblem(null);
          setAsked(r);
        }}
      >
        <div className="form-field">
          <label htmlFor={`${id}-ref`}>{t('duesInvoiceReference')}</label>
          <input
            id={`${id}-ref`}
            inputMode="numeric"
            value={reference}
            aria-invalid={shownProblem ? true : undefined}
            aria-describedby={shownProblem ? `${id}-ref-error` : undefined}
            onChange={(e) => setReference(e.target.value)}
          />
          <FieldError id={`${id}-ref-error`} problem={shownProblem} />
        </div>
        <div className="actions">
          <button type="submit" className="button">
            {t('membersFind')}
          </button>
        </div>
      </form>
      {asked && found.loading && <Loading />}
      {asked && !found.loading && !found.error && !invoice && <p>{t('duesInvoiceNotFound')}</p>}
      {invoice && (
        <div data-testid="invoice-found">
          <dl className="fields">
            <dt>{t('name')}</dt>
            <dd>{fullName(invoice.person)}</dd>
            <dt>{t('fiscalYear')}</dt>
            <dd>{invoice.fiscalYear}</dd>
            <dt>{t('amountYen')}</dt>
            <dd>{yen(invoice.amountYen)}</dd>
            <dt>{t('outstandingYen')}</dt>
            <dd>{yen(invoice.outstandingYen)}</dd>
            <dt>{t('status')}</dt>
            <dd>{name(STATUS_NAMES, invoice.status)}</dd>
            <dt>{t('duesDueOn')}</dt>
            <dd>
              <FormattedDate value={invoice.dueOn} />
            </dd>
          </dl>
          <div className="actions">
            {invoice.invoiceDocument && (
              <InvoicePdfButton associationId={associationId} reference={invoice.reference} kind="invoice" />
            )}
            {invoice.receiptDocument && (
              <InvoicePdfButton associationId={associationId} reference={invoice.reference} kind="receipt" />
            )}
          </div>
        </div>
      )}
    </section>
  );
}
