/** 会費: a bank file (CSV or Zengin) — a dry-run matching review, then the apply (once per key). */
import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { DataTable, errorsOf, FormattedDate } from '../../../components';
import { DryRunPanel, FieldError, newIdempotencyKey } from '../../../components/dry-run-panel';
import { graphql } from '../../../gql';
import type { OfficeImportPaymentsMutation, TextEncoding } from '../../../gql/graphql';
import { inputProblems } from '../../../lib/error-actions';
import { useI18n } from '../../../lib/i18n';
import { operationOutcome, stillRunning, type ApplyState } from '../operations-view';
import { fullName, yen } from './dues-format';

const ImportPaymentsMutation = graphql(`
  mutation OfficeImportPayments($input: ImportDuesPaymentsInput!) {
    importDuesPayments(input: $input) {
      dryRun
      applied
      totalRows
      matchedCount
      unmatchedCount
      matchedAmountYen
      operationId
      rows {
        rowNumber
        matched
        reason
        message
        paidOn
        amountYen
        payer
        reference
        invoice {
          id
          person {
            id
            familyName
            givenName
          }
        }
      }
    }
  }
`);

type Report = OfficeImportPaymentsMutation['importDuesPayments'];

export function PaymentImport({ associationId }: { associationId: string }) {
  const { t } = useI18n();
  const id = useId();
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [encoding, setEncoding] = useState<TextEncoding>('UTF8');
  const [preview, setPreview] = useState<{ report: Report; key: string } | null>(null);
  const [done, setDone] = useState<Report | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  /** The apply is on its way (the clerk may leave: 処理状況 shows it), or a second press found it running. */
  const [applying, setApplying] = useState<ApplyState>(null);
  const [run, running] = useMutation(ImportPaymentsMutation);

  const onFile = async (f: File | undefined) => {
    setPreview(null);
    setDone(null);
    if (!f) return setFile(null);
    const bytes = new Uint8Array(await f.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000)
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    setFile({ name: f.name, base64: btoa(binary) });
  };
  const send = async (dryRun: boolean, idempotencyKey?: string): Promise<Report | null> => {
    if (!file) {
      setProblem(t('duesFileRequired'));
      return null;
    }
    setProblem(null);
    setFailure(null);
    const result = await run({
      variables: { input: { associationId, csvBase64: file.base64, encoding, dryRun, idempotencyKey } },
    });
    const fields = inputProblems(errorsOf(result.error));
    const fieldProblem = fields['input.csvBase64'] ?? fields['input.encoding'];
    if (fieldProblem) {
      setProblem(fieldProblem);
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
    return result.data.importDuesPayments;
  };

  return (
    <DryRunPanel
      title={t('duesImportTitle')}
      lead={t('duesImportLead')}
      done={operationOutcome(
        done && t('duesImportDone', { count: String(done.matchedCount), amount: yen(done.matchedAmountYen) }),
        applying,
        t,
      )}
      doneTestId="payments-done"
      failure={failure}
      busy={running.loading}
      onPreview={() => {
        setDone(null);
        setApplying(null);
        void send(true).then((r) => setPreview(r && { report: r, key: newIdempotencyKey() }));
      }}
      fields={
        <>
          <div className="form-field">
            <label htmlFor={`${id}-file`}>{t('duesBankFile')}</label>
            <input
              id={`${id}-file`}
              type="file"
              accept=".csv,text/csv"
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? `${id}-file-error` : undefined}
              onChange={(e) => void onFile(e.target.files?.[0])}
            />
            <FieldError id={`${id}-file-error`} problem={problem} />
          </div>
          <div className="form-field">
            <label htmlFor={`${id}-encoding`}>{t('duesEncoding')}</label>
            <select
              id={`${id}-encoding`}
              value={encoding}
              onChange={(e) => {
                setEncoding(e.target.value as TextEncoding);
                setPreview(null);
              }}
            >
              <option value="UTF8">UTF-8</option>
              <option value="SHIFT_JIS">Shift_JIS</option>
            </select>
          </div>
        </>
      }
      previewTestId="payments-preview"
      preview={
        preview && (
          <>
            <p>
              {t('duesImportSummary', {
                total: String(preview.report.totalRows),
                matched: String(preview.report.matchedCount),
                unmatched: String(preview.report.unmatchedCount),
                amount: yen(preview.report.matchedAmountYen),
              })}
            </p>
            <DataTable
              label={t('previewTitle')}
              columns={[
                t('rowNumber'),
                t('duesPaidOn'),
                t('amountYen'),
                t('duesPayer'),
                t('duesReference'),
                t('duesResult'),
              ]}
            >
              {preview.report.rows.map((r) => (
                <tr key={r.rowNumber}>
                  <td>{r.rowNumber}</td>
                  <td>
                    <FormattedDate value={r.paidOn} />
                  </td>
                  <td>{r.amountYen !== null ? yen(r.amountYen) : '—'}</td>
                  <td>{r.payer ?? '—'}</td>
                  <td>{r.reference ?? '—'}</td>
                  <td>
                    {r.matched
                      ? `${t('duesMatched')}${r.invoice?.person ? `（${fullName(r.invoice.person)}）` : ''}`
                      : (r.message ?? r.reason ?? '—')}
                  </td>
                </tr>
              ))}
            </DataTable>
          </>
        )
      }
      applyLabel={t('duesImportApply', { matched: String(preview?.report.matchedCount ?? 0) })}
      applyDisabled={!preview || preview.report.matchedCount === 0}
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
