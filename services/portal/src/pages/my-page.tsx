import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import {
  DataTable,
  errorsOf,
  FormattedDate,
  FormattedDateTime,
  Guarded,
  Loading,
  PageError,
  SignInRequired,
} from '../components';
import { ContactEditForm } from '../components/contact-edit-form';
import { graphql } from '../gql';
import type { MembershipApplicationKind } from '../gql/graphql';
import { useAuth } from '../lib/auth';
import { forbiddenPaths, inputProblems } from '../lib/error-actions';
import { useI18n, type MessageKey } from '../lib/i18n';
import { KIND_NAMES, STATUS_NAMES, useNames, type Names } from '../lib/names';
import { Link, useRouter } from '../lib/router';
import { ActOnBehalfView } from './act-on-behalf-view';
import { AssistantsView } from './assistants-view';
import { MY_MESSAGES, useMyText, type MyMessageKey } from './my-page-messages';
import { NotificationsView, PrivacyView } from './my-privacy-view';
import { DuesView, InsuranceView } from './my-records-view';
import { SurveysView } from './my-surveys-view';
import { SessionsView, TrainingView } from './my-training-view';

const SECTIONS: { path: string; label: MessageKey | MyMessageKey }[] = [
  { path: '/me', label: 'myNavProfile' },
  { path: '/me/memberships', label: 'myNavMemberships' },
  { path: '/me/applications', label: 'myNavApplications' },
  { path: '/me/training', label: 'navProgress' },
  { path: '/me/sessions', label: 'navSessions' },
  { path: '/me/insurance', label: 'navInsurance' },
  { path: '/me/dues', label: 'navDues' },
  { path: '/me/notifications', label: 'navNotifications' },
  { path: '/me/surveys', label: 'navSurveys' },
  { path: '/me/privacy', label: 'navPrivacy' },
  { path: '/me/access-log', label: 'myNavAccessLog' },
  { path: '/me/assistants', label: 'myNavAssistants' },
];

/** My Page: one view per section, each loading only what it shows (one operation). */
export function MyPage() {
  const { t } = useI18n();
  const { tm } = useMyText();
  const label = (key: MessageKey | MyMessageKey) =>
    key in MY_MESSAGES ? tm(key as MyMessageKey) : t(key as MessageKey);
  const auth = useAuth();
  const { location } = useRouter();
  if (!auth.ready) return <Loading />;
  if (!auth.user) return <SignInRequired title={t('myPageTitle')} reason={t('signInRequired')} />;
  const path = location.pathname.replace(/\/$/, '') || '/me';
  // staff (not yet acting for anyone): the way to act on a member's behalf
  if (auth.claims?.kind === 'STAFF' && !auth.claims.act)
    return (
      <div className="page">
        <h1>
          {t('myPageTitle')} — {label('navAct')}
        </h1>
        <ActOnBehalfView />
      </div>
    );
  let view: ReactNode;
  if (path === '/me/memberships') view = <MembershipsView />;
  else if (path === '/me/applications') view = <ApplicationsView />;
  else if (path === '/me/training') view = <TrainingView />;
  else if (path === '/me/sessions') view = <SessionsView />;
  else if (path === '/me/insurance') view = <InsuranceView />;
  else if (path === '/me/dues') view = <DuesView />;
  else if (path === '/me/notifications') view = <NotificationsView />;
  else if (path === '/me/surveys') view = <SurveysView />;
  else if (path === '/me/privacy') view = <PrivacyView />;
  else if (path === '/me/access-log') view = <AccessLogView />;
  else if (path === '/me/assistants') view = <AssistantsView />;
  else view = <ProfileView />;
  const section = SECTIONS.find((s) => s.path === path) ?? SECTIONS[0]!;
  return (
    <div className="page">
      <h1>
        {t('myPageTitle')} — {label(section.label)}
      </h1>
      <PageActingBanner />
      <nav aria-label={t('myPageTitle')} className="sub-nav">
        {SECTIONS.map((s) => (
          <Link key={s.path} to={s.path}>
            {label(s.label)}
          </Link>
        ))}
      </nav>
      {view}
    </div>
  );
}

const ActingPersonQuery = graphql(`
  query ActingPerson {
    me {
      id
      familyName
      givenName
    }
  }
`);

/**
 * The banner of every My Page view while someone acts for the physician (an assistant, or staff on
 * their behalf): part of the page, so no view can leave it out. Its one small query shares the
 * person's cache entry with the view's own; nobody acting, no query.
 */
function PageActingBanner() {
  const auth = useAuth();
  const acting = Boolean(auth.claims?.act) || auth.claims?.kind === 'ASSISTANT';
  const { data } = useQuery(ActingPersonQuery, { skip: !acting });
  return <ActingBanner person={data?.me ?? null} />;
}

/** Who acts for whom: an assistant, or staff acting on the physician's behalf (token `act`). */
function ActingBanner({ person }: { person: { familyName: string; givenName: string } | null }) {
  const { t } = useI18n();
  const { tm } = useMyText();
  const auth = useAuth();
  const claims = auth.claims;
  if (!claims || !person) return null;
  const name = `${person.familyName} ${person.givenName}`;
  const actor = String(auth.user?.profile.name ?? claims.sub);
  // an assistant's token carries act.kind ASSISTANT; staff acting on behalf: act.kind STAFF
  if (claims.kind === 'ASSISTANT' || claims.act?.kind === 'ASSISTANT')
    return (
      <div className="banner" role="note" data-testid="acting-banner">
        {t('bannerAssistant', { actor, person: name })}
      </div>
    );
  if (claims.act)
    return (
      <div className="banner" role="note" data-testid="acting-banner">
        {t('bannerStaff', {
          actor: String(auth.user?.profile.name ?? claims.act.sub),
          person: name,
          reason: claims.act.reason ?? '—',
        })}{' '}
        {auth.acting && (
          <button type="button" className="link-button" onClick={auth.stopActing}>
            {tm('actStop')}
          </button>
        )}
      </div>
    );
  return null;
}

/**
 * No person to show: a page error, or a required field the viewer may not read (the whole person
 * is then null: 閲覧権限なし), or an account without a physician.
 */
export function NoPerson({ error }: { error?: unknown }) {
  const { t } = useI18n();
  const errors = errorsOf(error);
  if (errors.some((e) => e.extensions?.code !== 'FORBIDDEN') || (error && errors.length === 0))
    return <PageError error={error} />;
  if (errors.length) return <p className="not-permitted">{t('notPermitted')}</p>;
  return <p>{t('noPerson')}</p>;
}

// ---------------------------------------------------------------------------------------------
// Profile and contact

const MyProfileQuery = graphql(`
  query MyProfile {
    me {
      id
      familyName
      givenName
      familyNameKana
      givenNameKana
      registryNumber
      birthDate
      ...ContactEditFields
    }
  }
`);

function ProfileView() {
  const { t } = useI18n();
  const { data, loading, error, refetch } = useQuery(MyProfileQuery);
  const formId = useId();
  const forbidden = forbiddenPaths(errorsOf(error));
  const me = data?.me;

  if (loading && !data) return <Loading />;
  if (!me) return <NoPerson error={error} />;

  const field = (key: keyof typeof me, label: MessageKey, value: ReactNode) => (
    <>
      <dt>{t(label)}</dt>
      <dd>
        <Guarded forbidden={forbidden} path={`me.${key}`}>
          {value ?? '—'}
        </Guarded>
      </dd>
    </>
  );

  return (
    <>
      <section className="card" aria-labelledby={`${formId}-profile`}>
        <h2 id={`${formId}-profile`}>{t('myNavProfile')}</h2>
        <dl className="fields">
          {field('familyName', 'name', `${me.familyName} ${me.givenName}`)}
          {field('familyNameKana', 'kana', `${me.familyNameKana} ${me.givenNameKana}`)}
          {field('registryNumber', 'registryNumber', me.registryNumber)}
          {field('birthDate', 'birthDate', me.birthDate ? <FormattedDate value={me.birthDate} /> : null)}
        </dl>
      </section>
      <ContactEditForm
        person={me}
        path="me"
        forbidden={forbidden}
        refetchLatest={refetch}
        testId="contact"
        ownData
      />
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// Memberships and history

const MyMembershipsQuery = graphql(`
  query MyMemberships {
    me {
      id
      familyName
      givenName
      memberships {
        id
        category
        status
        joinedOn
        leftOn
        association {
          id
          name
        }
      }
      membershipHistory {
        id
        kind
        category
        effectiveOn
        association {
          id
          name
        }
        counterpartAssociation {
          id
          name
        }
      }
    }
  }
`);

const EVENT_NAMES: Names = {
  JOIN: { ja: '入会', en: 'Joined' },
  TRANSFER_OUT: { ja: '異動（転出）', en: 'Transferred out' },
  TRANSFER_IN: { ja: '異動（転入）', en: 'Transferred in' },
  LEAVE: { ja: '退会', en: 'Left' },
  CATEGORY_CHANGE: { ja: '会員種別変更', en: 'Category change' },
  DEATH: { ja: '死亡', en: 'Death' },
};
function MembershipsView() {
  const { t } = useI18n();
  const name = useNames();
  const { data, loading, error } = useQuery(MyMembershipsQuery);
  const forbidden = forbiddenPaths(errorsOf(error));
  const me = data?.me;
  if (loading && !data) return <Loading />;
  if (!me) return <NoPerson error={error} />;
  return (
    <>
      <section className="card" aria-labelledby="memberships-heading">
        <h2 id="memberships-heading">{t('membershipsTitle')}</h2>
        <Guarded forbidden={forbidden} path="me.memberships">
          {(me.memberships ?? []).length === 0 ? (
            <p>{t('none')}</p>
          ) : (
            <DataTable
              labelledBy="memberships-heading"
              columns={[t('association'), t('category'), t('status'), t('joinedOn'), t('leftOn')]}
            >
              {(me.memberships ?? []).map((m) => (
                <tr key={m.id}>
                  <td>{m.association.name}</td>
                  <td>{m.category}</td>
                  <td>{name(STATUS_NAMES, m.status)}</td>
                  <td>
                    <FormattedDate value={m.joinedOn} />
                  </td>
                  <td>
                    <FormattedDate value={m.leftOn} />
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </Guarded>
      </section>
      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading">{t('historyTitle')}</h2>
        <Guarded forbidden={forbidden} path="me.membershipHistory">
          <ol className="plain-list">
            {(me.membershipHistory ?? []).map((e) => (
              <li key={e.id}>
                <FormattedDate value={e.effectiveOn} /> — {name(EVENT_NAMES, e.kind)}: {e.association.name}（
                {e.category}）{e.counterpartAssociation ? ` ⇄ ${e.counterpartAssociation.name}` : ''}
              </li>
            ))}
          </ol>
        </Guarded>
      </section>
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// Applications

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
function ApplicationsView() {
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

// ---------------------------------------------------------------------------------------------
// Who accessed my data

const MyAccessLogQuery = graphql(`
  query MyAccessLog {
    me {
      id
      familyName
      givenName
      accessLog(first: 100) {
        at
        viewerKind
        actorName
        onBehalfOf
        relations
        groups
        operation
        action
        association {
          id
          name
        }
      }
    }
  }
`);

const VIEWER_KINDS: Names = {
  STAFF: { ja: '医師会職員', en: 'Association staff' },
  PHYSICIAN: { ja: '医師', en: 'Physician' },
  ASSISTANT: { ja: '補助者', en: 'Assistant' },
  CLIENT: { ja: '連携システム', en: 'Connected system' },
};
const ACTIONS: Names = {
  READ: { ja: '閲覧', en: 'Read' },
  WRITE: { ja: '変更', en: 'Changed' },
  EXPORT: { ja: '出力', en: 'Exported' },
};

function AccessLogView() {
  const { t } = useI18n();
  const name = useNames();
  const { data, loading, error } = useQuery(MyAccessLogQuery);
  const forbidden = forbiddenPaths(errorsOf(error));
  const me = data?.me;
  if (loading && !data) return <Loading />;
  if (!me) return <NoPerson error={error} />;
  const log = me.accessLog ?? [];
  return (
    <>
      <section className="card" aria-labelledby="access-heading">
        <h2 id="access-heading">{t('accessLogTitle')}</h2>
        <Guarded forbidden={forbidden} path="me.accessLog">
          {log.length === 0 ? (
            <p>{t('none')}</p>
          ) : (
            <ul className="plain-list" data-testid="access-log">
              {log.map((e, i) => (
                <li key={i}>
                  <FormattedDateTime value={e.at} /> —{' '}
                  {[e.association?.name, e.actorName].filter(Boolean).join(' ') ||
                    name(VIEWER_KINDS, e.viewerKind)}
                  （{name(VIEWER_KINDS, e.viewerKind)}）: {name(ACTIONS, e.action)} {e.groups.join(', ')}
                </li>
              ))}
            </ul>
          )}
        </Guarded>
      </section>
    </>
  );
}
