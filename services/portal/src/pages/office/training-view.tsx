import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState } from 'react';
import { DataTable, errorsOf } from '../../components';
import { DryRunPanel } from '../../components/dry-run-panel';
import { graphql } from '../../gql';
import type { OfficeImportAttendanceMutation } from '../../gql/graphql';
import { inputProblems } from '../../lib/error-actions';
import { useI18n } from '../../lib/i18n';
import { Link } from '../../lib/router';
import { useNames } from './office-names';
import { SessionsSection } from './training/sessions-section';

const OfficeSessionsQuery = graphql(`
  query OfficeSessions($hostId: ID!) {
    trainingSessions(filter: { hostAssociationId: $hostId, includeCancelled: true }, first: 100) {
      id
      programCode
      title
      startsAt
      venue
      units
      capacity
      registeredCount
      waitlistedCount
      status
      version
    }
    trainingPrograms {
      code
      nameJa
      nameEn
      codes
    }
    association(id: $hostId) {
      id
      tier
    }
  }
`);

const ImportAttendanceMutation = graphql(`
  mutation OfficeImportAttendance($input: ImportAttendanceCsvInput!) {
    importAttendanceCsv(input: $input) {
      dryRun
      applied
      matched
      rejected
      rows {
        rowNumber
        registryNumber
        status
        message
        person {
          id
          familyName
          givenName
        }
      }
    }
  }
`);

const ROW_NAMES = {
  MATCHED: { ja: '照合済み（出席を記録）', en: 'Matched (attendance recorded)' },
  ALREADY_RECORDED: { ja: '記録済み（変更なし）', en: 'Already recorded (no change)' },
  UNKNOWN_REGISTRY_NUMBER: { ja: '未登録', en: 'Not registered' },
  NOT_REGISTERED: { ja: '受講申込なし（先に申込を登録）', en: 'Not registered for the session' },
  MALFORMED: { ja: '医籍登録番号の形式が不正', en: 'Not a registry number' },
  DUPLICATE: { ja: '重複行', en: 'Duplicate row' },
};

type Report = OfficeImportAttendanceMutation['importAttendanceCsv'];

/**
 * 研修会: the association's sessions (create, edit, cancel; registrations and the waiting list, in
 * training/); for prefectures and the JMA a link to the certification applications;
 * attendance import from a CSV of registry numbers — a dry run
 * shows matched / not registered / duplicate / malformed rows, then the clerk applies it.
 */
export function TrainingView({ associationId }: { associationId: string }) {
  const { t } = useI18n();
  const name = useNames();
  const id = useId();
  const sessions = useQuery(OfficeSessionsQuery, { variables: { hostId: associationId } });
  const [sessionId, setSessionId] = useState('');
  const [csv, setCsv] = useState('');
  const [preview, setPreview] = useState<{ report: Report; csv: string; sessionId: string } | null>(null);
  const [applied, setApplied] = useState<Report | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [run, running] = useMutation(ImportAttendanceMutation);
  const list = sessions.data?.trainingSessions ?? [];
  const tier = sessions.data?.association?.tier;

  const send = async (dryRun: boolean) => {
    const missing: Record<string, string> = {};
    if (!sessionId) missing['input.sessionId'] = t('trainingPickSession');
    if (!csv.trim()) missing['input.csv'] = t('trainingCsvRequired');
    setProblems(missing);
    setFailure(null);
    if (Object.keys(missing).length) return null;
    const result = await run({ variables: { input: { sessionId, csv, dryRun } } });
    const fields = inputProblems(errorsOf(result.error));
    if (Object.keys(fields).length) {
      setProblems(fields);
      return null;
    }
    if (result.error || !result.data) {
      setFailure(result.error);
      return null;
    }
    return result.data.importAttendanceCsv;
  };
  const onPreview = async () => {
    setApplied(null);
    const report = await send(true);
    setPreview(report ? { report, csv, sessionId } : null);
  };
  const onApply = async () => {
    const report = await send(false);
    if (report) {
      setApplied(report);
      setPreview(null);
      void sessions.refetch();
    }
  };
  const onFile = async (f: File | undefined) => {
    if (f) setCsv(await f.text());
  };

  const field = (key: 'sessionId' | 'csv') => {
    const problem = problems[`input.${key}`];
    return {
      'aria-invalid': problem ? true : undefined,
      'aria-describedby': problem ? `${id}-${key}-error` : undefined,
      error: problem ? (
        <p id={`${id}-${key}-error`} className="field-error">
          {problem}
        </p>
      ) : null,
    };
  };
  const sessionField = field('sessionId');
  const csvField = field('csv');
  // the preview stays valid only for the CSV and session it was made from
  const previewCurrent = preview && preview.csv === csv && preview.sessionId === sessionId;

  return (
    <>
      {tier && (
        <p className="actions">
          <Link to="/office/training/certifications" className="button button--secondary">
            {t('certNavLink')}
          </Link>
        </p>
      )}
      <SessionsSection
        associationId={associationId}
        sessions={list}
        programs={sessions.data?.trainingPrograms ?? []}
        loading={sessions.loading}
        error={sessions.error}
      />
      <DryRunPanel
        title={t('trainingImportTitle')}
        lead={t('trainingImportLead')}
        done={applied && t('trainingApplied', { applied: String(applied.applied) })}
        doneTestId="import-applied"
        failure={failure}
        busy={running.loading}
        onPreview={() => void onPreview()}
        fields={
          <>
            <div className="form-field">
              <label htmlFor={`${id}-session`}>{t('trainingSession')}</label>
              <select
                id={`${id}-session`}
                value={sessionId}
                aria-invalid={sessionField['aria-invalid']}
                aria-describedby={sessionField['aria-describedby']}
                onChange={(e) => setSessionId(e.target.value)}
              >
                <option value="">—</option>
                {list
                  .filter((s) => s.status !== 'CANCELLED')
                  .map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.title}（{s.startsAt.slice(0, 10)}）
                    </option>
                  ))}
              </select>
              {sessionField.error}
            </div>
            <div className="form-field">
              <label htmlFor={`${id}-file`}>{t('trainingCsvFile')}</label>
              <input
                id={`${id}-file`}
                type="file"
                accept=".csv,text/csv"
                onChange={(e) => void onFile(e.target.files?.[0])}
              />
            </div>
            <div className="form-field">
              <label htmlFor={`${id}-csv`}>{t('trainingCsv')}</label>
              <textarea
                id={`${id}-csv`}
                rows={5}
                value={csv}
                aria-invalid={csvField['aria-invalid']}
                aria-describedby={csvField['aria-describedby']}
                onChange={(e) => setCsv(e.target.value)}
              />
              {csvField.error}
            </div>
          </>
        }
        previewTestId="import-preview"
        preview={
          preview && (
            <>
              <p>
                {t('trainingPreviewSummary', {
                  matched: String(preview.report.matched),
                  rejected: String(preview.report.rejected),
                })}
              </p>
              <DataTable
                label={t('previewTitle')}
                columns={[t('rowNumber'), t('registryNumber'), t('name'), t('status')]}
              >
                {preview.report.rows.map((r) => (
                  <tr key={r.rowNumber}>
                    <td>{r.rowNumber}</td>
                    <td>{r.registryNumber ?? '—'}</td>
                    <td>
                      {r.person ? (
                        <Link to={`/office/members/${r.person.id}`}>
                          {r.person.familyName} {r.person.givenName}
                        </Link>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>{name(ROW_NAMES, r.status)}</td>
                  </tr>
                ))}
              </DataTable>
            </>
          )
        }
        applyLabel={t('trainingApply', { matched: String(preview?.report.matched ?? 0) })}
        applyDisabled={!previewCurrent || !preview || preview.report.matched === 0}
        onApply={() => void onApply()}
      />
    </>
  );
}
