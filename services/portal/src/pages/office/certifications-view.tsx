import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState } from 'react';
import { DataTable, errorsOf, FormattedDateTime, Loading, PageError } from '../../components';
import { DecisionNote } from '../../components/decision-note';
import { graphql } from '../../gql';
import type { CertificationKind, OfficeCertificationApplicationsQuery } from '../../gql/graphql';
import { pageErrors } from '../../lib/error-actions';
import { useI18n, type MessageKey } from '../../lib/i18n';
import { Link } from '../../lib/router';

const OfficeCertificationApplicationsDocument = graphql(`
  query OfficeCertificationApplications($associationId: ID!) {
    association(id: $associationId) {
      id
      tier
    }
    trainingPrograms {
      code
      nameJa
      nameEn
      jmaProgram
    }
    certificationApplicationsToDecide(associationId: $associationId) {
      id
      programCode
      kind
      status
      holderName
      evidence
      version
      filedAt
      prefecturalAssociation {
        id
        name
      }
      person {
        id
        familyName
        givenName
        registryNumber
      }
      steps {
        step
        decision
        note
        decidedAt
        association {
          id
          name
        }
      }
    }
  }
`);

/** What the applicant has met and lacks under the rule the application is judged by. */
const OfficeApplicantProgressDocument = graphql(`
  query OfficeApplicantProgress($personId: ID!, $program: String!, $kind: CertificationKind) {
    person(id: $personId) {
      id
      trainingSummary(program: $program, kind: $kind) {
        programCode
        kind
        eligible
        evidenceRequired
        deadline
        windowFrom
        windowTo
        rule {
          id
          note
        }
        requirements {
          key
          required
          achieved
          met
          missing
        }
      }
    }
  }
`);

const CheckApplicationMutation = graphql(`
  mutation OfficeCheckCertificationApplication($input: DecideCertificationApplicationInput!) {
    checkCertificationApplication(input: $input) {
      id
      status
      version
    }
  }
`);

const ApproveApplicationMutation = graphql(`
  mutation OfficeApproveCertificationApplication($input: DecideCertificationApplicationInput!) {
    approveCertificationApplication(input: $input) {
      id
      status
      version
      certificate {
        id
        number
      }
    }
  }
`);

type Application = OfficeCertificationApplicationsQuery['certificationApplicationsToDecide'][number];
type Program = OfficeCertificationApplicationsQuery['trainingPrograms'][number];

/**
 * 認定申請の審査: for a prefectural association the applications filed by its members, to check and
 * pass on to the JMA (or return); for the JMA those checked by a prefecture, to approve (issuing the
 * certificate) or reject. Each shows the applicant's requirements: what is met, what is missing.
 */
export function CertificationsView({ associationId }: { associationId: string }) {
  const { t } = useI18n();
  const id = useId();
  const { data, loading, error, refetch } = useQuery(OfficeCertificationApplicationsDocument, {
    variables: { associationId },
    fetchPolicy: 'cache-and-network',
  });
  const [notice, setNotice] = useState<string | null>(null);
  const tier = data?.association?.tier;
  const jma = tier === 'NATIONAL';
  const forbidden = errorsOf(error).some((e) => e.extensions?.code === 'FORBIDDEN');
  const list = data?.certificationApplicationsToDecide ?? [];

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t(jma ? 'certTitleJma' : 'certTitlePrefecture')}</h2>
      <p>
        <Link to="/office/training">{t('certBack')}</Link>
      </p>
      {forbidden ? (
        <p data-testid="certifications-not-here">{t('certNotHere')}</p>
      ) : (
        <>
          <p className="lead">
            {t(jma ? 'certLeadJma' : tier === 'PREFECTURAL' ? 'certLeadPrefecture' : 'certLeadOwn')}
          </p>
          {notice && (
            <p role="status" className="notice notice--ok" data-testid="certification-decided">
              {notice}
            </p>
          )}
          <PageError error={error} />
          {loading && !data ? (
            <Loading />
          ) : list.length === 0 ? (
            <p data-testid="certifications-none">{t('certNone')}</p>
          ) : (
            <ul className="plain-list" data-testid="certification-applications">
              {list.map((a) => (
                <ApplicationItem
                  key={a.id}
                  app={a}
                  programs={data?.trainingPrograms ?? []}
                  onDecided={(message) => {
                    setNotice(message);
                    void refetch();
                  }}
                  onConflict={() => refetch()}
                />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function ApplicationItem({
  app,
  programs,
  onDecided,
  onConflict,
}: {
  app: Application;
  programs: readonly Program[];
  onDecided(message: string): void;
  /** Reloads the list (resolves when the fresh versions are in). */
  onConflict(): Promise<unknown>;
}) {
  const { t, pick } = useI18n();
  const id = useId();
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);
  const [check, checking] = useMutation(CheckApplicationMutation);
  const [approve, approving] = useMutation(ApproveApplicationMutation);
  const busy = checking.loading || approving.loading;
  const program = programs.find((p) => p.code === app.programCode);
  // the final decision: the JMA's on a checked application, or an own programme's association's
  const atJma =
    app.status === 'CHECKED' || (program ? !program.jmaProgram : app.programCode.startsWith('OWN'));
  const programName = program ? pick(program.nameJa, program.nameEn) : app.programCode;
  const who = app.person ? `${app.person.familyName} ${app.person.givenName}` : app.holderName;

  const onDecide = async (yes: boolean) => {
    if (!yes && !note.trim()) {
      setProblem(t('certNoteRequired'));
      document.getElementById(`${id}-note`)?.focus();
      return;
    }
    setProblem(null);
    const confirmKey: MessageKey = atJma
      ? yes
        ? 'certApproveConfirm'
        : 'certRejectConfirm'
      : yes
        ? 'certPassConfirm'
        : 'certReturnConfirm';
    if (!window.confirm(t(confirmKey))) return;
    setFailure(null);
    setConflict(false);
    const input = { id: app.id, version: app.version, approve: yes, note: note.trim() || null };
    const result = atJma ? await approve({ variables: { input } }) : await check({ variables: { input } });
    const errs = errorsOf(result.error);
    const bad = errs.find((e) => e.extensions?.code === 'BAD_USER_INPUT');
    if (bad) setProblem(bad.message);
    else if (errs.some((e) => e.extensions?.code === 'CONFLICT')) {
      await onConflict();
      setConflict(true);
    } else if (result.error || !result.data) setFailure(result.error);
    else {
      const number =
        'approveCertificationApplication' in result.data
          ? result.data.approveCertificationApplication.certificate?.number
          : undefined;
      onDecided(number ? t('certIssued', { number, name: who }) : t('certDecided', { name: who }));
    }
  };

  return (
    <li className="card" aria-labelledby={`${id}-h`} data-testid="certification-application">
      <h3 id={`${id}-h`}>
        {programName}（{t(`certKind${app.kind}` as MessageKey)}）：
        {app.person ? <Link to={`/office/members/${app.person.id}`}>{who}</Link> : who}
      </h3>
      <dl className="fields">
        <dt>{t('registryNumber')}</dt>
        <dd>{app.person?.registryNumber ?? '—'}</dd>
        <dt>{t('certHolderName')}</dt>
        <dd>{app.holderName}</dd>
        <dt>{t('certFiledAt')}</dt>
        <dd>
          <FormattedDateTime value={app.filedAt} />
        </dd>
        <dt>{t('certPrefecture')}</dt>
        <dd>{app.prefecturalAssociation.name}</dd>
        <dt>{t('certEvidence')}</dt>
        <dd>{app.evidence ?? '—'}</dd>
        <dt>{t('certSteps')}</dt>
        <dd>
          <ol className="plain-list" data-testid="certification-steps">
            {app.steps.map((s, i) => (
              <li key={i}>
                {t(`certStep${s.step}` as MessageKey)}
                {s.association ? `（${s.association.name}）` : ''}—{' '}
                <strong>{t(`certDecision${s.decision}` as MessageKey)}</strong>{' '}
                <FormattedDateTime value={s.decidedAt} />
                {s.note ? `：${s.note}` : ''}
              </li>
            ))}
          </ol>
        </dd>
      </dl>
      <ApplicantProgress personId={app.person.id} programCode={app.programCode} kind={app.kind} />
      {conflict && (
        <p role="alert" className="notice notice--error">
          {t('certConflict')}
        </p>
      )}
      <PageError error={failure} />
      <div className="form">
        <DecisionNote
          inputId={`${id}-note`}
          errorId={`${id}-error`}
          label={t('certNote')}
          value={note}
          problem={problem}
          onChange={setNote}
        />
        <div className="actions">
          <button type="button" className="button" disabled={busy} onClick={() => void onDecide(true)}>
            {t(atJma ? 'certApprove' : 'certPass')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            disabled={busy}
            onClick={() => void onDecide(false)}
          >
            {t(atJma ? 'certReject' : 'certReturn')}
          </button>
        </div>
      </div>
    </li>
  );
}

/** The applicant's requirements under the rule of the application's kind (met / missing). */
function ApplicantProgress({
  personId,
  programCode,
  kind,
}: {
  personId: string;
  programCode: string;
  kind: CertificationKind;
}) {
  const { t } = useI18n();
  const id = useId();
  const { data, loading, error, refetch } = useQuery(OfficeApplicantProgressDocument, {
    variables: { personId, program: programCode, kind },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  if (loading && !data?.person?.trainingSummary) return <Loading />;
  const s = data?.person?.trainingSummary;
  // not loaded (a service too slow, even after the client's retries) is not "not permitted"
  if (!s && error && pageErrors(errorsOf(error)).length > 0)
    return (
      <div data-testid="applicant-progress">
        <PageError error={error} onRetry={() => void refetch()} />
      </div>
    );
  if (!s)
    return (
      <p className="not-permitted" data-testid="applicant-progress">
        {t('certProgressHidden')}
      </p>
    );
  const requirementName = (key: string) => {
    const [k, arg] = key.split(':');
    const known = ['TOTAL', 'DISTINCT_CODES', 'CATEGORY', 'CERTIFICATE'].includes(k ?? '');
    const name = known ? t(`certReq${k}` as MessageKey) : key;
    return known && arg ? `${name}: ${arg}` : name;
  };
  return (
    <div data-testid="applicant-progress">
      <h4 id={`${id}-h`}>{t('certProgress')}</h4>
      <p>
        <strong className={s.eligible ? 'status-ok' : 'status-missing'}>
          {t(s.eligible ? 'certEligible' : 'certNotEligible')}
        </strong>
      </p>
      <DataTable
        labelledBy={`${id}-h`}
        columns={[t('certProgress'), t('certRequired'), t('certAchieved'), t('certMissing')]}
      >
        {s.requirements.map((r) => (
          <tr key={r.key} data-testid={`requirement-${r.key}`}>
            <td>{requirementName(r.key)}</td>
            <td>{r.required}</td>
            <td>{r.achieved}</td>
            <td>{r.met ? t('certMet') : r.missing}</td>
          </tr>
        ))}
      </DataTable>
      {s.evidenceRequired && <p className="meta">{t('certEvidenceRequired')}</p>}
      {s.rule?.note && <p className="meta">{s.rule.note}</p>}
    </div>
  );
}
