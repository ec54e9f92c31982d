import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { errorsOf, FormattedDate, FormattedDateTime, Guarded, Loading, PageError } from '../components';
import { NoPerson } from '../components/no-person-notice';
import { graphql } from '../gql';
import type { MembershipApplicationKind } from '../gql/graphql';
import { forbiddenPaths, inputProblems } from '../lib/error-actions';
import { useI18n, type MessageKey } from '../lib/i18n';
import { KIND_NAMES, STATUS_NAMES, useNames } from '../lib/names';

const MyApplicationsQuery = graphql(`
  query MyApplications {
    me {
      id
      familyName
      givenName
      memberships {
        id
        category
        status
        association {
          id
          name
        }
      }
      membershipApplications {
        id
        kind
        status
        effectiveOn
        filedAt
        comment
        steps {
          id
          ordinal
          action
          category
          status
          decidedAt
          decidedByName
          association {
            id
            name
          }
        }
      }
    }
  }
`);

const FileApplicationMutation = graphql(`
  mutation FileMembershipApplication($input: FileMembershipApplicationInput!, $idempotencyKey: String!) {
    fileMembershipApplication(input: $input, idempotencyKey: $idempotencyKey) {
      id
      kind
      status
    }
  }
`);

const APPLICATION_KINDS: MembershipApplicationKind[] = ['CATEGORY_CHANGE', 'LEAVE', 'JOIN', 'TRANSFER'];

/** /me/applications: the physician's membership applications with their steps, and filing a new one. */
export function ApplicationsView() {
  const { t } = useI18n();
  const name = useNames();
  const { data, loading, error, refetch } = useQuery(MyApplicationsQuery);
  const [file, filing] = useMutation(FileApplicationMutation);
  const [kind, setKind] = useState<MembershipApplicationKind>('CATEGORY_CHANGE');
  const [associationId, setAssociationId] = useState('');
  const [category, setCategory] = useState('');
  const [effectiveOn, setEffectiveOn] = useState('');
  const [comment, setComment] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [filed, setFiled] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);
  const ids = useId();
  const forbidden = forbiddenPaths(errorsOf(error));
  const me = data?.me;
  const current = (me?.memberships ?? []).filter((m) => m.status === 'ACTIVE');
  useEffect(() => {
    if (!associationId && current[0]) setAssociationId(current[0].association.id);
  }, [associationId, current]);

  if (loading && !data) return <Loading />;
  if (!me) return <NoPerson error={error} />;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setFiled(false);
    setFailed(null);
    const result = await file({
      variables: {
        idempotencyKey: crypto.randomUUID(),
        input: {
          personId: me.id,
          kind,
          effectiveOn,
          associations: [{ associationId, category: category || null }],
          comment: comment || null,
        },
      },
    });
    const errors = errorsOf(result.error);
    const fieldProblems = inputProblems(errors);
    setProblems(fieldProblems);
    if (result.data?.fileMembershipApplication) {
      setFiled(true);
      setComment('');
      await refetch();
    } else if (!Object.keys(fieldProblems).length) setFailed(result.error ?? new Error('no answer'));
  };
  const problemOf = (field: string) =>
    Object.entries(problems).find(
      ([k]) => k === field || k.startsWith(`${field}.`) || k.startsWith(`${field}[`),
    )?.[1];
  const control = (key: string, label: MessageKey, field: string, input: (p: object) => ReactNode) => {
    const id = `${ids}-${key}`;
    const problem = problemOf(field);
    return (
      <div className="form-field">
        <label htmlFor={id}>{t(label)}</label>
        {input({
          id,
          'aria-invalid': problem ? true : undefined,
          'aria-describedby': problem ? `${id}-error` : undefined,
        })}
        {problem && (
          <p id={`${id}-error`} className="field-error">
            {problem}
          </p>
        )}
      </div>
    );
  };

  return (
    <>
      <section className="card" aria-labelledby="applications-heading">
        <h2 id="applications-heading">{t('applicationsTitle')}</h2>
        <Guarded forbidden={forbidden} path="me.membershipApplications">
          {(me.membershipApplications ?? []).length === 0 ? (
            <p>{t('noApplications')}</p>
          ) : (
            <ul className="plain-list" data-testid="applications">
              {(me.membershipApplications ?? []).map((a) => (
                <li key={a.id} className="application">
                  <p>
                    <strong>{name(KIND_NAMES, a.kind)}</strong> — {name(STATUS_NAMES, a.status)}（
                    {t('applicationEffectiveOn')}: <FormattedDate value={a.effectiveOn} />、{t('filedAt')}:{' '}
                    <FormattedDateTime value={a.filedAt} />）
                  </p>
                  {a.comment && <p className="meta">{a.comment}</p>}
                  <p className="meta">{t('steps')}:</p>
                  <ol>
                    {a.steps.map((s) => (
                      <li key={s.id}>
                        {s.association.name} — {name(STATUS_NAMES, s.status)}
                        {s.decidedByName && `（${s.decidedByName}）`}
                        {s.decidedAt && (
                          <>
                            {' '}
                            (<FormattedDateTime value={s.decidedAt} />)
                          </>
                        )}
                      </li>
                    ))}
                  </ol>
                </li>
              ))}
            </ul>
          )}
        </Guarded>
      </section>
      <section className="card" aria-labelledby="file-heading">
        <h2 id="file-heading">{t('fileApplication')}</h2>
        {filed && (
          <p role="status" className="notice notice--ok">
            {t('applicationFiled')}
          </p>
        )}
        {failed !== null && <PageError error={failed} />}
        {Object.keys(problems).length > 0 && (
          <p role="alert" className="notice notice--error">
            {t('fixInput')}
          </p>
        )}
        <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
          {control('kind', 'applicationKind', 'input.kind', (p) => (
            <select
              {...p}
              value={kind}
              onChange={(e) => setKind(e.target.value as MembershipApplicationKind)}
            >
              {APPLICATION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {name(KIND_NAMES, k)}
                </option>
              ))}
            </select>
          ))}
          {control('association', 'applicationAssociation', 'input.associations', (p) => (
            <select {...p} value={associationId} onChange={(e) => setAssociationId(e.target.value)}>
              {current.map((m) => (
                <option key={m.association.id} value={m.association.id}>
                  {m.association.name}（{m.category}）
                </option>
              ))}
            </select>
          ))}
          {control('category', 'applicationCategory', 'input.associations', (p) => (
            <input {...p} value={category} onChange={(e) => setCategory(e.target.value)} />
          ))}
          {control('effectiveOn', 'applicationEffectiveOn', 'input.effectiveOn', (p) => (
            <input
              {...p}
              type="date"
              required
              value={effectiveOn}
              onChange={(e) => setEffectiveOn(e.target.value)}
            />
          ))}
          {control('comment', 'applicationComment', 'input.comment', (p) => (
            <textarea {...p} rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
          ))}
          <button type="submit" className="button" disabled={filing.loading || !associationId}>
            {t('applicationSubmit')}
          </button>
        </form>
      </section>
    </>
  );
}
