import { useMutation } from '@apollo/client/react';
import { Fragment, useId, useState, type FormEvent } from 'react';
import { errorsOf, Guarded, NotPermitted, PageError } from '../components';
import { graphql } from '../gql';
import type { ContactEditFieldsFragment } from '../gql/graphql';
import { inputProblems, pageErrors } from '../lib/error-actions';
import { useI18n, type MessageKey } from '../lib/i18n';

/** What the form shows and saves of a person; spread into the query that loads the person. */
export const ContactEditFields = graphql(`
  fragment ContactEditFields on Person {
    id
    email
    phone
    postalCode
    prefectureCode
    address
    version
  }
`);

const UpdateContactMutation = graphql(`
  mutation UpdateContact($id: ID!, $version: Int!, $input: PersonInput!) {
    updatePerson(id: $id, version: $version, input: $input) {
      ...ContactEditFields
    }
  }
`);

interface ContactForm {
  email: string;
  phone: string;
  postalCode: string;
  prefectureCode: string;
  address: string;
}

const CONTACT_FIELDS: { key: keyof ContactForm; label: MessageKey; type?: string; auto?: string }[] = [
  { key: 'email', label: 'email', type: 'email', auto: 'email' },
  { key: 'phone', label: 'phone', type: 'tel', auto: 'tel' },
  { key: 'postalCode', label: 'postalCode', auto: 'postal-code' },
  { key: 'prefectureCode', label: 'prefectureCode', type: 'number' },
  { key: 'address', label: 'address', auto: 'street-address' },
];

/**
 * A person's contact data (連絡先) and its edit form, for the physician's own My Page and for the
 * office's member page alike. The save carries the version the form started from; a stale version
 * (CONFLICT) keeps what was typed, reloads the latest data FIRST and only then says so, showing the
 * latest data beside the message ("continue with the latest version" then takes the new version).
 */
export function ContactEditForm({
  person,
  path,
  forbidden,
  refetchLatest,
  testId,
  ownData = false,
}: {
  person: ContactEditFieldsFragment;
  /** Where the person stands in its query's answer (`me`, `person`): the FORBIDDEN paths below it. */
  path: string;
  forbidden: Set<string>;
  /** Loads the person again (the query the person came from). */
  refetchLatest: () => Promise<unknown>;
  /** The test id of the list of contact fields. */
  testId: string;
  /** The viewer's own data: the browser may offer to fill it in (autocomplete). */
  ownData?: boolean;
}) {
  const { t } = useI18n();
  const formId = useId();
  const [form, setForm] = useState<ContactForm | null>(null);
  const [baseVersion, setBaseVersion] = useState<number | null>(null);
  const [status, setStatus] = useState<'saved' | 'conflict' | 'invalid' | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [failed, setFailed] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [save] = useMutation(UpdateContactMutation);
  const p = person;

  const unreadable = CONTACT_FIELDS.filter(({ key }) => forbidden.has(`${path}.${key}`));
  // a field the viewer cannot read would be saved empty: no form then (the field says 閲覧権限なし)
  const editable = !forbidden.has(`${path}.version`) && unreadable.length === 0;

  const startEdit = () => {
    setForm({
      email: p.email ?? '',
      phone: p.phone ?? '',
      postalCode: p.postalCode ?? '',
      prefectureCode: p.prefectureCode ? String(p.prefectureCode) : '',
      address: p.address ?? '',
    });
    setBaseVersion(p.version ?? null);
    setStatus(null);
    setProblems({});
    setFailed(null);
  };

  const submit = async () => {
    if (!form || baseVersion === null) return;
    setFailed(null);
    const result = await save({
      variables: {
        id: p.id,
        version: baseVersion,
        input: {
          email: form.email || null,
          phone: form.phone || null,
          postalCode: form.postalCode || null,
          prefectureCode: form.prefectureCode ? Number(form.prefectureCode) : null,
          address: form.address || null,
        },
      },
    });
    const errors = errorsOf(result.error);
    if (errors.some((x) => x.extensions?.code === 'CONFLICT')) {
      // the latest data first, then the message: both appear together, and "continue with the
      // latest version" takes the new version (the input stays as typed)
      await refetchLatest().catch(() => undefined);
      setStatus('conflict');
      return;
    }
    const fieldProblems = inputProblems(errors);
    if (Object.keys(fieldProblems).length) {
      setProblems(fieldProblems);
      setStatus('invalid');
      return;
    }
    if (result.data?.updatePerson) {
      setForm(null);
      setStatus('saved');
      setProblems({});
      return;
    }
    setProblems({});
    setStatus(null);
    setFailed(result.error ?? new Error('no answer'));
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await submit();
    } finally {
      setBusy(false);
    }
  };

  const field = (key: keyof ContactForm, label: MessageKey) => (
    <>
      <dt>{t(label)}</dt>
      <dd>
        <Guarded forbidden={forbidden} path={`${path}.${key}`}>
          {p[key] ?? '—'}
        </Guarded>
      </dd>
    </>
  );

  // a failure other than the input's: the page's error, or 閲覧権限なし for a refused write
  const failure =
    failed === null ? null : errorsOf(failed).length > 0 && pageErrors(errorsOf(failed)).length === 0 ? (
      <p role="alert" className="notice notice--error">
        {t('notPermitted')}
      </p>
    ) : (
      <PageError error={failed} />
    );

  return (
    <section className="card" aria-labelledby={`${formId}-contact`}>
      <h2 id={`${formId}-contact`}>{t('contactTitle')}</h2>
      {status === 'saved' && (
        <p role="status" className="notice notice--ok">
          {t('saved')}
        </p>
      )}
      {!form ? (
        <>
          <dl className="fields" data-testid={testId}>
            {CONTACT_FIELDS.map(({ key, label }) => (
              <Fragment key={key}>{field(key, label)}</Fragment>
            ))}
          </dl>
          {editable ? (
            <button type="button" className="button" onClick={startEdit}>
              {t('edit')}
            </button>
          ) : (
            // the version alone unreadable: said once (an unreadable field already says it)
            unreadable.length === 0 && <NotPermitted />
          )}
        </>
      ) : (
        <form onSubmit={(e) => void onSubmit(e)} className="form" noValidate>
          {status === 'conflict' && (
            <div role="alert" className="notice notice--error" data-testid="conflict">
              <p>{t('conflict')}</p>
              <p>
                <strong>{t('latestOnServer')}:</strong> {p.email ?? '—'} / {p.phone ?? '—'} /{' '}
                {p.postalCode ?? '—'} {p.address ?? ''}
              </p>
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  setBaseVersion(p.version ?? null);
                  setStatus(null);
                }}
              >
                {t('reloadLatest')}
              </button>
            </div>
          )}
          {status === 'invalid' && (
            <p role="alert" className="notice notice--error">
              {t('fixInput')}
            </p>
          )}
          {failure}
          {CONTACT_FIELDS.map(({ key, label, type, auto }) => {
            const id = `${formId}-${key}`;
            const problem = problems[`input.${key}`];
            return (
              <div className="form-field" key={key}>
                <label htmlFor={id}>{t(label)}</label>
                <input
                  id={id}
                  name={key}
                  type={type ?? 'text'}
                  autoComplete={ownData ? auto : undefined}
                  value={form[key]}
                  aria-invalid={problem ? true : undefined}
                  aria-describedby={problem ? `${id}-error` : undefined}
                  onChange={(e) => setForm({ ...form, [key]: e.target.value })}
                />
                {problem && (
                  <p id={`${id}-error`} className="field-error">
                    {problem}
                  </p>
                )}
              </div>
            );
          })}
          <div className="actions">
            <button
              type="submit"
              className="button"
              disabled={busy || status === 'conflict'}
              aria-disabled={status === 'conflict' || undefined}
            >
              {t('save')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setForm(null)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
