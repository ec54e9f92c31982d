/** 処理状況: the office's long operations (invoice runs, bank imports), newest first. */
import { useQuery } from '@apollo/client/react';
import { useEffect, useId, useState, type ReactNode } from 'react';
import { errorsOf, FormattedDateTime, Loading, PageError } from '../../components';
import { graphql } from '../../gql';
import type { OfficeOperationsQuery as OperationsData } from '../../gql/graphql';
import { useI18n, type MessageKey } from '../../lib/i18n';
import { Link } from '../../lib/router';
import { yen } from './dues/dues-format';

const OfficeOperationsQuery = graphql(`
  query OfficeOperations($associationId: ID!, $first: Int) {
    officeOperations(associationId: $associationId, first: $first) {
      totalCount
      pageInfo {
        hasNextPage
      }
      nodes {
        id
        kind
        status
        total
        done
        message
        actorName
        startedAt
        finishedAt
        summary {
          fiscalYear
          created
          exempt
          existing
          skipped
          totalRows
          matched
          unmatched
          matchedAmountYen
        }
      }
    }
  }
`);

type Operation = OperationsData['officeOperations']['nodes'][number];

/** The address of the list (the office navigation's 処理状況). */
export const OPERATIONS_PATH = '/office/operations';

/** How often the list is asked again while an operation runs. */
const POLL_MS = 2000;
const PAGE = 20;

const KIND: Record<Operation['kind'], MessageKey> = {
  INVOICE_RUN: 'opsKindInvoiceRun',
  PAYMENT_IMPORT: 'opsKindPaymentImport',
};
const STATUS: Record<Operation['status'], MessageKey> = {
  RUNNING: 'opsStatusRunning',
  SUCCEEDED: 'opsStatusSucceeded',
  FAILED: 'opsStatusFailed',
};

/**
 * The association's operations with their status, progress and what they did. While one runs the
 * list is asked again every few seconds, so a clerk who left a run's page finds its result here.
 */
export function OperationsView({ associationId }: { associationId: string }) {
  const { t } = useI18n();
  const id = useId();
  const [first, setFirst] = useState(PAGE);
  const { data, loading, error, startPolling, stopPolling } = useQuery(OfficeOperationsQuery, {
    variables: { associationId, first },
  });
  const ops = data?.officeOperations;
  const anyRunning = !!ops?.nodes.some((o) => o.status === 'RUNNING');
  useEffect(() => {
    if (!anyRunning) return;
    startPolling(POLL_MS);
    return () => stopPolling();
  }, [anyRunning, startPolling, stopPolling]);

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('opsTitle')}</h2>
      <p className="lead">{t('opsLead')}</p>
      <PageError error={error} />
      {loading && !ops && <Loading />}
      {ops && ops.nodes.length === 0 && <p>{t('opsNone')}</p>}
      {ops && ops.nodes.length > 0 && (
        <>
          <p className="meta" aria-live="polite">
            {anyRunning ? t('opsPolling') : t('opsCount', { total: String(ops.totalCount) })}
          </p>
          <ul className="operation-list" data-testid="operations">
            {ops.nodes.map((o) => (
              <OperationItem key={o.id} operation={o} />
            ))}
          </ul>
          {ops.pageInfo.hasNextPage && first < 100 && (
            <div className="actions">
              <button
                type="button"
                className="button button--secondary"
                onClick={() => setFirst((n) => Math.min(100, n + PAGE))}
              >
                {t('opsMore')}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function OperationItem({ operation: o }: { operation: Operation }) {
  const { t } = useI18n();
  const id = useId();
  const kind = t(KIND[o.kind]);
  const s = o.summary;
  const summary =
    o.status !== 'SUCCEEDED' || !s
      ? null
      : o.kind === 'INVOICE_RUN'
        ? t('opsInvoiceSummary', {
            year: String(s.fiscalYear ?? '—'),
            created: String(s.created ?? 0),
            exempt: String(s.exempt ?? 0),
            existing: String(s.existing ?? 0),
            skipped: String(s.skipped ?? 0),
          })
        : t('opsImportSummary', {
            total: String(s.totalRows ?? 0),
            matched: String(s.matched ?? 0),
            amount: yen(s.matchedAmountYen ?? 0),
            unmatched: String(s.unmatched ?? 0),
          });
  return (
    <li className="operation" data-testid="operation" data-status={o.status} aria-labelledby={`${id}-kind`}>
      <h3 id={`${id}-kind`} className="operation__title">
        {kind}
        <span className={`status status--${o.status.toLowerCase()}`}>{t(STATUS[o.status])}</span>
      </h3>
      <p className="meta">
        {t('opsStarted')} <FormattedDateTime value={o.startedAt} />
        {o.actorName && <> ・ {o.actorName}</>}
        {o.finishedAt && (
          <>
            {' '}
            ・ {t('opsFinished')} <FormattedDateTime value={o.finishedAt} />
          </>
        )}
      </p>
      <div className="operation__progress">
        <progress
          id={`${id}-progress`}
          aria-label={t('opsProgressLabel', { kind })}
          max={o.total ?? undefined}
          value={o.total === null ? undefined : o.done}
        />
        <span>
          {o.total === null
            ? t('opsPreparing')
            : t('opsProgress', { done: String(o.done), total: String(o.total) })}
        </span>
      </div>
      {summary && <p data-testid="operation-summary">{summary}</p>}
      {o.status === 'FAILED' && o.message && (
        <p className="notice notice--error" data-testid="operation-message">
          {o.message}
        </p>
      )}
    </li>
  );
}

/** After an apply (or while it runs): where to find the operation later (処理状況で確認できます). */
export function OperationsLink({ running }: { running?: boolean }) {
  const { t } = useI18n();
  return (
    <>
      {running ? t('opsRunningHint') : t('opsSeeStatus')}{' '}
      <Link to={OPERATIONS_PATH} data-testid="operations-link">
        {t('opsOpen')}
      </Link>
    </>
  );
}

/** Where an apply stands in its panel: applying, or a second press found the first still running. */
export type ApplyState = 'RUNNING' | 'ALREADY_RUNNING' | null;

/**
 * The outcome line of a long operation's panel (an invoice run, a payment import): its result with
 * the way to 処理状況, that the same press is still running, or that it runs and may be left; none
 * before an apply (the panel then shows no status line).
 */
export function operationOutcome(
  done: ReactNode,
  applying: ApplyState,
  t: (key: MessageKey) => string,
): ReactNode {
  if (done)
    return (
      <>
        {done} <OperationsLink />
      </>
    );
  if (applying === 'ALREADY_RUNNING')
    return (
      <>
        {t('opsStillRunning')} <OperationsLink />
      </>
    );
  return applying ? <OperationsLink running /> : null;
}

/** The API's answer to a second press while the first still runs (the same idempotency key). */
export const stillRunning = (error: unknown): boolean =>
  errorsOf(error).some((e) => e.extensions?.details?.['reason'] === 'OPERATION_STILL_RUNNING');
