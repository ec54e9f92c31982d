import { useMutation } from '@apollo/client/react';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { errorsOf, PageError } from '../../../components';
import type { SessionVisibility } from '../../../gql/graphql';
import { inputProblems, inputReasons } from '../../../lib/error-actions';
import { useI18n } from '../../../lib/i18n';
import { SessionCreditLinesFieldset } from './session-credit-lines-fieldset';
import {
  emptyValues,
  focusFirstProblem,
  localProblems,
  problemText,
  valuesOf,
  type FieldAttrs,
  type FormValues,
} from './session-form-model';
import {
  CreateSessionMutation,
  REFETCH,
  UpdateSessionMutation,
  type Detail,
  type Program,
} from './session-operations';

/** Create (no `session`) or edit a session; problems are shown at their fields, input kept. */
export function SessionForm({
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
  /** The session as it is now; throws when it cannot be read. */
  onReload?(): Promise<Detail>;
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

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    setConflict(false);
    const local = localProblems(t, values, !session);
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
    setFailure(null);
    try {
      const fresh = await onReload?.();
      if (fresh) setVersion(fresh.version);
      setConflict(false);
    } catch (error) {
      // the latest version could not be read: said so; the conflict notice stays to ask again
      setFailure(error);
    }
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
        <SessionCreditLinesFieldset
          id={id}
          credits={values.credits}
          program={program}
          editing={!!session}
          problems={problems}
          onChange={(update) => setValues((v) => ({ ...v, credits: update(v.credits) }))}
        />
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
