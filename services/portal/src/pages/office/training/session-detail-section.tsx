import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { useId, useState } from 'react';
import { DataTable, errorsOf, FormattedDateTime, Loading, PageError } from '../../../components';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { Link } from '../../../lib/router';
import { SessionForm } from './session-form';
import {
  CancelSessionMutation,
  OfficeSessionDetailQueryDocument,
  REFETCH,
  type Detail,
  type Program,
} from './session-operations';
/** A program's name in the viewer's language (its code when unknown). */
export function useProgramName(programs: readonly Program[]) {
  const { pick } = useI18n();
  return (code: string) => {
    const p = programs.find((x) => x.code === code);
    return p ? pick(p.nameJa, p.nameEn) : code;
  };
}

/** One session: its facts, the registrations, the waiting list (in order); edit and cancel. */
export function SessionDetailSection({
  sessionId,
  associationId,
  programs,
  onClose,
  onNotice,
}: {
  sessionId: string;
  associationId: string;
  programs: readonly Program[];
  onClose(): void;
  onNotice(message: string | null): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const programName = useProgramName(programs);
  const client = useApolloClient();
  const detail = useQuery(OfficeSessionDetailQueryDocument, {
    variables: { id: sessionId },
    fetchPolicy: 'cache-and-network',
  });
  const [editing, setEditing] = useState(false);
  const [cancel, cancelling] = useMutation(CancelSessionMutation, { refetchQueries: REFETCH });
  const [failure, setFailure] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);
  // a failed refetch (a dropped connection) keeps the last answer on screen, so an open edit
  // form is not unmounted and the clerk's input is not lost
  const s = detail.data ? detail.data.trainingSession : detail.previousData?.trainingSession;

  if (detail.loading && !s) return <Loading />;
  if (!s)
    return (
      <section className="card">
        <PageError error={detail.error} />
        <p>{t('none')}</p>
      </section>
    );
  const registered = s.attendances.filter((a) => a.status === 'REGISTERED' || a.status === 'ATTENDED');
  const waiting = s.attendances
    .filter((a) => a.status === 'WAITLISTED')
    .sort((a, b) => a.registeredAt.localeCompare(b.registeredAt));

  const onCancel = async () => {
    if (!window.confirm(t('sessionCancelConfirm', { title: s.title }))) return;
    setFailure(null);
    setConflict(false);
    const result = await cancel({ variables: { id: s.id, version: s.version } });
    const errs = errorsOf(result.error);
    if (errs.some((e) => e.extensions?.code === 'CONFLICT')) {
      setConflict(true);
      void detail.refetch();
    } else if (result.error) setFailure(result.error);
    else onNotice(t('sessionCancelled'));
  };

  if (editing)
    return (
      <SessionForm
        associationId={associationId}
        programs={programs}
        session={s}
        onClose={() => setEditing(false)}
        onReload={async () => {
          // one network read of its own that settles with the answer or the error (the watched
          // query's refetch can be folded into the refetch the failed save started, and be
          // aborted with it); an error is thrown, never read as "no newer version"
          const { data, error } = await client.query({
            query: OfficeSessionDetailQueryDocument,
            variables: { id: sessionId },
            fetchPolicy: 'network-only',
          });
          if (error || !data?.trainingSession) throw error ?? new Error('session not readable');
          return data.trainingSession;
        }}
        onDone={(message) => {
          setEditing(false);
          onNotice(message);
        }}
      />
    );

  const person = (a: Detail['attendances'][number]) =>
    a.person ? (
      <Link to={`/office/members/${a.person.id}`}>
        {a.person.familyName} {a.person.givenName}
      </Link>
    ) : (
      '—'
    );
  const table = (rows: Detail['attendances'], testId: string, label: string) => (
    <DataTable
      label={label}
      testId={testId}
      columns={[t('name'), t('registryNumber'), t('sessionRegisteredAt'), t('attendanceStatus')]}
    >
      {rows.map((a) => (
        <tr key={a.id}>
          <td>{person(a)}</td>
          <td>{a.person?.registryNumber ?? '—'}</td>
          <td>
            <FormattedDateTime value={a.registeredAt} />
          </td>
          <td>{t(`attendance${a.status}` as MessageKey)}</td>
        </tr>
      ))}
    </DataTable>
  );

  return (
    <section className="card" aria-labelledby={`${id}-h`} data-testid="session-detail">
      <h2 id={`${id}-h`}>{s.title}</h2>
      {conflict && (
        <p role="alert" className="notice notice--error">
          {t('sessionConflict')}
        </p>
      )}
      <PageError error={failure} />
      <dl className="fields">
        <dt>{t('sessionStatus')}</dt>
        <dd>
          <strong>{t(`sessionStatus${s.status}` as MessageKey)}</strong>
        </dd>
        <dt>{t('sessionProgram')}</dt>
        <dd>{programName(s.programCode)}</dd>
        <dt>{t('sessionTime')}</dt>
        <dd>
          <FormattedDateTime value={s.startsAt} /> 〜 <FormattedDateTime value={s.endsAt} />
        </dd>
        <dt>{t('sessionPlace')}</dt>
        <dd>{[s.venue, s.onlineUrl].filter(Boolean).join(' / ') || '—'}</dd>
        <dt>{t('sessionVisibility')}</dt>
        <dd>{t(`visibility${s.visibility}` as MessageKey)}</dd>
        <dt>{t('trainingSeats')}</dt>
        <dd data-testid="session-seats">
          {t('sessionSeatsLine', {
            registered: String(s.registeredCount),
            capacity: s.capacity === null ? t('sessionUnlimited') : String(s.capacity),
          })}
          {s.waitlistedCount ? `（${t('trainingWaitlisted')} ${s.waitlistedCount}）` : ''}
        </dd>
        <dt>{t('sessionCredits')}</dt>
        <dd>
          {s.credits.length === 0 ? (
            '—'
          ) : (
            <ul className="plain-list" data-testid="session-credits">
              {s.credits.map((c) => (
                <li key={`${c.kind}:${c.code}`}>
                  {t(`creditKind${c.kind}` as MessageKey)} {c.code}：{c.units}
                  {t('units')}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      <h3>{t('sessionRegistrations', { count: String(registered.length) })}</h3>
      {registered.length === 0 ? (
        <p>{t('sessionNoRegistrations')}</p>
      ) : (
        table(
          registered,
          'session-registrations',
          t('sessionRegistrations', { count: String(registered.length) }),
        )
      )}
      <h3>{t('sessionWaiting', { count: String(waiting.length) })}</h3>
      {waiting.length === 0 ? (
        <p>{t('sessionNoWaiting')}</p>
      ) : (
        table(waiting, 'session-waiting', t('sessionWaiting', { count: String(waiting.length) }))
      )}
      <div className="actions">
        {s.status !== 'CANCELLED' && (
          <>
            <button type="button" className="button" onClick={() => setEditing(true)}>
              {t('sessionEdit')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              disabled={cancelling.loading}
              onClick={() => void onCancel()}
            >
              {t('sessionCancel')}
            </button>
          </>
        )}
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t('sessionClose')}
        </button>
      </div>
    </section>
  );
}
