import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { errorsOf, FormattedDateTime, Guarded, Loading, PageError } from '../components';
import { NoPerson } from '../components/no-person-notice';
import { graphql } from '../gql';
import { gatewayOrigin } from '../lib/config';
import { forbiddenPaths } from '../lib/error-actions';
import { useI18n } from '../lib/i18n';
import { useMyText, type MyMessageKey } from './my-page-messages';

// ---------------------------------------------------------------------------------------------
// Sessions: browse, register, cancel, calendar subscription

const MySessionsQuery = graphql(`
  query MySessions($from: DateTime) {
    me {
      id
      familyName
      givenName
      memberships {
        id
        status
        association {
          id
          name
        }
      }
      trainingAttendances {
        id
        status
        registeredAt
        session {
          id
          title
          startsAt
        }
      }
    }
    trainingSessions(filter: { from: $from }, first: 50) {
      id
      title
      programCode
      startsAt
      endsAt
      venue
      onlineUrl
      units
      capacity
      registeredCount
      waitlistedCount
      status
      host {
        id
        name
      }
    }
  }
`);

const RegisterMutation = graphql(`
  mutation RegisterForSession($input: RegisterForSessionInput!) {
    registerForSession(input: $input) {
      id
      status
    }
  }
`);

const CancelRegistrationMutation = graphql(`
  mutation CancelSessionRegistration($sessionId: ID!, $personId: ID!) {
    cancelSessionRegistration(sessionId: $sessionId, personId: $personId) {
      id
      status
    }
  }
`);

/** Sessions from the start of yesterday on (the browser's clock; the list is sorted by the API). */
const sinceYesterday = () => {
  const d = new Date(Date.now() - 24 * 60 * 60 * 1000);
  d.setUTCHours(0, 0, 0, 0);
  return d.toISOString();
};

/**
 * /me/sessions: the sessions from yesterday on (register, cancel), the physician's own
 * registrations, and the calendar feeds of their associations.
 */
export function SessionsView() {
  const { t } = useI18n();
  const { tm, tmOr } = useMyText();
  const [from] = useState(sinceYesterday);
  const { data, loading, error, refetch } = useQuery(MySessionsQuery, { variables: { from } });
  const [register, registering] = useMutation(RegisterMutation);
  const [cancel, cancelling] = useMutation(CancelRegistrationMutation);
  const [message, setMessage] = useState<MyMessageKey | null>(null);
  const [failed, setFailed] = useState<unknown>(null);
  const forbidden = forbiddenPaths(errorsOf(error));
  const me = data?.me;
  if (loading && !data) return <Loading />;
  if (!me) return <NoPerson error={error} />;
  const mine = new Map(
    (me.trainingAttendances ?? []).filter((a) => a.status !== 'CANCELLED').map((a) => [a.session.id, a]),
  );
  const associations = new Map(
    (me.memberships ?? []).filter((m) => m.status === 'ACTIVE').map((m) => [m.association.id, m.association]),
  );
  const act = async (run: () => Promise<{ error?: unknown }>, ok: MyMessageKey) => {
    setMessage(null);
    setFailed(null);
    const result = await run();
    await refetch();
    if (result.error) setFailed(result.error);
    else setMessage(ok);
  };
  return (
    <>
      {message && (
        <p role="status" className="notice notice--ok">
          {tm(message)}
        </p>
      )}
      {failed !== null && <PageError error={failed} />}
      <section className="card" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{tm('sessionsTitle')}</h2>
        {(data?.trainingSessions ?? []).length === 0 ? (
          <p>{tm('noSessions')}</p>
        ) : (
          <ul className="plain-list" data-testid="sessions">
            {(data?.trainingSessions ?? []).map((s) => {
              const a = mine.get(s.id);
              return (
                <li key={s.id} className="session">
                  <p>
                    <strong>{s.title}</strong>（{s.programCode}、{s.units} {t('units')}）
                  </p>
                  <p className="meta">
                    {tm('when')}: <FormattedDateTime value={s.startsAt} /> 〜{' '}
                    <FormattedDateTime value={s.endsAt} />
                    <br />
                    {tm('host')}: {s.host.name ?? '—'} / {tm('venue')}:{' '}
                    {s.venue ?? (s.onlineUrl ? tm('online') : '—')}
                    <br />
                    {tm('seats')}: {s.registeredCount} / {s.capacity ?? tm('unlimited')}
                    {s.waitlistedCount > 0 && `（${tm('attWAITLISTED')} ${s.waitlistedCount}）`}
                    {a && (
                      <>
                        {' '}
                        — <strong>{tmOr(`att${a.status}`)}</strong>
                      </>
                    )}
                  </p>
                  {s.status === 'SCHEDULED' &&
                    (a && a.status !== 'ATTENDED' ? (
                      <button
                        type="button"
                        className="button button--secondary"
                        disabled={cancelling.loading}
                        aria-label={`${tm('cancelRegistration')}: ${s.title}`}
                        onClick={() =>
                          void act(
                            () => cancel({ variables: { sessionId: s.id, personId: me.id } }),
                            'cancelled',
                          )
                        }
                      >
                        {tm('cancelRegistration')}
                      </button>
                    ) : !a ? (
                      <button
                        type="button"
                        className="button"
                        disabled={registering.loading}
                        aria-label={`${tm('register')}: ${s.title}`}
                        onClick={() =>
                          void act(
                            () =>
                              register({
                                variables: {
                                  input: {
                                    sessionId: s.id,
                                    personId: me.id,
                                    idempotencyKey: crypto.randomUUID(),
                                  },
                                },
                              }),
                            'registered',
                          )
                        }
                      >
                        {tm('register')}
                      </button>
                    ) : null)}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="my-sessions-heading">
        <h2 id="my-sessions-heading">{tm('mySessionsTitle')}</h2>
        <Guarded forbidden={forbidden} path="me.trainingAttendances">
          {mine.size === 0 ? (
            <p>{t('none')}</p>
          ) : (
            <ul className="plain-list" data-testid="my-sessions">
              {[...mine.values()].map((a) => (
                <li key={a.id}>
                  <FormattedDateTime value={a.session.startsAt} /> — {a.session.title}:{' '}
                  {tmOr(`att${a.status}`)}
                </li>
              ))}
            </ul>
          )}
        </Guarded>
      </section>
      <section className="card" aria-labelledby="calendar-heading">
        <h2 id="calendar-heading">{tm('calendarTitle')}</h2>
        <p>{tm('calendarLead')}</p>
        <Guarded forbidden={forbidden} path="me.memberships">
          <ul className="plain-list" data-testid="calendars">
            {[...associations.values()].map((a) => {
              const url = new URL(`/calendar/${a.id}.ics`, gatewayOrigin()).toString();
              return (
                <li key={a.id}>
                  <a href={url}>{tm('calendarOf', { name: a.name })}</a>
                  <br />
                  <code className="wrap-anywhere">{url}</code>
                </li>
              );
            })}
          </ul>
        </Guarded>
      </section>
    </>
  );
}
