import { useId, useState } from 'react';
import { DataTable, FormattedDateTime, Loading, PageError } from '../../../components';
import { useI18n } from '../../../lib/i18n';
import { SessionDetailSection, useProgramName } from './session-detail-section';
import { SessionForm } from './session-form';
import type { OfficeSession, Program } from './session-operations';

/**
 * 研修会: the association's sessions — the list with seats taken and the waiting list, a form to
 * create or edit a session with its credit lines, cancellation (after a confirmation), and the
 * registrations and waiting list of one session.
 */
export function SessionsSection({
  associationId,
  sessions,
  programs,
  loading,
  error,
}: {
  associationId: string;
  sessions: readonly OfficeSession[];
  programs: readonly Program[];
  loading: boolean;
  error: unknown;
}) {
  const { t } = useI18n();
  const id = useId();
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const programName = useProgramName(programs);

  return (
    <>
      <section className="card" aria-labelledby={`${id}-sessions`}>
        <h2 id={`${id}-sessions`}>{t('trainingSessionsTitle')}</h2>
        {notice && (
          <p role="status" className="notice notice--ok" data-testid="session-notice">
            {notice}
          </p>
        )}
        <PageError error={error} />
        {!creating && (
          <div className="actions">
            <button
              type="button"
              className="button"
              onClick={() => {
                setCreating(true);
                setSelected(null);
                setNotice(null);
              }}
            >
              {t('sessionNew')}
            </button>
          </div>
        )}
        {loading && sessions.length === 0 ? (
          <Loading />
        ) : sessions.length === 0 ? (
          <p>{t('none')}</p>
        ) : (
          <DataTable
            labelledBy={`${id}-sessions`}
            testId="sessions"
            columns={[
              t('trainingStartsAt'),
              t('trainingSessionTitle'),
              t('program'),
              t('units'),
              t('trainingSeats'),
              t('sessionActions'),
            ]}
          >
            {sessions.map((s) => (
              <tr key={s.id} data-testid="session-row">
                <td>
                  <FormattedDateTime value={s.startsAt} />
                </td>
                <td>
                  {s.title}
                  {s.status === 'CANCELLED' ? `（${t('sessionStatusCANCELLED')}）` : ''}
                </td>
                <td>{programName(s.programCode)}</td>
                <td>{s.units}</td>
                <td>
                  {s.registeredCount}
                  {s.capacity !== null ? ` / ${s.capacity}` : ''}
                  {s.waitlistedCount ? `（${t('trainingWaitlisted')} ${s.waitlistedCount}）` : ''}
                </td>
                <td>
                  <button
                    type="button"
                    className="button button--secondary"
                    aria-label={t('sessionDetailsFor', { title: s.title })}
                    aria-expanded={selected === s.id}
                    onClick={() => {
                      setSelected(selected === s.id ? null : s.id);
                      setCreating(false);
                      setNotice(null);
                    }}
                  >
                    {t('sessionDetails')}
                  </button>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      {creating && (
        <SessionForm
          associationId={associationId}
          programs={programs}
          onClose={() => setCreating(false)}
          onDone={(message, sessionId) => {
            setCreating(false);
            setNotice(message);
            setSelected(sessionId);
          }}
        />
      )}
      {selected && (
        <SessionDetailSection
          key={selected}
          sessionId={selected}
          associationId={associationId}
          programs={programs}
          onClose={() => setSelected(null)}
          onNotice={setNotice}
        />
      )}
    </>
  );
}
