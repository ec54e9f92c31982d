import { useApolloClient, useQuery } from '@apollo/client/react';
import { errorsOf, FormattedDate, Guarded, Loading } from '../components';
import { DocumentButton } from '../components/document-button';
import { graphql } from '../gql';
import { forbiddenPaths } from '../lib/error-actions';
import { useI18n } from '../lib/i18n';
import { NoPerson } from '../components/no-person-notice';
import { useMyText } from './my-page-messages';

// ---------------------------------------------------------------------------------------------
// Insurance (医師賠償責任保険) and pension (医師年金)

const MyInsuranceQuery = graphql(`
  query MyInsurance {
    me {
      id
      familyName
      givenName
      malpracticeInsurance {
        id
        insuranceYear
        category
        status
        enrolledOn
        endedOn
        rider
        riderCoverageYen
      }
      malpracticeInsuranceHistory {
        id
        insuranceYear
        category
        status
        enrolledOn
        endedOn
      }
      pension {
        id
        plan
        status
        contributionStatus
        enrolledOn
        withdrawnOn
        monthlyContributionYen
        contributionsEndOn
      }
    }
  }
`);

export function InsuranceView() {
  const { t } = useI18n();
  const { tm, tmOr, yen } = useMyText();
  const { data, loading, error } = useQuery(MyInsuranceQuery);
  const forbidden = forbiddenPaths(errorsOf(error));
  const me = data?.me;
  if (loading && !data) return <Loading />;
  if (!me) return <NoPerson error={error} />;
  const ins = me.malpracticeInsurance;
  const pension = me.pension;
  return (
    <>
      <section className="card" aria-labelledby="insurance-heading">
        <h2 id="insurance-heading">{tm('insuranceTitle')}</h2>
        <Guarded forbidden={forbidden} path="me.malpracticeInsurance">
          {!ins ? (
            <p>{tm('notEnrolled')}</p>
          ) : (
            <dl className="fields" data-testid="insurance">
              <dt>{tm('insuranceYear')}</dt>
              <dd>{tm('insuranceYearValue', { year: ins.insuranceYear })}</dd>
              <dt>{t('status')}</dt>
              <dd>{tmOr(ins.status)}</dd>
              <dt>{t('category')}</dt>
              <dd>{ins.category}</dd>
              <dt>{tm('enrolledOn')}</dt>
              <dd>
                <FormattedDate value={ins.enrolledOn} />
              </dd>
              {ins.endedOn && (
                <>
                  <dt>{tm('endedOn')}</dt>
                  <dd>
                    <FormattedDate value={ins.endedOn} />
                  </dd>
                </>
              )}
              <dt>{tm('rider')}</dt>
              <dd>
                {ins.rider && ins.riderCoverageYen != null ? yen(ins.riderCoverageYen) : tm('riderNone')}
              </dd>
            </dl>
          )}
        </Guarded>
        <h3>{tm('insuranceHistory')}</h3>
        <Guarded forbidden={forbidden} path="me.malpracticeInsuranceHistory">
          {(me.malpracticeInsuranceHistory ?? []).length === 0 ? (
            <p>{t('none')}</p>
          ) : (
            <ul className="plain-list">
              {(me.malpracticeInsuranceHistory ?? []).map((e) => (
                <li key={e.id}>
                  {tm('insuranceYearValue', { year: e.insuranceYear })}: {tmOr(e.status)}（{e.category}）{' '}
                  <FormattedDate value={e.enrolledOn} />
                  {e.endedOn && (
                    <>
                      {' '}
                      〜 <FormattedDate value={e.endedOn} />
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Guarded>
      </section>
      <section className="card" aria-labelledby="pension-heading">
        <h2 id="pension-heading">{tm('pensionTitle')}</h2>
        <Guarded forbidden={forbidden} path="me.pension">
          {!pension ? (
            <p>{tm('notEnrolled')}</p>
          ) : (
            <dl className="fields" data-testid="pension">
              <dt>{tm('pensionPlan')}</dt>
              <dd>{tmOr(pension.plan)}</dd>
              <dt>{t('status')}</dt>
              <dd>{tmOr(pension.status)}</dd>
              <dt>{tm('pensionContribution')}</dt>
              <dd>{tmOr(pension.contributionStatus)}</dd>
              <dt>{tm('monthlyContribution')}</dt>
              <dd>{yen(pension.monthlyContributionYen)}</dd>
              <dt>{tm('enrolledOn')}</dt>
              <dd>
                <FormattedDate value={pension.enrolledOn} />
              </dd>
              <dt>{tm('contributionsEndOn')}</dt>
              <dd>
                <FormattedDate value={pension.contributionsEndOn} />
              </dd>
              {pension.withdrawnOn && (
                <>
                  <dt>{tm('withdrawnOn')}</dt>
                  <dd>
                    <FormattedDate value={pension.withdrawnOn} />
                  </dd>
                </>
              )}
            </dl>
          )}
        </Guarded>
      </section>
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// Dues: invoices and payments

const MyDuesQuery = graphql(`
  query MyDues {
    me {
      id
      familyName
      givenName
      dues {
        id
        fiscalYear
        categoryCode
        amountYen
        paidYen
        outstandingYen
        status
        reference
        issuedOn
        association {
          id
          name
        }
        payments {
          id
          amountYen
          paidOn
          method
        }
      }
    }
  }
`);

/** Fresh invoice and receipt links (asked for at the click: a link is not kept). */
const MyDuesDocumentsQuery = graphql(`
  query MyDuesDocuments {
    me {
      id
      dues {
        id
        invoiceDocument {
          path
        }
        receiptDocument {
          path
        }
      }
    }
  }
`);

/** The invoice's or receipt's PDF of one of my invoices. */
function MyDuesDocument({
  invoiceId,
  kind,
  label,
}: {
  invoiceId: string;
  kind: 'invoice' | 'receipt';
  label: string;
}) {
  const client = useApolloClient();
  return (
    <DocumentButton
      label={label}
      testId={`my-${kind}-pdf-${invoiceId}`}
      fetchPath={async () => {
        const result = await client.query({ query: MyDuesDocumentsQuery, fetchPolicy: 'network-only' });
        const i = result.data?.me?.dues?.find((d) => d.id === invoiceId);
        return kind === 'invoice' ? i?.invoiceDocument?.path : i?.receiptDocument?.path;
      }}
    />
  );
}

export function DuesView() {
  const { t } = useI18n();
  const { tm, tmOr, yen } = useMyText();
  const { data, loading, error } = useQuery(MyDuesQuery);
  const forbidden = forbiddenPaths(errorsOf(error));
  const me = data?.me;
  if (loading && !data) return <Loading />;
  if (!me) return <NoPerson error={error} />;
  const invoices = [...(me.dues ?? [])].sort((a, b) => b.fiscalYear - a.fiscalYear);
  return (
    <>
      <section className="card" aria-labelledby="dues-heading">
        <h2 id="dues-heading">{tm('duesTitle')}</h2>
        <Guarded forbidden={forbidden} path="me.dues">
          {invoices.length === 0 ? (
            <p>{tm('noDues')}</p>
          ) : (
            <ul className="plain-list" data-testid="dues">
              {invoices.map((i) => (
                <li key={i.id} className="invoice">
                  <p>
                    <strong>
                      {i.association.name ?? '—'} {tm('fiscalYearValue', { year: i.fiscalYear })}
                    </strong>
                    （{t('category')}: {i.categoryCode}） — {tmOr(i.status)}
                  </p>
                  <dl className="fields">
                    <dt>{tm('amount')}</dt>
                    <dd>{yen(i.amountYen)}</dd>
                    <dt>{tm('paid')}</dt>
                    <dd>{yen(i.paidYen)}</dd>
                    <dt>{tm('outstanding')}</dt>
                    <dd>{yen(i.outstandingYen)}</dd>
                    <dt>{tm('reference')}</dt>
                    <dd>{i.reference}</dd>
                    <dt>{tm('issuedOn')}</dt>
                    <dd>
                      <FormattedDate value={i.issuedOn} />
                    </dd>
                  </dl>
                  {i.status !== 'EXEMPT' && (
                    <div className="actions">
                      <MyDuesDocument invoiceId={i.id} kind="invoice" label={t('duesInvoicePdf')} />
                      {i.status === 'PAID' && i.amountYen > 0 && (
                        <MyDuesDocument invoiceId={i.id} kind="receipt" label={t('duesReceiptPdf')} />
                      )}
                    </div>
                  )}
                  {i.payments.length > 0 && (
                    <>
                      <p className="meta">{tm('payments')}:</p>
                      <ul>
                        {i.payments.map((p) => (
                          <li key={p.id}>
                            <FormattedDate value={p.paidOn} /> {yen(p.amountYen)}（{tmOr(p.method)}）
                          </li>
                        ))}
                      </ul>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Guarded>
      </section>
    </>
  );
}
