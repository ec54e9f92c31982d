import { FormattedDate, FormattedDateTime } from '../../../components';
import type { OfficeDuesArrearsQuery } from '../../../gql/graphql';
import { useI18n } from '../../../lib/i18n';
import { Link } from '../../../lib/router';
import { fullName, yen } from './dues-format';
import { InvoicePdfButton } from './invoice-pdf-button';

type Invoice = OfficeDuesArrearsQuery['duesArrears'][number];

/**
 * The open invoices of the arrears list (滞納一覧), one selectable row each (and one box for all),
 * with the amount outstanding, the days overdue, the reminders sent and the invoice PDF.
 * `describedBy`: the id of the problem with the selection, when there is one.
 */
export function ArrearsTable({
  associationId,
  rows,
  selected,
  describedBy,
  onSelectAll,
  onToggle,
}: {
  associationId: string;
  rows: readonly Invoice[];
  selected: ReadonlySet<string>;
  describedBy: string | undefined;
  onSelectAll(on: boolean): void;
  onToggle(invoiceId: string, on: boolean): void;
}) {
  const { t } = useI18n();
  return (
    <div
      className="table-wrap"
      tabIndex={0}
      role="region"
      aria-label={t('duesArrearsTitle')}
      aria-describedby={describedBy}
    >
      <table data-testid="arrears" className="wide">
        <thead>
          <tr>
            <th scope="col" className="select-cell">
              <input
                type="checkbox"
                aria-label={t('duesArrearsSelectAll')}
                checked={rows.length > 0 && rows.every((r) => selected.has(r.id))}
                onChange={(e) => onSelectAll(e.target.checked)}
              />
            </th>
            <th scope="col">{t('name')}</th>
            <th scope="col">{t('fiscalYear')}</th>
            <th scope="col">{t('duesInvoiceReference')}</th>
            <th scope="col">{t('amountYen')}</th>
            <th scope="col">{t('outstandingYen')}</th>
            <th scope="col">{t('duesDueOn')}</th>
            <th scope="col">{t('duesDaysOverdue')}</th>
            <th scope="col">{t('duesReminders')}</th>
            <th scope="col">{t('duesDocuments')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td className="select-cell">
                <input
                  type="checkbox"
                  aria-label={t('duesArrearsSelect', {
                    name: fullName(r.person),
                    year: String(r.fiscalYear),
                  })}
                  checked={selected.has(r.id)}
                  onChange={(e) => onToggle(r.id, e.target.checked)}
                />
              </td>
              <td>
                {r.person ? <Link to={`/office/members/${r.person.id}`}>{fullName(r.person)}</Link> : '—'}
              </td>
              <td className="nowrap">{r.fiscalYear}</td>
              <td className="nowrap">{r.reference}</td>
              <td className="nowrap">{yen(r.amountYen)}</td>
              <td>
                {yen(r.outstandingYen)}
                {r.paidYen > 0 ? `（${t('duesArrearsPartial')}）` : ''}
              </td>
              <td className="nowrap">
                <FormattedDate value={r.dueOn} />
              </td>
              <td>{r.daysOverdue > 0 ? t('duesDays', { days: String(r.daysOverdue) }) : t('duesNotDue')}</td>
              <td>
                {r.reminderCount > 0 ? (
                  <>
                    {t('duesReminderCount', { count: String(r.reminderCount) })}（
                    <FormattedDateTime value={r.lastRemindedAt} />）
                  </>
                ) : (
                  t('none')
                )}
              </td>
              <td>
                <InvoicePdfButton associationId={associationId} reference={r.reference} kind="invoice" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
