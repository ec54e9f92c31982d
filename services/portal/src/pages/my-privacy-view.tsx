import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { errorsOf, FormattedDate, FormattedDateTime, Guarded, Loading, PageError } from '../components';
import { graphql } from '../gql';
import type { MyProvisionRecordFragment, PrivacyRequestKind } from '../gql/graphql';
import { forbiddenPaths, inputProblems } from '../lib/error-actions';
import { useI18n } from '../lib/i18n';
import { NoPerson } from '../components/no-person-notice';
import { useMyText } from './my-page-messages';

// ---------------------------------------------------------------------------------------------
// Notifications

const MyNotificationsQuery = graphql(`
  query MyNotifications {
    me {
      id
      familyName
      givenName
      notifications(first: 50) {
        id
        kind
        subjectJa
        subjectEn
        bodyJa
        bodyEn
        createdAt
        readAt
      }
    }
  }
`);

const MarkReadMutation = graphql(`
  mutation MarkNotificationRead($id: ID!) {
    markNotificationRead(id: $id) {
      id
      readAt
    }
  }
`);

export function NotificationsView() {
  const { pick } = useI18n();
  const { tm } = useMyText();
  const { data, loading, error } = useQuery(MyNotificationsQuery);
  const [markRead, marking] = useMutation(MarkReadMutation);
  const forbidden = forbiddenPaths(errorsOf(error));
  const me = data?.me;
  if (loading && !data) return <Loading />;
  if (!me) return <NoPerson error={error} />;
  const list = me.notifications ?? [];
  return (
    <>
      <section className="card" aria-labelledby="notifications-heading">
        <h2 id="notifications-heading">{tm('notificationsTitle')}</h2>
        <Guarded forbidden={forbidden} path="me.notifications">
          {list.length === 0 ? (
            <p>{tm('noNotifications')}</p>
          ) : (
            <ul className="plain-list" data-testid="notifications">
              {list.map((n) => (
                <li key={n.id} className="notification">
                  <p>
                    {!n.readAt && <strong className="badge">{tm('unread')}</strong>}{' '}
                    <strong>{pick(n.subjectJa, n.subjectEn)}</strong> —{' '}
                    <FormattedDateTime value={n.createdAt} />
                  </p>
                  <p className="pre-wrap">{pick(n.bodyJa, n.bodyEn)}</p>
                  {n.readAt ? (
                    <p className="meta">
                      {tm('readAt')}: <FormattedDateTime value={n.readAt} />
                    </p>
                  ) : (
                    <button
                      type="button"
                      className="button button--secondary"
                      disabled={marking.loading}
                      aria-label={`${tm('markRead')}: ${pick(n.subjectJa, n.subjectEn)}`}
                      onClick={() => void markRead({ variables: { id: n.id } })}
                    >
                      {tm('markRead')}
                    </button>
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

// ---------------------------------------------------------------------------------------------
// Terms and notice history; privacy requests (APPI arts. 33–35)

const MyPrivacyQuery = graphql(`
  query MyPrivacy {
    termsVersions {
      id
      version
      titleJa
      titleEn
      effectiveFrom
      summaryJa
      summaryEn
    }
    jointUseNotices {
      id
      version
      title
      effectiveFrom
    }
    me {
      id
      familyName
      givenName
      termsAcceptances {
        id
        version
        acceptedAt
        method
        clientId
      }
      privacyRequests {
        id
        kind
        status
        details
        filedAt
        dueOn
        overdue
        decidedAt
        decisionNote
        completedAt
        export {
          generatedAt
        }
      }
      provisionRecords {
        ...MyProvisionRecord
      }
      emailProvisionRecords {
        ...MyProvisionRecord
      }
    }
  }
  # a record of provision (提供記録): postal mailing lists (membership) and e-mail (consent) alike
  fragment MyProvisionRecord on ProvisionRecord {
    id
    association {
      id
      name
    }
    recipient
    purpose
    items
    format
    rowCount
    createdAt
  }
`);

/** Both lists of records of provision, newest first (one record appears in one list only). */
function provisionsOf(me: {
  provisionRecords?: MyProvisionRecordFragment[] | null;
  emailProvisionRecords?: MyProvisionRecordFragment[] | null;
}): MyProvisionRecordFragment[] {
  return [...(me.provisionRecords ?? []), ...(me.emailProvisionRecords ?? [])].sort((a, b) =>
    b.createdAt.localeCompare(a.createdAt),
  );
}

/** The disclosure's documents, asked for only when the person downloads them. */
const PrivacyExportQuery = graphql(`
  query MyPrivacyExport {
    me {
      id
      privacyRequests {
        id
        export {
          html
          json
          generatedAt
        }
      }
    }
  }
`);

const FilePrivacyRequestMutation = graphql(`
  mutation FilePrivacyRequest($input: FilePrivacyRequestInput!) {
    filePrivacyRequest(input: $input) {
      id
      kind
      status
    }
  }
`);

const PRIVACY_KINDS: PrivacyRequestKind[] = ['DISCLOSURE', 'CORRECTION', 'ERASURE'];

/** Offer a text as a file download (same-origin blob URL). */
function saveText(text: string, type: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function PrivacyView() {
  const { t, pick } = useI18n();
  const { tm, tmOr } = useMyText();
  const client = useApolloClient();
  const { data, loading, error, refetch } = useQuery(MyPrivacyQuery);
  const [file, filing] = useMutation(FilePrivacyRequestMutation);
  const [kind, setKind] = useState<PrivacyRequestKind>('DISCLOSURE');
  const [details, setDetails] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [filed, setFiled] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);
  const ids = useId();
  const forbidden = forbiddenPaths(errorsOf(error));
  const me = data?.me;
  if (loading && !data) return <Loading />;
  if (!me) return <NoPerson error={error} />;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setFiled(false);
    setFailed(null);
    const result = await file({
      variables: {
        input: { personId: me.id, kind, details: details || null, idempotencyKey: crypto.randomUUID() },
      },
    });
    const fieldProblems = inputProblems(errorsOf(result.error));
    setProblems(fieldProblems);
    if (result.data?.filePrivacyRequest) {
      setFiled(true);
      setDetails('');
      await refetch();
    } else if (!Object.keys(fieldProblems).length) setFailed(result.error ?? new Error('no answer'));
  };
  const download = async (id: string) => {
    const result = await client.query({ query: PrivacyExportQuery, fetchPolicy: 'network-only' });
    const exp = result.data?.me?.privacyRequests?.find((r) => r.id === id)?.export;
    if (!exp) {
      setFailed(result.error ?? new Error('no export'));
      return;
    }
    saveText(exp.html, 'text/html;charset=utf-8', `mamis-disclosure-${exp.generatedAt.slice(0, 10)}.html`);
    saveText(exp.json, 'application/json', `mamis-disclosure-${exp.generatedAt.slice(0, 10)}.json`);
  };
  const detailsProblem = problems['input.details'];
  /** A provided data item's name (an unknown code as it is). */
  const itemName = (item: string) => {
    const name = tmOr(`item_${item}`);
    return name === `item_${item}` ? item : name;
  };

  return (
    <>
      <section className="card" aria-labelledby="acceptances-heading">
        <h2 id="acceptances-heading">{tm('acceptancesTitle')}</h2>
        <Guarded forbidden={forbidden} path="me.termsAcceptances">
          {(me.termsAcceptances ?? []).length === 0 ? (
            <p>{t('none')}</p>
          ) : (
            <ul className="plain-list" data-testid="acceptances">
              {(me.termsAcceptances ?? []).map((a) => (
                <li key={a.id}>
                  <FormattedDateTime value={a.acceptedAt} /> — {tm('acceptedVersion')} {a.version}（
                  {tm('acceptedHow')}: {tmOr(a.method)}
                  {a.clientId ? `、${a.clientId}` : ''}）
                </li>
              ))}
            </ul>
          )}
        </Guarded>
        <h3>{tm('termsHistoryTitle')}</h3>
        <ul className="plain-list" data-testid="terms-versions">
          {(data?.termsVersions ?? []).map((v) => (
            <li key={v.id}>
              {v.version} {pick(v.titleJa, v.titleEn)} — {t('effectiveFrom')}:{' '}
              <FormattedDate value={v.effectiveFrom} />
              {(v.summaryJa || v.summaryEn) && (
                <span className="meta">（{pick(v.summaryJa ?? '', v.summaryEn)}）</span>
              )}
            </li>
          ))}
        </ul>
        <h3>{tm('noticeHistoryTitle')}</h3>
        <ul className="plain-list">
          {(data?.jointUseNotices ?? []).map((n) => (
            <li key={n.id}>
              {n.version} {n.title} — {t('effectiveFrom')}: <FormattedDate value={n.effectiveFrom} />
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="provisions-heading">
        <h2 id="provisions-heading">{tm('provisionsTitle')}</h2>
        <p>{tm('provisionsLead')}</p>
        <Guarded forbidden={forbidden} path="me.provisionRecords">
          <Guarded forbidden={forbidden} path="me.emailProvisionRecords">
            {provisionsOf(me).length === 0 ? (
              <p>{tm('noProvisions')}</p>
            ) : (
              <ul className="plain-list" data-testid="provision-records">
                {provisionsOf(me).map((r) => (
                  <li key={r.id}>
                    <FormattedDateTime value={r.createdAt} /> — {tm('provisionRecipient')}:{' '}
                    <strong>{r.recipient}</strong>（{r.association.name}）
                    <p className="meta">
                      {tm('provisionPurpose')}: {r.purpose} ／ {tm('provisionItems')}:{' '}
                      {r.items.map(itemName).join('、')}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </Guarded>
        </Guarded>
      </section>
      <section className="card" aria-labelledby="privacy-heading">
        <h2 id="privacy-heading">{tm('privacyTitle')}</h2>
        <p>{tm('privacyLead')}</p>
        <Guarded forbidden={forbidden} path="me.privacyRequests">
          {(me.privacyRequests ?? []).length === 0 ? (
            <p>{tm('noPrivacyRequests')}</p>
          ) : (
            <ul className="plain-list" data-testid="privacy-requests">
              {(me.privacyRequests ?? []).map((r) => (
                <li key={r.id}>
                  <p>
                    <strong>{tmOr(r.kind)}</strong> — {tmOr(r.status)}
                    {r.overdue && <strong className="status-missing">（{tm('privacyOverdue')}）</strong>}（
                    {t('filedAt')}: <FormattedDateTime value={r.filedAt} />、{tm('privacyDue')}:{' '}
                    <FormattedDate value={r.dueOn} />）
                  </p>
                  {r.details && <p className="meta pre-wrap">{r.details}</p>}
                  {r.decisionNote && <p className="meta">{r.decisionNote}</p>}
                  {r.export && (
                    <button
                      type="button"
                      className="button button--secondary"
                      onClick={() => void download(r.id)}
                    >
                      {tm('privacyDownload')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Guarded>
        <h3>{t('fileApplication')}</h3>
        {filed && (
          <p role="status" className="notice notice--ok">
            {tm('privacyFiled')}
          </p>
        )}
        {failed !== null && <PageError error={failed} />}
        <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
          <div className="form-field">
            <label htmlFor={`${ids}-kind`}>{tm('privacyKind')}</label>
            <select
              id={`${ids}-kind`}
              value={kind}
              onChange={(e) => setKind(e.target.value as PrivacyRequestKind)}
            >
              {PRIVACY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {tmOr(k)}
                </option>
              ))}
            </select>
          </div>
          <div className="form-field">
            <label htmlFor={`${ids}-details`}>{tm('privacyDetails')}</label>
            <textarea
              id={`${ids}-details`}
              rows={3}
              value={details}
              aria-invalid={detailsProblem ? true : undefined}
              aria-describedby={detailsProblem ? `${ids}-details-error` : undefined}
              onChange={(e) => setDetails(e.target.value)}
            />
            {detailsProblem && (
              <p id={`${ids}-details-error`} className="field-error">
                {detailsProblem}
              </p>
            )}
          </div>
          <button type="submit" className="button" disabled={filing.loading}>
            {tm('privacySubmit')}
          </button>
        </form>
      </section>
    </>
  );
}
