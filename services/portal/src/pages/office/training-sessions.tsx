import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent, type InputHTMLAttributes, type ReactNode } from 'react';
import { DataTable, errorsOf, FormattedDateTime, Loading, PageError } from '../../components';
import { graphql } from '../../gql';
import type {
  OfficeSessionsQuery,
  SessionCreditKind,
  SessionVisibility,
  OfficeSessionDetailQuery,
} from '../../gql/graphql';
import { inputProblems, inputReasons } from '../../lib/error-actions';
import { useI18n, type MessageKey } from '../../lib/i18n';
import { Link } from '../../lib/router';

export type OfficeSession = OfficeSessionsQuery['trainingSessions'][number];
type Program = OfficeSessionsQuery['trainingPrograms'][number];
type Detail = NonNullable<OfficeSessionDetailQuery['trainingSession']>;

/**
 * What the form edits and the detail shows of a session: asked for by the detail and answered by
 * an update (so that the cached detail is the saved session).
 */
graphql(`
  fragment OfficeSessionFields on TrainingSession {
    id
    title
    startsAt
    endsAt
    venue
    onlineUrl
    units
    credits {
      kind
      code
      units
    }
    capacity
    visibility
    status
    version
    registeredCount
    waitlistedCount
  }
`);

/** One session with its registrations and waiting list (the host's staff see their attendees). */
const OfficeSessionDetailQueryDocument = graphql(`
  query OfficeSessionDetail($id: ID!) {
    trainingSession(id: $id) {
      id
      programCode
      ...OfficeSessionFields
      attendances {
        id
        status
        registeredAt
        person {
          id
          familyName
          givenName
          registryNumber
        }
      }
    }
  }
`);

const CreateSessionMutation = graphql(`
  mutation OfficeCreateSession($input: CreateTrainingSessionInput!) {
    createTrainingSession(input: $input) {
      id
      title
      version
    }
  }
`);

const UpdateSessionMutation = graphql(`
  mutation OfficeUpdateSession($input: UpdateTrainingSessionInput!) {
    updateTrainingSession(input: $input) {
      ...OfficeSessionFields
    }
  }
`);

const CancelSessionMutation = graphql(`
  mutation OfficeCancelSession($id: ID!, $version: Int!) {
    cancelTrainingSession(id: $id, version: $version) {
      id
      status
      version
    }
  }
`);

const REFETCH = ['OfficeSessions', 'OfficeSessionDetail'];

/** The session's Tokyo date and time (the API serves +09:00: the text is the local time). */
const localParts = (iso: string | null | undefined) =>
  iso ? { date: iso.slice(0, 10), time: iso.slice(11, 16) } : { date: '', time: '' };

/** The viewer's-language message for an API input problem at `field` (the API's text otherwise). */
function problemText(
  t: (k: MessageKey) => string,
  field: string,
  message: string,
  reason: string | undefined,
): string {
  if (/^input\.credits\.\d+\.units$/.test(field)) return t('sessionUnitsInvalid');
  if (/^input\.credits\.\d+\.code$/.test(field))
    return t(reason === 'CODE_TWICE' ? 'sessionCodeDuplicate' : 'sessionCodeUnknown');
  if (field === 'input.capacity') return t('sessionCapacityInvalid');
  if (field === 'input.venue') return t('sessionPlaceHint');
  if (field === 'input.endsAt') return t('sessionEndBeforeStart');
  if (field === 'input.title') return t('sessionTitleInvalid');
  if (field === 'input.onlineUrl') return t('sessionUrlInvalid');
  return message;
}

interface CreditRow {
  kind: SessionCreditKind;
  code: string;
  units: string;
}

interface FormValues {
  programCode: string;
  title: string;
  date: string;
  start: string;
  end: string;
  venue: string;
  onlineUrl: string;
  capacity: string;
  visibility: SessionVisibility;
  credits: CreditRow[];
}

const emptyValues = (programCode: string): FormValues => ({
  programCode,
  title: '',
  date: '',
  start: '',
  end: '',
  venue: '',
  onlineUrl: '',
  capacity: '',
  visibility: 'PUBLIC',
  credits: [{ kind: 'CURRICULUM_CODE', code: '', units: '1' }],
});

const valuesOf = (s: Detail): FormValues => ({
  programCode: s.programCode,
  title: s.title,
  date: localParts(s.startsAt).date,
  start: localParts(s.startsAt).time,
  end: localParts(s.endsAt).time,
  venue: s.venue ?? '',
  onlineUrl: s.onlineUrl ?? '',
  capacity: s.capacity === null ? '' : String(s.capacity),
  visibility: s.visibility,
  credits: s.credits.map((c) => ({ kind: c.kind, code: c.code, units: String(c.units) })),
});

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
        <SessionDetail
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

function useProgramName(programs: readonly Program[]) {
  const { pick } = useI18n();
  return (code: string) => {
    const p = programs.find((x) => x.code === code);
    return p ? pick(p.nameJa, p.nameEn) : code;
  };
}

/** One session: its facts, the registrations, the waiting list (in order); edit and cancel. */
function SessionDetail({
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
  const detail = useQuery(OfficeSessionDetailQueryDocument, {
    variables: { id: sessionId },
    fetchPolicy: 'cache-and-network',
  });
  const [editing, setEditing] = useState(false);
  const [cancel, cancelling] = useMutation(CancelSessionMutation, { refetchQueries: REFETCH });
  const [failure, setFailure] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);
  const s = detail.data?.trainingSession;

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
        onReload={async () => (await detail.refetch()).data?.trainingSession ?? null}
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

/** Create (no `session`) or edit a session; problems are shown at their fields, input kept. */
function SessionForm({
  associationId,
  programs,
  session,
  onClose,
  onDone,
  onReload,
}: {
  associationId: string;
  programs: readonly Program[];
  session?: Detail;
  onClose(): void;
  onDone(message: string, sessionId: string): void;
  onReload?(): Promise<Detail | null>;
}) {
  const { t, pick } = useI18n();
  const id = useId();
  const [values, setValues] = useState<FormValues>(() =>
    session ? valuesOf(session) : emptyValues(programs.find((p) => p.code === 'CME')?.code ?? ''),
  );
  const [version, setVersion] = useState(session?.version ?? 0);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [conflict, setConflict] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [create, creating] = useMutation(CreateSessionMutation, { refetchQueries: REFETCH });
  const [update, updating] = useMutation(UpdateSessionMutation, { refetchQueries: REFETCH });
  const busy = creating.loading || updating.loading;
  const program = programs.find((p) => p.code === values.programCode);

  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const setCredit = (i: number, patch: Partial<CreditRow>) =>
    setValues((v) => ({ ...v, credits: v.credits.map((c, j) => (j === i ? { ...c, ...patch } : c)) }));

  /** Checks what the browser can check; the API checks the rest (and says where). */
  const localProblems = () => {
    const p: Record<string, string> = {};
    const required = t('sessionFieldRequired');
    if (!session && !values.programCode) p['input.programCode'] = required;
    if (!values.title.trim()) p['input.title'] = required;
    if (!values.date) p['input.startsAt'] = required;
    if (!/^\d{2}:\d{2}$/.test(values.start)) p['input.startsAt.time'] = t('sessionTimeInvalid');
    if (values.end && !/^\d{2}:\d{2}$/.test(values.end)) p['input.endsAt'] = t('sessionTimeInvalid');
    if (!values.venue.trim() && !values.onlineUrl.trim()) p['input.venue'] = t('sessionPlaceHint');
    if (values.capacity.trim() && !/^\d+$/.test(values.capacity.trim()))
      p['input.capacity'] = t('sessionCapacityInvalid');
    values.credits.forEach((c, i) => {
      if (!c.code.trim()) p[`input.credits.${i}.code`] = required;
      const n = Number(c.units);
      if (!(n > 0) || !Number.isInteger(n * 2)) p[`input.credits.${i}.units`] = t('sessionUnitsInvalid');
    });
    return p;
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    setConflict(false);
    const local = localProblems();
    setProblems(local);
    if (Object.keys(local).length) {
      focusFirstProblem(id);
      return;
    }
    const at = (time: string) => `${values.date}T${time}:00+09:00`;
    const fields = {
      title: values.title.trim(),
      startsAt: at(values.start),
      endsAt: values.end ? at(values.end) : null,
      venue: values.venue.trim() || null,
      onlineUrl: values.onlineUrl.trim() || null,
      capacity: values.capacity.trim() ? Number(values.capacity.trim()) : null,
      visibility: values.visibility,
      credits: values.credits.map((c) => ({ kind: c.kind, code: c.code.trim(), units: Number(c.units) })),
    };
    const result = session
      ? await update({ variables: { input: { id: session.id, version, ...fields } } })
      : await create({
          variables: {
            input: { hostAssociationId: associationId, programCode: values.programCode, ...fields },
          },
        });
    const errs = errorsOf(result.error);
    const found = inputProblems(errs);
    if (Object.keys(found).length) {
      const reasons = inputReasons(errs);
      const texts: Record<string, string> = {};
      for (const [field, message] of Object.entries(found))
        texts[field] = problemText(t, field, message, reasons[field]);
      setProblems(texts);
      focusFirstProblem(id);
      return;
    }
    if (errs.some((x) => x.extensions?.code === 'CONFLICT')) {
      setConflict(true);
      return;
    }
    if (result.error || !result.data) {
      setFailure(result.error);
      return;
    }
    const savedId =
      'updateTrainingSession' in result.data
        ? result.data.updateTrainingSession.id
        : result.data.createTrainingSession.id;
    onDone(t(session ? 'sessionSaved' : 'sessionCreated'), savedId);
  };

  const onContinueWithLatest = async () => {
    const fresh = await onReload?.();
    if (fresh) setVersion(fresh.version);
    setConflict(false);
  };

  const field = (key: string, label: string, control: (a: FieldAttrs) => ReactNode, hint?: string) => {
    const problem = problems[key];
    const controlId = `${id}-${key.replace(/\W/g, '-')}`;
    const described = [hint ? `${controlId}-hint` : null, problem ? `${controlId}-error` : null]
      .filter(Boolean)
      .join(' ');
    return (
      <div className="form-field">
        <label htmlFor={controlId}>{label}</label>
        {control({
          id: controlId,
          'aria-invalid': problem ? true : undefined,
          'aria-describedby': described || undefined,
        })}
        {hint && (
          <p id={`${controlId}-hint`} className="hint">
            {hint}
          </p>
        )}
        {problem && (
          <p id={`${controlId}-error`} className="field-error">
            {problem}
          </p>
        )}
      </div>
    );
  };

  /** A credit line's code or units: the label, the input, the problem the API found with it. */
  const creditInput = (
    i: number,
    part: 'code' | 'units',
    label: string,
    attrs: Pick<InputHTMLAttributes<HTMLInputElement>, 'list' | 'inputMode'>,
  ) => {
    const inputId = `${id}-${part}-${i}`;
    const problem = problems[`input.credits.${i}.${part}`];
    return (
      <div>
        <label htmlFor={inputId}>
          {t('creditLine', { n: String(i + 1) })} {label}
        </label>
        <input
          id={inputId}
          {...attrs}
          value={values.credits[i]![part]}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${inputId}-error` : undefined}
          onChange={(e) => setCredit(i, { [part]: e.target.value })}
        />
        {problem && (
          <p id={`${inputId}-error`} className="field-error">
            {problem}
          </p>
        )}
      </div>
    );
  };

  return (
    <section className="card" aria-labelledby={`${id}-h`} data-testid="session-form">
      <h2 id={`${id}-h`}>
        {session ? t('sessionEditTitle', { title: session.title }) : t('sessionNewTitle')}
      </h2>
      {Object.keys(problems).length > 0 && (
        <p role="alert" className="notice notice--error">
          {t('sessionFixInput')}
        </p>
      )}
      {conflict && (
        <div role="alert" className="notice notice--error" data-testid="session-conflict">
          <p>{t('sessionConflict')}</p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void onContinueWithLatest()}
          >
            {t('sessionConflictReload')}
          </button>
        </div>
      )}
      <PageError error={failure} />
      <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate id={id}>
        {field('input.programCode', t('sessionProgram'), (a) => (
          <select
            {...a}
            value={values.programCode}
            disabled={!!session}
            onChange={(e) => set('programCode', e.target.value)}
          >
            <option value="">—</option>
            {programs.map((p) => (
              <option key={p.code} value={p.code}>
                {pick(p.nameJa, p.nameEn)}（{p.code}）
              </option>
            ))}
          </select>
        ))}
        {field('input.title', t('sessionTitleLabel'), (a) => (
          <input {...a} value={values.title} maxLength={200} onChange={(e) => set('title', e.target.value)} />
        ))}
        {field('input.startsAt', t('sessionDate'), (a) => (
          <input {...a} type="date" value={values.date} onChange={(e) => set('date', e.target.value)} />
        ))}
        {field('input.startsAt.time', t('sessionStartTime'), (a) => (
          <input {...a} type="time" value={values.start} onChange={(e) => set('start', e.target.value)} />
        ))}
        {field(
          'input.endsAt',
          t('sessionEndTime'),
          (a) => (
            <input {...a} type="time" value={values.end} onChange={(e) => set('end', e.target.value)} />
          ),
          t('sessionEndHint'),
        )}
        {field(
          'input.venue',
          t('sessionVenue'),
          (a) => (
            <input {...a} value={values.venue} onChange={(e) => set('venue', e.target.value)} />
          ),
          t('sessionPlaceHint'),
        )}
        {field('input.onlineUrl', t('sessionOnlineUrl'), (a) => (
          <input
            {...a}
            type="url"
            inputMode="url"
            value={values.onlineUrl}
            onChange={(e) => set('onlineUrl', e.target.value)}
          />
        ))}
        {field(
          'input.capacity',
          t('sessionCapacity'),
          (a) => (
            <input
              {...a}
              inputMode="numeric"
              value={values.capacity}
              onChange={(e) => set('capacity', e.target.value)}
            />
          ),
          t('sessionCapacityHint'),
        )}
        {field('input.visibility', t('sessionVisibility'), (a) => (
          <select
            {...a}
            value={values.visibility}
            onChange={(e) => set('visibility', e.target.value as SessionVisibility)}
          >
            <option value="PUBLIC">{t('visibilityPUBLIC')}</option>
            <option value="MEMBERS_ONLY">{t('visibilityMEMBERS_ONLY')}</option>
          </select>
        ))}
        <fieldset className="form-field credit-lines" aria-describedby={`${id}-credits-hint`}>
          <legend>{t('sessionCredits')}</legend>
          <p id={`${id}-credits-hint`} className="hint">
            {t('sessionCreditsHint')}
            {session ? ` ${t('creditsKeptNote')}` : ''}
          </p>
          {program && program.codes.length > 0 && (
            <datalist id={`${id}-codes`}>
              {program.codes.map((c) => (
                <option key={c} value={c} />
              ))}
            </datalist>
          )}
          {values.credits.map((c, i) => {
            const n = String(i + 1);
            const line = t('creditLine', { n });
            return (
              <div key={i} className="credit-line" data-testid="credit-line">
                <div>
                  <label htmlFor={`${id}-kind-${i}`}>
                    {line} {t('creditKind')}
                  </label>
                  <select
                    id={`${id}-kind-${i}`}
                    value={c.kind}
                    onChange={(e) => setCredit(i, { kind: e.target.value as SessionCreditKind })}
                  >
                    <option value="CURRICULUM_CODE">{t('creditKindCURRICULUM_CODE')}</option>
                    <option value="CATEGORY">{t('creditKindCATEGORY')}</option>
                  </select>
                </div>
                {creditInput(i, 'code', t('creditCode'), {
                  list: program && program.codes.length > 0 ? `${id}-codes` : undefined,
                })}
                {creditInput(i, 'units', t('creditUnits'), { inputMode: 'decimal' })}
                <div className="credit-line__remove">
                  <button
                    type="button"
                    className="button button--secondary"
                    onClick={() => setValues((v) => ({ ...v, credits: v.credits.filter((_, j) => j !== i) }))}
                  >
                    {t('creditRemove', { n })}
                  </button>
                </div>
              </div>
            );
          })}
          <div>
            <button
              type="button"
              className="button button--secondary"
              onClick={() =>
                setValues((v) => ({
                  ...v,
                  credits: [...v.credits, { kind: 'CURRICULUM_CODE', code: '', units: '1' }],
                }))
              }
            >
              {t('creditAdd')}
            </button>
          </div>
        </fieldset>
        <div className="actions">
          <button type="submit" className="button" disabled={busy || conflict}>
            {session ? t('sessionSave') : t('sessionCreate')}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('sessionFormCancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

interface FieldAttrs {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** After a refused submit: the first marked field gets the focus (the clerk sees what to fix). */
function focusFirstProblem(formId: string) {
  setTimeout(() => {
    const el = document.getElementById(formId)?.querySelector<HTMLElement>('[aria-invalid="true"]');
    el?.focus();
  }, 0);
}
