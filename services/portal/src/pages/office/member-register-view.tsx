import { useMutation, useQuery } from '@apollo/client/react';
import { Fragment, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { errorsOf, FormattedDate, PageError } from '../../components';
import { graphql } from '../../gql';
import { useI18n, type MessageKey } from '../../lib/i18n';
import { Link, useRouter } from '../../lib/router';
import { tokyoDate } from './member-export';
import {
  createPersonVariables,
  emptyRegisterForm,
  formFieldOf,
  missingFields,
  newIdempotencyKey,
  PREFECTURES,
  type RegisterField,
  type RegisterForm,
} from './member-register';
import { SEX_NAMES, useNames } from './office-names';

const OfficeRegisterCategoriesQuery = graphql(`
  query OfficeRegisterCategories($id: ID!) {
    association(id: $id) {
      id
      membershipCategories {
        id
        code
        name
      }
    }
  }
`);

const OfficeCreatePersonMutation = graphql(`
  mutation OfficeCreatePerson(
    $input: PersonInput!
    $membership: InitialMembershipInput!
    $confirmDuplicate: Boolean
    $idempotencyKey: String!
  ) {
    createPerson(
      input: $input
      membership: $membership
      confirmDuplicate: $confirmDuplicate
      idempotencyKey: $idempotencyKey
    ) {
      id
    }
  }
`);

const LABELS: Record<RegisterField, MessageKey> = {
  familyName: 'familyName',
  givenName: 'givenName',
  familyNameKana: 'familyNameKana',
  givenNameKana: 'givenNameKana',
  birthDate: 'birthDate',
  sex: 'sex',
  registryNumber: 'registryNumber',
  registryDate: 'registryDate',
  email: 'email',
  phone: 'phone',
  postalCode: 'postalCode',
  prefectureCode: 'prefecture',
  address: 'address',
  category: 'category',
  joinedOn: 'joinedOn',
};
const HINTS: Partial<Record<RegisterField, MessageKey>> = {
  familyNameKana: 'kanaHint',
  givenNameKana: 'kanaHint',
  registryNumber: 'registryNumberHint',
};
const PERSON_FIELDS: RegisterField[] = [
  'familyName',
  'givenName',
  'familyNameKana',
  'givenNameKana',
  'birthDate',
  'sex',
  'registryNumber',
  'registryDate',
  'email',
  'phone',
  'postalCode',
  'prefectureCode',
  'address',
];
const MEMBERSHIP_FIELDS: RegisterField[] = ['category', 'joinedOn'];
const REQUIRED = new Set<RegisterField>([
  'familyName',
  'givenName',
  'familyNameKana',
  'givenNameKana',
  'birthDate',
  'sex',
  'registryNumber',
  'category',
  'joinedOn',
]);
const INPUT_TYPES: Partial<Record<RegisterField, string>> = {
  birthDate: 'date',
  registryDate: 'date',
  joinedOn: 'date',
  email: 'email',
  phone: 'tel',
  registryNumber: 'text',
};

type Step = 'edit' | 'confirm';

/**
 * 会員の新規登録: the clerk enters a person who joins this association, checks a preview, and
 * registers (`createPerson`, the existence-safe path: a registry number of a person the office
 * cannot see goes exactly as an unused one). Every error is shown at its field with the API's
 * message; a same-name-and-birth-date warning lists only persons the office already sees (as the
 * API answers) and registers on an explicit confirmation. One idempotency key per preview, so a
 * second press never registers twice. Success opens the new member's page.
 */
export function MemberRegisterView({ associationId }: { associationId: string }) {
  const { t } = useI18n();
  const name = useNames();
  const id = useId();
  const { navigate } = useRouter();
  const categories = useQuery(OfficeRegisterCategoriesQuery, { variables: { id: associationId } });
  const [form, setForm] = useState<RegisterForm>(() => emptyRegisterForm(tokyoDate()));
  const [step, setStep] = useState<Step>('edit');
  const [problems, setProblems] = useState<Partial<Record<RegisterField, string>>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [duplicate, setDuplicate] = useState<{ message: string; ids: string[] } | null>(null);
  const key = useRef<string>('');
  const [create, creating] = useMutation(OfficeCreatePersonMutation);
  const summaryRef = useRef<HTMLDivElement>(null);
  const confirmRef = useRef<HTMLHeadingElement>(null);
  const list = categories.data?.association?.membershipCategories ?? [];
  const fid = (f: RegisterField) => `${id}-${f}`;

  // keyboard and screen-reader users land where the page changed
  useEffect(() => {
    if (step === 'confirm') confirmRef.current?.focus();
    else if (Object.keys(problems).length) summaryRef.current?.focus();
  }, [step, problems]);

  const set = (f: RegisterField, value: string) => setForm({ ...form, [f]: value });

  const review = (e: FormEvent) => {
    e.preventDefault();
    const missing = missingFields(form);
    const found: Partial<Record<RegisterField, string>> = {};
    for (const f of missing) found[f] = t(f === 'sex' || f === 'category' ? 'chooseOne' : 'requiredMissing');
    setProblems(found);
    setFailure(null);
    setDuplicate(null);
    if (missing.length) return;
    key.current = newIdempotencyKey();
    setStep('confirm');
  };

  const register = async (confirmDuplicate: boolean) => {
    setFailure(null);
    const result = await create({
      variables: {
        ...createPersonVariables(form, associationId),
        confirmDuplicate,
        idempotencyKey: key.current,
      },
    });
    const created = result.data?.createPerson;
    if (created) {
      navigate(`/office/members/${encodeURIComponent(created.id)}`);
      return;
    }
    const errs = errorsOf(result.error);
    const fieldProblems: Partial<Record<RegisterField, string>> = {};
    for (const err of errs) {
      const code = err.extensions?.code;
      const path = err.extensions?.field;
      if (code === 'CONFLICT' && path === 'confirmDuplicate') {
        const dups = (err.extensions?.details?.duplicates ?? []) as { id: string }[];
        // the confirmed registration is another request: its own key, made once, here
        key.current = newIdempotencyKey();
        setDuplicate({ message: err.message, ids: dups.map((d) => d.id) });
        return;
      }
      const field = typeof path === 'string' ? formFieldOf(path) : null;
      if ((code === 'BAD_USER_INPUT' || code === 'CONFLICT') && field) fieldProblems[field] = err.message;
    }
    if (Object.keys(fieldProblems).length) {
      setProblems(fieldProblems);
      setStep('edit');
      return;
    }
    setFailure(result.error ?? new Error('no answer'));
  };

  const shown = (f: RegisterField): ReactNode => {
    const v = form[f];
    if (!v) return <span className="meta">{t('notEntered')}</span>;
    if (f === 'sex') return name(SEX_NAMES, v);
    if (f === 'prefectureCode') return PREFECTURES[Number(v) - 1] ?? v;
    if (f === 'category') {
      const c = list.find((x) => x.code === v);
      return c ? `${c.code}（${c.name}）` : v;
    }
    if (f === 'birthDate' || f === 'registryDate' || f === 'joinedOn') return <FormattedDate value={v} />;
    return v;
  };

  const field = (f: RegisterField) => {
    const problem = problems[f];
    const hint = HINTS[f];
    const describedBy =
      [hint ? `${fid(f)}-hint` : '', problem ? `${fid(f)}-error` : ''].filter(Boolean).join(' ') || undefined;
    const label = (
      <>
        {t(LABELS[f])}
        {REQUIRED.has(f) && <span className="meta">（{t('required')}）</span>}
      </>
    );
    const after = (
      <>
        {hint && (
          <p id={`${fid(f)}-hint`} className="hint">
            {t(hint)}
          </p>
        )}
        {problem && (
          <p id={`${fid(f)}-error`} className="field-error">
            {problem}
          </p>
        )}
      </>
    );
    const common = {
      id: fid(f),
      name: f,
      'aria-invalid': problem ? true : undefined,
      'aria-describedby': describedBy,
      'aria-required': REQUIRED.has(f) ? true : undefined,
    } as const;
    if (f === 'sex')
      return (
        <fieldset className="form-field" key={f} aria-describedby={describedBy}>
          <legend>{label}</legend>
          {(['MALE', 'FEMALE', 'OTHER'] as const).map((s) => (
            <label key={s} className="checkbox">
              <input
                type="radio"
                name={`${id}-sex`}
                value={s}
                checked={form.sex === s}
                aria-invalid={problem ? true : undefined}
                onChange={() => set('sex', s)}
              />{' '}
              {name(SEX_NAMES, s)}
            </label>
          ))}
          {after}
        </fieldset>
      );
    if (f === 'prefectureCode' || f === 'category')
      return (
        <div className="form-field" key={f}>
          <label htmlFor={fid(f)}>{label}</label>
          <select {...common} value={form[f]} onChange={(e) => set(f, e.target.value)}>
            <option value="">{f === 'category' ? t('chooseOne') : t('prefectureNone')}</option>
            {f === 'category'
              ? list.map((c) => (
                  <option key={c.id} value={c.code}>
                    {c.code}（{c.name}）
                  </option>
                ))
              : PREFECTURES.map((p, i) => (
                  <option key={p} value={String(i + 1)}>
                    {p}
                  </option>
                ))}
          </select>
          {after}
        </div>
      );
    return (
      <div className="form-field" key={f}>
        <label htmlFor={fid(f)}>{label}</label>
        <input
          {...common}
          type={INPUT_TYPES[f] ?? 'text'}
          inputMode={f === 'registryNumber' || f === 'postalCode' ? 'numeric' : undefined}
          autoComplete="off"
          value={form[f]}
          onChange={(e) => set(f, e.target.value)}
        />
        {after}
      </div>
    );
  };

  const problemList = (Object.keys(problems) as RegisterField[]).filter((f) => problems[f]);

  return (
    <>
      <p>
        <Link to="/office/members">{t('memberBack')}</Link>
      </p>
      <section className="card" aria-labelledby={`${id}-title`} data-testid="member-register">
        <h2 id={`${id}-title`}>{t('registerTitle')}</h2>
        <PageError error={categories.error ?? failure} />
        {step === 'edit' ? (
          <>
            <p className="lead">{t('registerLead')}</p>
            {problemList.length > 0 && (
              <div
                ref={summaryRef}
                tabIndex={-1}
                role="alert"
                className="notice notice--error"
                data-testid="register-problems"
              >
                <p>{t('registerProblems')}</p>
                <ul>
                  {problemList.map((f) => (
                    <li key={f}>
                      <a href={`#${fid(f)}`}>
                        {t(LABELS[f])}：{problems[f]}
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            <form className="form" onSubmit={review} noValidate>
              <fieldset className="form">
                <legend>{t('registerPerson')}</legend>
                {PERSON_FIELDS.map(field)}
              </fieldset>
              <fieldset className="form">
                <legend>{t('registerMembership')}</legend>
                {MEMBERSHIP_FIELDS.map(field)}
              </fieldset>
              <div className="actions">
                <button type="submit" className="button">
                  {t('registerReview')}
                </button>
              </div>
            </form>
          </>
        ) : (
          <div data-testid="register-confirm">
            <h3 ref={confirmRef} tabIndex={-1}>
              {t('registerConfirmTitle')}
            </h3>
            <p>{t('registerConfirmLead')}</p>
            <dl className="fields">
              {[...PERSON_FIELDS, ...MEMBERSHIP_FIELDS].map((f) => (
                <Fragment key={f}>
                  <dt>{t(LABELS[f])}</dt>
                  <dd>{shown(f)}</dd>
                </Fragment>
              ))}
            </dl>
            {duplicate && (
              <div role="alert" className="notice notice--error" data-testid="register-duplicate">
                <p>{duplicate.message}</p>
                {duplicate.ids.length > 0 && (
                  <ul>
                    {duplicate.ids.map((d, i) => (
                      <li key={d}>
                        <Link to={`/office/members/${encodeURIComponent(d)}`}>
                          {t('registerDuplicateOpen', { n: String(i + 1) })}
                        </Link>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            )}
            <div className="actions">
              {duplicate ? (
                <button
                  type="button"
                  className="button"
                  disabled={creating.loading}
                  onClick={() => void register(true)}
                >
                  {t('registerDuplicateConfirm')}
                </button>
              ) : (
                <button
                  type="button"
                  className="button"
                  disabled={creating.loading}
                  onClick={() => void register(false)}
                >
                  {t('registerSubmit')}
                </button>
              )}
              <button
                type="button"
                className="button button--secondary"
                disabled={creating.loading}
                onClick={() => {
                  setDuplicate(null);
                  setStep('edit');
                }}
              >
                {t('registerBack')}
              </button>
            </div>
          </div>
        )}
      </section>
    </>
  );
}
