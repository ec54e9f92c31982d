import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { Loading, SignInRequired } from '../components';
import { graphql } from '../gql';
import { useAuth } from '../lib/auth';
import { useI18n, type MessageKey } from '../lib/i18n';
import { Link, useRouter } from '../lib/router';
import { ActOnBehalfView } from './act-on-behalf-view';
import { AssistantsView } from './assistants-view';
import { AccessLogView } from './my-access-log-view';
import { ApplicationsView } from './my-applications-view';
import { MembershipsView } from './my-memberships-view';
import { MY_MESSAGES, useMyText, type MyMessageKey } from './my-page-messages';
import { NotificationsView, PrivacyView } from './my-privacy-view';
import { ProfileView } from './my-profile-view';
import { DuesView, InsuranceView } from './my-records-view';
import { SurveysView } from './my-surveys-view';
import { SessionsView } from './my-sessions-view';
import { TrainingView } from './my-training-view';

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
