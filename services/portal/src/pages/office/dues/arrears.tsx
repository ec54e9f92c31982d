/** 会費: arrears and reminders (滞納・督促): the filters, the selection, the reminder letters. */
import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useMemo, useState } from 'react';
import { DataTable, errorsOf, Loading } from '../../../components';
import { DryRunPanel, FieldError, newIdempotencyKey } from '../../../components/dry-run-panel';
import { graphql } from '../../../gql';
import type { OfficeDuesArrearsQuery, OfficeDuesRemindersMutation } from '../../../gql/graphql';
import { inputProblems } from '../../../lib/error-actions';
import { useI18n } from '../../../lib/i18n';
import { useNames } from '../office-names';
import { ArrearsTable } from './arrears-table';
import { fullName, yen } from './dues-format';

const ArrearsQuery = graphql(`
  query OfficeDuesArrears($associationId: ID!, $fiscalYear: Int, $overdueOnly: Boolean) {
    duesArrears(associationId: $associationId, fiscalYear: $fiscalYear, overdueOnly: $overdueOnly) {
      id
      fiscalYear
      categoryCode
      reference
      amountYen
      paidYen
      outstandingYen
      issuedOn
      dueOn
      daysOverdue
      reminderCount
      lastRemindedAt
      person {
        id
        familyName
        givenName
      }
    }
  }
`);

const RemindersMutation = graphql(`
  mutation OfficeDuesReminders($input: SendDuesRemindersInput!) {
    sendDuesReminders(input: $input) {
      dryRun
      memberCount
      totalOutstandingYen
      lines {
        outstandingYen
        daysOverdue
        invoice {
          id
          fiscalYear
          reference
          person {
            id
            familyName
            givenName
          }
        }
      }
      skipped {
        invoiceId
        reason
      }
      letters {
        filename
        contentType
        contentBase64
        rowCount
        provisionRecord {
          id
          recipient
          createdAt
        }
      }
    }
  }
`);

const REMINDER_SKIP_NAMES = {
  NOT_FOUND: { ja: '該当なし', en: 'Not found' },
  SETTLED: { ja: '納付済み・免除', en: 'Settled' },
  NOT_OVERDUE: { ja: '納期限前', en: 'Not yet due' },
};

type Invoice = OfficeDuesArrearsQuery['duesArrears'][number];
type Reminders = OfficeDuesRemindersMutation['sendDuesReminders'];
type PaymentState = 'ALL' | 'UNPAID' | 'PARTIAL';

/** A base64 file as a download link (an object URL; the letters are made in the browser's memory). */
function fileUrl(base64: string, contentType: string): string {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return URL.createObjectURL(new Blob([bytes], { type: contentType }));
}

/**
 * 滞納・督促: the association's open invoices (unpaid or partly paid) with the amount outstanding,
 * the due date and the days overdue (the API's clock), filtered by fiscal year, payment state and
 * overdue only; the clerk selects invoices, previews the reminders, then makes the letters (PDF),
 * recorded as a provision record with the recipient.
 */
export function Arrears({ associationId }: { associationId: string }) {
  const { t } = useI18n();
  const name = useNames();
  const id = useId();
  const [yearInput, setYearInput] = useState('');
  const [filter, setFilter] = useState<{ fiscalYear: number | null; overdueOnly: boolean }>({
    fiscalYear: null,
    overdueOnly: true,
  });
  const [payment, setPayment] = useState<PaymentState>('ALL');
  const [yearProblem, setYearProblem] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [recipient, setRecipient] = useState('');
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<{ result: Reminders; key: string; ids: string[] } | null>(null);
  const [done, setDone] = useState<{ result: Reminders; url: string | null } | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const arrears = useQuery(ArrearsQuery, { variables: { associationId, ...filter } });
  const [remind, reminding] = useMutation(RemindersMutation);

  const rows = useMemo(
    () =>
      (arrears.data?.duesArrears ?? []).filter((i: Invoice) =>
        payment === 'ALL' ? true : payment === 'UNPAID' ? i.paidYen === 0 : i.paidYen > 0,
      ),
    [arrears.data, payment],
  );
  const chosen = rows.filter((r) => selected.has(r.id)).map((r) => r.id);
  const total = rows.reduce((s, r) => s + r.outstandingYen, 0);

  const applyFilter = () => {
    const y = yearInput.trim();
    if (y && !/^\d{4}$/.test(y)) {
      setYearProblem(t('duesYearInvalid'));
      return;
    }
    setYearProblem(null);
    setSelected(new Set());
    setPreview(null);
    setFilter((f) => ({ ...f, fiscalYear: y ? Number(y) : null }));
  };
  const toggle = (invoiceId: string, on: boolean) => {
    setPreview(null);
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(invoiceId);
      else next.delete(invoiceId);
      return next;
    });
  };

  const send = async (dryRun: boolean, ids: string[], idempotencyKey?: string) => {
    const missing: Record<string, string> = {};
    if (!ids.length) missing['input.invoiceIds'] = t('duesRemindChoose');
    if (!recipient.trim()) missing['input.recipient'] = t('duesRemindRecipientRequired');
    setProblems(missing);
    setFailure(null);
    if (Object.keys(missing).length) return null;
    const result = await remind({
      variables: {
        input: {
          associationId,
          invoiceIds: ids,
          recipient,
          note: note.trim() || null,
          dryRun,
          idempotencyKey,
        },
      },
    });
    const fields = inputProblems(errorsOf(result.error));
    if (Object.keys(fields).length) {
      setProblems(fields);
      return null;
    }
    if (result.error || !result.data) {
      setFailure(result.error);
      return null;
    }
    return result.data.sendDuesReminders;
  };

  const fieldProps = (key: 'recipient' | 'note' | 'invoiceIds') => {
    const problem = problems[`input.${key}`];
    return {
      'aria-invalid': problem ? true : undefined,
      'aria-describedby': problem ? `${id}-${key}-error` : undefined,
      error: <FieldError id={`${id}-${key}-error`} problem={problem} />,
    };
  };
  const recipientField = fieldProps('recipient');
  const noteField = fieldProps('note');
  const idsField = fieldProps('invoiceIds');
  const previewCurrent =
    !!preview && preview.ids.length === chosen.length && preview.ids.every((x) => selected.has(x));

  return (
    <DryRunPanel
      title={t('duesArrearsTitle')}
      lead={t('duesArrearsLead')}
      done={
        done && (
          <>
            {t('duesRemindDone', {
              members: String(done.result.memberCount),
              amount: yen(done.result.totalOutstandingYen),
              recipient: done.result.letters?.provisionRecord.recipient ?? '',
            })}{' '}
            {done.url && done.result.letters && (
              <a href={done.url} download={done.result.letters.filename} data-testid="reminder-letters">
                {t('duesRemindLetters')}
              </a>
            )}
          </>
        )
      }
      doneTestId="reminders-done"
      failure={failure ?? arrears.error}
      busy={reminding.loading}
      previewLabel={t('duesRemindPreview')}
      onPreview={() => {
        setDone(null);
        void send(true, chosen).then((r) =>
          setPreview(r && { result: r, key: newIdempotencyKey(), ids: chosen }),
        );
      }}
      fields={
        <>
          <div className="form-field">
            <label htmlFor={`${id}-recipient`}>{t('duesRemindRecipient')}</label>
            <input
              id={`${id}-recipient`}
              value={recipient}
              aria-invalid={recipientField['aria-invalid']}
              aria-describedby={recipientField['aria-describedby']}
              onChange={(e) => {
                setRecipient(e.target.value);
                setPreview(null);
              }}
            />
            {recipientField.error}
          </div>
          <div className="form-field">
            <label htmlFor={`${id}-note`}>{t('duesRemindNote')}</label>
            <input
              id={`${id}-note`}
              value={note}
              aria-invalid={noteField['aria-invalid']}
              aria-describedby={noteField['aria-describedby']}
              onChange={(e) => {
                setNote(e.target.value);
                setPreview(null);
              }}
            />
            {noteField.error}
          </div>
        </>
      }
      previewTestId="reminders-preview"
      preview={
        preview && (
          <>
            <p>
              {t('duesRemindSummary', {
                members: String(preview.result.memberCount),
                invoices: String(preview.result.lines.length),
                amount: yen(preview.result.totalOutstandingYen),
                skipped: String(preview.result.skipped.length),
              })}
            </p>
            <DataTable
              label={t('previewTitle')}
              columns={[
                t('name'),
                t('fiscalYear'),
                t('duesInvoiceReference'),
                t('outstandingYen'),
                t('duesDaysOverdue'),
              ]}
            >
              {preview.result.lines.map((l) => (
                <tr key={l.invoice.id}>
                  <td>{fullName(l.invoice.person)}</td>
                  <td>{l.invoice.fiscalYear}</td>
                  <td>{l.invoice.reference}</td>
                  <td>{yen(l.outstandingYen)}</td>
                  <td>{t('duesDays', { days: String(l.daysOverdue) })}</td>
                </tr>
              ))}
            </DataTable>
            {preview.result.skipped.length > 0 && (
              <ul className="plain-list">
                {preview.result.skipped.map((s) => (
                  <li key={s.invoiceId}>
                    {rows.find((r) => r.id === s.invoiceId)?.reference ?? s.invoiceId}：
                    {name(REMINDER_SKIP_NAMES, s.reason)}
                  </li>
                ))}
              </ul>
            )}
          </>
        )
      }
      applyLabel={t('duesRemindApply', { members: String(preview?.result.memberCount ?? 0) })}
      applyDisabled={!preview || !previewCurrent || preview.result.lines.length === 0}
      onApply={() => {
        if (!preview) return;
        void send(false, preview.ids, preview.key).then((r) => {
          if (r) {
            const url = r.letters ? fileUrl(r.letters.contentBase64, r.letters.contentType) : null;
            setDone({ result: r, url });
            setPreview(null);
            setSelected(new Set());
            void arrears.refetch();
          }
        });
      }}
    >
      <div className="form filters" role="group" aria-label={t('duesArrearsFilters')}>
        <div className="form-field">
          <label htmlFor={`${id}-fy`}>{t('duesArrearsYear')}</label>
          <input
            id={`${id}-fy`}
            inputMode="numeric"
            value={yearInput}
            aria-invalid={yearProblem ? true : undefined}
            aria-describedby={yearProblem ? `${id}-fy-error` : undefined}
            onChange={(e) => setYearInput(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                applyFilter();
              }
            }}
          />
          <FieldError id={`${id}-fy-error`} problem={yearProblem} />
        </div>
        <div className="form-field">
          <label htmlFor={`${id}-payment`}>{t('duesArrearsPayment')}</label>
          <select
            id={`${id}-payment`}
            value={payment}
            onChange={(e) => {
              setPayment(e.target.value as PaymentState);
              setPreview(null);
            }}
          >
            <option value="ALL">{t('membersAll')}</option>
            <option value="UNPAID">{t('duesArrearsUnpaid')}</option>
            <option value="PARTIAL">{t('duesArrearsPartial')}</option>
          </select>
        </div>
        <div className="form-field">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={filter.overdueOnly}
              onChange={(e) => {
                setSelected(new Set());
                setPreview(null);
                setFilter((f) => ({ ...f, overdueOnly: e.target.checked }));
              }}
            />{' '}
            {t('duesArrearsOverdueOnly')}
          </label>
        </div>
        <div className="actions">
          <button type="button" className="button button--secondary" onClick={applyFilter}>
            {t('duesArrearsFilter')}
          </button>
        </div>
      </div>
      {arrears.loading && !arrears.data ? (
        <Loading />
      ) : rows.length === 0 ? (
        <p data-testid="arrears-none">{t('duesArrearsNone')}</p>
      ) : (
        <>
          <p data-testid="arrears-summary">
            {t('duesArrearsSummary', { count: String(rows.length), amount: yen(total) })}
          </p>
          <ArrearsTable
            associationId={associationId}
            rows={rows}
            selected={selected}
            describedBy={idsField['aria-describedby']}
            onSelectAll={(on) => {
              setPreview(null);
              setSelected(on ? new Set(rows.map((r) => r.id)) : new Set());
            }}
            onToggle={toggle}
          />
          {idsField.error}
        </>
      )}
    </DryRunPanel>
  );
}
