import { useApolloClient, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { DataTable, errorsOf, FormattedDate, FormattedDateTime, Guarded, Loading } from '../components';
import { graphql } from '../gql';
import { gatewayOrigin } from '../lib/config';
import { forbiddenPaths } from '../lib/error-actions';
import { useI18n } from '../lib/i18n';
import { Link } from '../lib/router';
import { NoPerson } from '../components/no-person-notice';
import { useMyText, type MyMessageKey } from './my-page-messages';

// ---------------------------------------------------------------------------------------------
// Training: credits, progress toward each certificate, certificates and attendance certificates

const MyTrainingQuery = graphql(`
  query MyTraining {
    trainingPrograms {
      code
      nameJa
      nameEn
    }
    me {
      id
      familyName
      givenName
      creditLedger {
        id
        programCode
        code
        units
        earnedOn
      }
      cme: trainingSummary(program: "CME") {
        ...ProgressFields
      }
      occupational: trainingSummary(program: "OCCUPATIONAL") {
        ...ProgressFields
      }
      sports: trainingSummary(program: "SPORTS") {
        ...ProgressFields
      }
      familyDoctor: trainingSummary(program: "FAMILY_DOCTOR") {
        ...ProgressFields
      }
      certificates {
        id
        number
        programCode
        validFrom
        validTo
        status
        verificationCode
      }
      trainingAttendances {
        id
        status
        attendedAt
        units
        session {
          id
          title
          programCode
          startsAt
        }
      }
    }
  }
  fragment ProgressFields on TrainingSummary {
    programCode
    kind
    asOf
    rule {
      id
      note
    }
    windowFrom
    windowTo
    deadline
    graceUntil
    inGrace
    units
    total
    eligible
    evidenceRequired
    requirements {
      key
      required
      achieved
      met
      missing
    }
  }
`);

/** Fresh short-lived document links (asked for at the click: a link is not kept). */
const MyTrainingDocumentsQuery = graphql(`
  query MyTrainingDocuments {
    me {
      id
      certificates {
        id
        document {
          path
          expiresAt
        }
      }
      trainingAttendances {
        id
        certificateDocument {
          path
          expiresAt
        }
      }
    }
  }
`);

const PROGRESS_ALIASES = ['cme', 'occupational', 'sports', 'familyDoctor'] as const;

/** A download button: asks the API for a fresh link, then the browser fetches the PDF (attachment). */
function DownloadButton({
  kind,
  id,
  label,
}: {
  kind: 'certificate' | 'attendance';
  id: string;
  label: string;
}) {
  const { tm } = useMyText();
  const client = useApolloClient();
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const onClick = async () => {
    setState('busy');
    const result = await client.query({ query: MyTrainingDocumentsQuery, fetchPolicy: 'network-only' });
    const me = result.data?.me;
    const path =
      kind === 'certificate'
        ? me?.certificates?.find((c) => c.id === id)?.document?.path
        : me?.trainingAttendances?.find((a) => a.id === id)?.certificateDocument?.path;
    if (!path) {
      setState('failed');
      return;
    }
    setState('idle');
    // Content-Disposition: attachment — the browser downloads and the page stays
    window.location.assign(new URL(path, gatewayOrigin()).toString());
  };
  return (
    <>
      <button
        type="button"
        className="button button--secondary"
        disabled={state === 'busy'}
        onClick={() => void onClick()}
      >
        {label}
      </button>
      {state === 'failed' && (
        <span role="alert" className="field-error">
          {' '}
          {tm('downloadFailed')}
        </span>
      )}
    </>
  );
}

export function TrainingView() {
  const { t, pick } = useI18n();
  const { tm, tmOr } = useMyText();
  const { data, loading, error } = useQuery(MyTrainingQuery);
  const forbidden = forbiddenPaths(errorsOf(error));
  const me = data?.me;
  if (loading && !data) return <Loading />;
  if (!me) return <NoPerson error={error} />;
  const programName = (code: string) => {
    const p = data?.trainingPrograms.find((x) => x.code === code);
    return p ? pick(p.nameJa, p.nameEn) : code;
  };
  const totals = new Map<string, number>();
  for (const e of me.creditLedger ?? [])
    totals.set(`${e.programCode} ${e.code}`, (totals.get(`${e.programCode} ${e.code}`) ?? 0) + e.units);
  const requirementName = (key: string) => {
    const [kind, arg] = key.split(':');
    const name = tmOr(`req${kind}`);
    return arg ? `${name}: ${kind === 'CERTIFICATE' ? programName(arg) : arg}` : name;
  };
  const attended = (me.trainingAttendances ?? []).filter((a) => a.status === 'ATTENDED');
  return (
    <>
      <section className="card" aria-labelledby="progress-heading">
        <h2 id="progress-heading">{tm('progressTitle')}</h2>
        {PROGRESS_ALIASES.map((alias) => {
          const s = me[alias];
          if (forbidden.has(`me.${alias}`))
            return (
              <p key={alias}>
                <Guarded forbidden={forbidden} path={`me.${alias}`}>
                  {null}
                </Guarded>
              </p>
            );
          if (!s) return null;
          return (
            <div key={alias} className="progress" data-testid={`progress-${s.programCode}`}>
              <h3>
                {programName(s.programCode)}（{tm(`progressKind${s.kind}` as MyMessageKey)}）
              </h3>
              {!s.rule ? (
                <p>{tm('progressNoRule')}</p>
              ) : (
                <>
                  <p>
                    <strong className={s.eligible ? 'status-ok' : 'status-missing'}>
                      {s.eligible ? tm('progressEligible') : tm('progressNotEligible')}
                    </strong>
                    {s.windowFrom && (
                      <>
                        {' '}
                        — {tm('progressWindow')}: <FormattedDate value={s.windowFrom} /> 〜{' '}
                        <FormattedDate value={s.windowTo} />
                      </>
                    )}
                    {s.deadline && (
                      <>
                        {' '}
                        — {tm('progressDeadline')}: <FormattedDate value={s.deadline} />
                      </>
                    )}
                  </p>
                  <DataTable
                    label={programName(s.programCode)}
                    columns={[
                      tm('progressRequirement'),
                      tm('progressRequired'),
                      tm('progressAchieved'),
                      tm('progressMissing'),
                    ]}
                  >
                    {s.requirements.map((r) => (
                      <tr key={r.key}>
                        <td>{requirementName(r.key)}</td>
                        <td>{r.required}</td>
                        <td>{r.achieved}</td>
                        <td>{r.met ? tm('progressMet') : r.missing}</td>
                      </tr>
                    ))}
                  </DataTable>
                  {s.evidenceRequired && <p className="meta">{tm('progressEvidence')}</p>}
                  {s.rule.note && <p className="meta">{s.rule.note}</p>}
                </>
              )}
            </div>
          );
        })}
      </section>
      <section className="card" aria-labelledby="credits-heading">
        <h2 id="credits-heading">{t('trainingTitle')}</h2>
        <Guarded forbidden={forbidden} path="me.creditLedger">
          {totals.size === 0 ? (
            <p>{t('none')}</p>
          ) : (
            <DataTable labelledBy="credits-heading" columns={[t('program'), t('code'), t('units')]}>
              {[...totals].map(([key, units]) => (
                <tr key={key}>
                  <td>{programName(key.split(' ')[0]!)}</td>
                  <td>{key.split(' ')[1]}</td>
                  <td>{units}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </Guarded>
      </section>
      <section className="card" aria-labelledby="certificates-heading">
        <h2 id="certificates-heading">{t('certificatesTitle')}</h2>
        <Guarded forbidden={forbidden} path="me.certificates">
          {(me.certificates ?? []).length === 0 ? (
            <p>{t('none')}</p>
          ) : (
            <ul className="plain-list" data-testid="certificates">
              {(me.certificates ?? []).map((c) => (
                <li key={c.id}>
                  <p>
                    <strong>{programName(c.programCode)}</strong> {t('certificateNumber')} {c.number}（
                    {t('validity')}: <FormattedDate value={c.validFrom} /> 〜{' '}
                    <FormattedDate value={c.validTo} />） {t('verificationCode')}:{' '}
                    <Link to={`/verify?code=${encodeURIComponent(c.verificationCode)}`}>
                      {c.verificationCode}
                    </Link>
                  </p>
                  <DownloadButton
                    kind="certificate"
                    id={c.id}
                    label={`${tm('downloadCertificate')}: ${c.number}`}
                  />
                </li>
              ))}
            </ul>
          )}
        </Guarded>
      </section>
      <section className="card" aria-labelledby="attended-heading">
        <h2 id="attended-heading">{tm('attendedTitle')}</h2>
        <Guarded forbidden={forbidden} path="me.trainingAttendances">
          {attended.length === 0 ? (
            <p>{t('none')}</p>
          ) : (
            <ul className="plain-list" data-testid="attended">
              {attended.map((a) => (
                <li key={a.id}>
                  <p>
                    <FormattedDateTime value={a.session.startsAt} /> — <strong>{a.session.title}</strong>（
                    {programName(a.session.programCode)}、{a.units} {t('units')}）
                  </p>
                  <DownloadButton
                    kind="attendance"
                    id={a.id}
                    label={`${tm('downloadAttendance')}: ${a.session.title}`}
                  />
                </li>
              ))}
            </ul>
          )}
        </Guarded>
      </section>
    </>
  );
}
