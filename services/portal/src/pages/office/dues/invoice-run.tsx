/** 会費: the invoice run — a dry run lists what it would invoice, then the run (once per key). */
import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { DataTable, errorsOf } from '../../../components';
import { DryRunPanel, FieldError, newIdempotencyKey } from '../../../components/dry-run-panel';
import { graphql } from '../../../gql';
import type { OfficeInvoiceRunMutation } from '../../../gql/graphql';
import { inputProblems } from '../../../lib/error-actions';
import { useI18n } from '../../../lib/i18n';
import { STATUS_NAMES, useNames } from '../office-names';
import { operationOutcome, stillRunning, type ApplyState } from '../operations-view';
import { currentFiscalYear, fullName, yen } from './dues-format';

const InvoiceRunMutation = graphql(`
  mutation OfficeInvoiceRun(
    $associationId: ID!
    $fiscalYear: Int!
    $dryRun: Boolean!
    $idempotencyKey: String
  ) {
    generateDuesInvoices(
      associationId: $associationId
      fiscalYear: $fiscalYear
      dryRun: $dryRun
      idempotencyKey: $idempotencyKey
    ) {
      fiscalYear
      dryRun
      created
      exempt
      existing
      skipped {
        reason
        person {
          id
          familyName
          givenName
        }
      }
      operationId
      planned {
        categoryCode
        months
        amountYen
        status
        person {
          id
          familyName
          givenName
        }
      }
    }
  }
`);

const SKIP_NAMES = {
  DECEASED: { ja: '死亡', en: 'Deceased' },
  NO_FEE_SCHEDULE: {
    ja: '会費表なし（種別の会費を登録してください）',
    en: 'No fee schedule for the category',
  },
  NO_FEE_FOR_AGE: { ja: '年齢に合う会費区分なし', en: 'No fee band for the age' },
};

type Run = OfficeInvoiceRunMutation['generateDuesInvoices'];

export function InvoiceRun({ associationId }: { associationId: string }) {
  const { t } = useI18n();
  const name = useNames();
  const id = useId();
  const [year, setYear] = useState(String(currentFiscalYear()));
  const [preview, setPreview] = useState<{ run: Run; key: string } | null>(null);
  const [done, setDone] = useState<Run | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  /** The apply is on its way (the clerk may leave: 処理状況 shows it), or a second press found it running. */
  const [applying, setApplying] = useState<ApplyState>(null);
  const [run, running] = useMutation(InvoiceRunMutation);

  const send = async (dryRun: boolean, idempotencyKey?: string): Promise<Run | null> => {
    const fiscalYear = Number(year);
    if (!/^\d{4}$/.test(year.trim())) {
      setProblem(t('duesYearInvalid'));
      return null;
    }
    setProblem(null);
    setFailure(null);
    const result = await run({ variables: { associationId, fiscalYear, dryRun, idempotencyKey } });
    const fields = inputProblems(errorsOf(result.error));
    if (fields['fiscalYear']) {
      setProblem(fields['fiscalYear']);
      return null;
    }
    if (stillRunning(result.error)) {
      setApplying('ALREADY_RUNNING');
      return null;
    }
    if (result.error || !result.data) {
      setFailure(result.error);
      return null;
    }
    return result.data.generateDuesInvoices;
  };

  return (
    <DryRunPanel
      title={t('duesRunTitle')}
      lead={t('duesRunLead')}
      done={operationOutcome(
        done && t('duesRunDone', { created: String(done.created), existing: String(done.existing) }),
        applying,
        t,
      )}
      doneTestId="invoice-run-done"
      failure={failure}
      busy={running.loading}
      onPreview={() => {
        setDone(null);
        setApplying(null);
        void send(true).then((r) => setPreview(r && { run: r, key: newIdempotencyKey() }));
      }}
      fields={
        <div className="form-field">
          <label htmlFor={`${id}-year`}>{t('duesFiscalYear')}</label>
          <input
            id={`${id}-year`}
            inputMode="numeric"
            value={year}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${id}-year-error` : undefined}
            onChange={(e) => {
              setYear(e.target.value);
              setPreview(null);
            }}
          />
          <FieldError id={`${id}-year-error`} problem={problem} />
        </div>
      }
      previewTestId="invoice-preview"
      preview={
        preview && (
          <>
            <p>
              {t('duesRunSummary', {
                created: String(preview.run.created),
                exempt: String(preview.run.exempt),
                existing: String(preview.run.existing),
                skipped: String(preview.run.skipped.length),
              })}
            </p>
            {preview.run.planned.length > 0 && (
              <DataTable
                label={t('previewTitle')}
                columns={[t('name'), t('category'), t('duesMonths'), t('amountYen'), t('status')]}
              >
                {preview.run.planned.map((i, n) => (
                  <tr key={i.person?.id ?? n}>
                    <td>{fullName(i.person)}</td>
                    <td>{i.categoryCode}</td>
                    <td>{i.months}</td>
                    <td>{yen(i.amountYen)}</td>
                    <td>{name(STATUS_NAMES, i.status)}</td>
                  </tr>
                ))}
              </DataTable>
            )}
            {preview.run.skipped.length > 0 && (
              <ul className="plain-list">
                {preview.run.skipped.map((s, n) => (
                  <li key={s.person?.id ?? n}>
                    {fullName(s.person)}：{name(SKIP_NAMES, s.reason)}
                  </li>
                ))}
              </ul>
            )}
          </>
        )
      }
      applyLabel={t('duesRunApply', { created: String(preview?.run.created ?? 0) })}
      applyDisabled={!preview || preview.run.created === 0}
      onApply={() => {
        if (!preview) return;
        setApplying('RUNNING');
        void send(false, preview.key).then((r) => {
          if (r) {
            setApplying(null);
            setDone(r);
            setPreview(null);
          } else setApplying((a) => (a === 'ALREADY_RUNNING' ? a : null));
        });
      }}
    />
  );
}
