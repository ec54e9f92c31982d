import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { Loading, SignInRequired } from '../../components';
import { graphql } from '../../gql';
import { useAuth } from '../../lib/auth';
import { useI18n, type MessageKey } from '../../lib/i18n';
import { Link, useRouter } from '../../lib/router';
import { ApprovalsView } from './approvals-view';
import { CertificationsView } from './certifications-view';
import { DuesView } from './dues-view';
import { MailingView } from './mailing-view';
import { MemberDetailView } from './member-detail-view';
import { MemberRegisterView } from './member-register-view';
import { MembersView } from './members-view';
import { NoticesView } from './notices-view';
import { OperationsView } from './operations-view';
import { StaffAdminView } from './staff-admin-view';
import { StatisticsView } from './statistics-view';
import { SurveysView } from './surveys-view';
import { TrainingView } from './training-view';

const SECTIONS: { path: string; label: MessageKey; adminOnly?: boolean }[] = [
  { path: '/office/members', label: 'officeNavMembers' },
  { path: '/office/approvals', label: 'officeNavApprovals' },
  { path: '/office/training', label: 'officeNavTraining' },
  { path: '/office/dues', label: 'officeNavDues' },
  { path: '/office/operations', label: 'officeNavOperations' },
  { path: '/office/mailing', label: 'officeNavMailing' },
  { path: '/office/statistics', label: 'officeNavStatistics' },
  { path: '/office/notices', label: 'officeNavNotices' },
  { path: '/office/surveys', label: 'officeNavSurveys' },
  // office administration: in the navigation for the association's ADMIN only (the API decides)
  { path: '/office/admin', label: 'officeNavAdmin', adminOnly: true },
];

const OfficeAssociationQuery = graphql(`
  query OfficeAssociation($id: ID!) {
    association(id: $id) {
      id
      name
    }
  }
`);

/**
 * The office console (事務局): the daily work of an association's staff. Every view acts for the
 * association of the signed-in staff account (token claim `association_id`); the API decides what
 * each may see and do.
 */
export function OfficePage() {
  const { t } = useI18n();
  const auth = useAuth();
  const { location } = useRouter();
  if (!auth.ready) return <Loading />;
  if (!auth.user) return <SignInRequired title={t('officeTitle')} reason={t('officeStaffOnly')} />;
  const associationId = auth.claims?.association_id;
  if (auth.claims?.kind !== 'STAFF' || !associationId)
    return (
      <div className="page">
        <h1>{t('officeTitle')}</h1>
        <p>{t('officeStaffOnly')}</p>
      </div>
    );
  const path = location.pathname.replace(/\/$/, '');
  const memberId = /^\/office\/members\/([^/]+)$/.exec(path)?.[1];
  const surveyId = /^\/office\/surveys\/([^/]+)$/.exec(path)?.[1];
  let view: ReactNode;
  // the section follows the address (a member's page belongs to 会員一覧, a survey's to アンケート)
  const section = SECTIONS.find((s) => path === s.path || path.startsWith(`${s.path}/`)) ?? SECTIONS[0]!;
  if (path === '/office/members/new') view = <MemberRegisterView associationId={associationId} />;
  else if (memberId)
    view = <MemberDetailView personId={decodeURIComponent(memberId)} associationId={associationId} />;
  else if (path === '/office/approvals') {
    view = <ApprovalsView associationId={associationId} />;
  } else if (path === '/office/training') {
    view = <TrainingView associationId={associationId} />;
  } else if (path === '/office/training/certifications') {
    view = <CertificationsView associationId={associationId} />;
  } else if (path === '/office/dues') {
    view = <DuesView associationId={associationId} />;
  } else if (path === '/office/operations') {
    view = <OperationsView associationId={associationId} />;
  } else if (path === '/office/mailing') {
    view = <MailingView associationId={associationId} />;
  } else if (path === '/office/statistics') {
    view = <StatisticsView associationId={associationId} />;
  } else if (path === '/office/notices') {
    view = <NoticesView associationId={associationId} />;
  } else if (path === '/office/admin') {
    // a CLERK who opens the address directly is refused (閲覧権限なし), as the API refuses them
    view =
      auth.claims?.role === 'ADMIN' ? (
        <StaffAdminView />
      ) : (
        <p className="notice notice--error" data-testid="staff-admin-refused">
          {t('staffAdminNotPermitted')}
        </p>
      );
  } else if (path === '/office/surveys' || surveyId) {
    view = (
      <SurveysView
        associationId={associationId}
        surveyId={surveyId ? decodeURIComponent(surveyId) : undefined}
      />
    );
  } else view = <MembersView associationId={associationId} />;
  const isAdmin = auth.claims?.role === 'ADMIN';
  return (
    <div className="page">
      <h1>
        {t('officeTitle')} — {t(section.label)}
      </h1>
      <OfficeName associationId={associationId} />
      <nav aria-label={t('officeTitle')} className="sub-nav">
        {SECTIONS.filter((s) => !s.adminOnly || isAdmin).map((s) => (
          <Link key={s.path} to={s.path} aria-current={s === section ? 'page' : undefined}>
            {t(s.label)}
          </Link>
        ))}
      </nav>
      {view}
    </div>
  );
}

/**
 * The office's name under the heading. Its line is there from the first render (empty until the
 * name arrives), so nothing below moves when it does: a layout shift under a clerk's pointer turns
 * a click into a click on something else.
 */
function OfficeName({ associationId }: { associationId: string }) {
  const { data } = useQuery(OfficeAssociationQuery, { variables: { id: associationId } });
  return (
    <p className="meta" data-testid="office-name">
      {data?.association?.name ?? '\u00a0'}
    </p>
  );
}
