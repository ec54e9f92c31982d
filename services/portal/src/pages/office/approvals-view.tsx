import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState } from 'react';
import { errorsOf, FormattedDate, FormattedDateTime, Loading, PageError } from '../../components';
import { DecisionNote } from '../../components/decision-note';
import { graphql } from '../../gql';
import type { OfficeApprovalsQuery, StepDecision } from '../../gql/graphql';
import { useI18n } from '../../lib/i18n';
import { Link } from '../../lib/router';
import { KIND_NAMES, STATUS_NAMES, useNames } from './office-names';

const OfficeApprovalsDocument = graphql(`
  query OfficeApprovals {
    membershipApplications(status: PENDING) {
      id
      kind
      status
      effectiveOn
      comment
      filedAt
      person {
        id
        familyName
        givenName
        familyNameKana
        givenNameKana
      }
      steps {
        id
        ordinal
        association {
          id
          name
        }
        action
        category
        status
        comment
      }
      currentStep {
        id
        association {
          id
        }
      }
    }
  }
`);

const DecideStepMutation = graphql(`
  mutation OfficeDecideStep($stepId: ID!, $decision: StepDecision!, $comment: String) {
    decideMembershipApplicationStep(stepId: $stepId, decision: $decision, comment: $comment) {
      id
      status
      steps {
        id
        status
        comment
      }
      currentStep {
        id
        association {
          id
        }
      }
    }
  }
`);

/** 承認待ち: applications whose current step is this association's; approve or reject with a comment. */
export function ApprovalsView({ associationId }: { associationId: string }) {
  const { t } = useI18n();
  const id = useId();
  const { data, loading, error, refetch } = useQuery(OfficeApprovalsDocument);
  const [done, setDone] = useState(false);
  const waiting = (data?.membershipApplications ?? []).filter(
    (a) => a.currentStep?.association.id === associationId,
  );
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('approvalsTitle')}</h2>
      {done && (
        <p role="status" className="notice notice--ok">
          {t('decided')}
        </p>
      )}
      <PageError error={error} />
      {loading && !data ? (
        <Loading />
      ) : waiting.length === 0 ? (
        <p>{t('approvalsNone')}</p>
      ) : (
        <ul className="plain-list" data-testid="approvals">
          {waiting.map((a) => (
            <Application
              key={a.id}
              app={a}
              associationId={associationId}
              onDecided={() => {
                setDone(true);
                void refetch();
              }}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

type App = OfficeApprovalsQuery['membershipApplications'][number];

function Application({
  app,
  associationId,
  onDecided,
}: {
  app: App;
  associationId: string;
  onDecided(): void;
}) {
  const { t } = useI18n();
  const name = useNames();
  const id = useId();
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [decide, deciding] = useMutation(DecideStepMutation);
  const [failure, setFailure] = useState<unknown>(null);
  const who = app.person ? `${app.person.familyName} ${app.person.givenName}` : '—';

  const onDecide = async (decision: StepDecision) => {
    if (decision === 'REJECT' && !comment.trim()) {
      setProblem(t('rejectNeedsComment'));
      return;
    }
    setProblem(null);
    if (!window.confirm(t(decision === 'APPROVE' ? 'approveConfirm' : 'rejectConfirm'))) return;
    const result = await decide({
      variables: { stepId: app.currentStep!.id, decision, comment: comment.trim() || null },
    });
    const errs = errorsOf(result.error);
    const bad = errs.find((e) => e.extensions?.code === 'BAD_USER_INPUT');
    if (bad) setProblem(bad.message);
    else if (errs.length || result.error) setFailure(result.error);
    else onDecided();
  };

  return (
    <li className="card" aria-labelledby={`${id}-h`} data-testid="approval">
      <h3 id={`${id}-h`}>
        {name(KIND_NAMES, app.kind)}：
        {app.person ? <Link to={`/office/members/${app.person.id}`}>{who}</Link> : who}
      </h3>
      <dl className="fields">
        <dt>{t('applicationEffectiveOn')}</dt>
        <dd>
          <FormattedDate value={app.effectiveOn} />
        </dd>
        <dt>{t('filedAt')}</dt>
        <dd>
          <FormattedDateTime value={app.filedAt} />
        </dd>
        <dt>{t('applicationComment')}</dt>
        <dd>{app.comment ?? '—'}</dd>
        <dt>{t('chain')}</dt>
        <dd>
          <ol className="plain-list">
            {app.steps.map((s) => (
              <li key={s.id}>
                {s.ordinal}. {s.association.name}（{name(KIND_NAMES, s.action)}・{s.category}）—{' '}
                <strong>{name(STATUS_NAMES, s.status)}</strong>
                {s.association.id === associationId && s.status === 'PENDING' ? ' ◀' : ''}
              </li>
            ))}
          </ol>
        </dd>
      </dl>
      <PageError error={failure} />
      <div className="form">
        <DecisionNote
          inputId={`${id}-comment`}
          errorId={`${id}-error`}
          label={t('decisionComment')}
          value={comment}
          problem={problem}
          onChange={setComment}
        />
        <div className="actions">
          <button
            type="button"
            className="button"
            disabled={deciding.loading}
            onClick={() => void onDecide('APPROVE')}
          >
            {t('approve')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            disabled={deciding.loading}
            onClick={() => void onDecide('REJECT')}
          >
            {t('reject')}
          </button>
        </div>
      </div>
    </li>
  );
}
