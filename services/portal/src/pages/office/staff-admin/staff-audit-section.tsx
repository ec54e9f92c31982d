import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { DataTable, FormattedDateTime, Loading } from '../../../components';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { AUDIT_OPERATION_NAMES } from '../../../lib/office-admin-messages';
import type { ApiProblem, AuditEntry, AuditPage, Call, StaffEntry } from './staff-api';

/**
 * The office's own audit trail (監査ログ): who of the staff read or changed what, filtered by staff
 * member and dates, 20 a page; asked again when `reload` changes (after an action on an account).
 */
export function StaffAuditSection({
  call,
  staff,
  reload,
}: {
  call: Call;
  staff: StaffEntry[];
  reload: number;
}) {
  const { t, pick } = useI18n();
  const ids = useId();
  const [filter, setFilter] = useState({ staff: '', from: '', to: '' });
  const [applied, setApplied] = useState(filter);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [problems, setProblems] = useState<{ from?: string; to?: string }>({});
  const [failure, setFailure] = useState(false);

  const fetchPage = useCallback(
    async (f: typeof filter, after: string | null) => {
      const q = new URLSearchParams({ first: '20' });
      if (f.staff) q.set('staff', f.staff);
      if (f.from) q.set('from', f.from);
      if (f.to) q.set('to', f.to);
      if (after) q.set('after', after);
      const res = await call('GET', `/manage/staff/audit?${q.toString()}`);
      if (!res.ok) {
        const p = (await res.json().catch(() => ({}))) as ApiProblem;
        if (p.field === 'from' || p.field === 'to') {
          setProblems({
            [p.field]: t(p.error === 'date_range_invalid' ? 'staffErrDateRange' : 'staffErrDate'),
          });
          return null;
        }
        setFailure(true);
        return null;
      }
      return (await res.json()) as AuditPage;
    },
    [call, t],
  );

  useEffect(() => {
    let live = true;
    setFailure(false);
    void fetchPage(applied, null).then((page) => {
      if (!live || !page) return;
      setEntries(page.entries);
      setCursor(page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null);
    });
    return () => {
      live = false;
    };
  }, [applied, reload, fetchPage]);

  const show = (e: FormEvent) => {
    e.preventDefault();
    const p: { from?: string; to?: string } = {};
    if (filter.from && filter.to && filter.from > filter.to) p.to = t('staffErrDateRange');
    setProblems(p);
    if (p.to) return;
    setApplied({ ...filter });
  };
  const more = async () => {
    if (!cursor) return;
    const page = await fetchPage(applied, cursor);
    if (!page) return;
    setEntries((prev) => [...(prev ?? []), ...page.entries]);
    setCursor(page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null);
  };

  const operationName = (op: string | null, service: string) => {
    const known = op ? AUDIT_OPERATION_NAMES[op] : undefined;
    // a GraphQL operation as the gateway names its subgraph fetch (`OfficeMembers__membership__0`)
    const name = op?.replace(/__[a-z-]+__\d+$/, '');
    return known ? pick(known.ja, known.en) : `${name ?? '—'}（${service}）`;
  };
  const dateField = (f: 'from' | 'to', label: MessageKey) => (
    <div className="form-field">
      <label htmlFor={`${ids}-${f}`}>{t(label)}</label>
      <input
        id={`${ids}-${f}`}
        type="date"
        value={filter[f]}
        aria-invalid={problems[f] ? true : undefined}
        aria-describedby={problems[f] ? `${ids}-${f}-error` : undefined}
        onChange={(e) => setFilter({ ...filter, [f]: e.target.value })}
      />
      {problems[f] && (
        <p id={`${ids}-${f}-error`} className="field-error">
          {problems[f]}
        </p>
      )}
    </div>
  );

  return (
    <section className="card" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('staffAuditTitle')}</h2>
      <p className="lead">{t('staffAuditLead')}</p>
      <form className="form" noValidate onSubmit={show} data-testid="staff-audit-filter">
        <div className="form-field">
          <label htmlFor={`${ids}-staff`}>{t('staffAuditStaff')}</label>
          <select
            id={`${ids}-staff`}
            value={filter.staff}
            onChange={(e) => setFilter({ ...filter, staff: e.target.value })}
          >
            <option value="">{t('staffAuditAllStaff')}</option>
            {staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.displayName}（{s.username}）
              </option>
            ))}
          </select>
        </div>
        {dateField('from', 'staffAuditFrom')}
        {dateField('to', 'staffAuditTo')}
        <div className="actions">
          <button type="submit" className="button">
            {t('staffAuditShow')}
          </button>
        </div>
      </form>
      {failure && (
        <p role="alert" className="notice notice--error">
          {t('errorGeneric')}
        </p>
      )}
      {!entries ? (
        <Loading />
      ) : entries.length === 0 ? (
        <p data-testid="staff-audit-empty">{t('staffAuditEmpty')}</p>
      ) : (
        <>
          <p className="meta" role="status">
            {t('staffAuditCount', { n: String(entries.length) })}
          </p>
          <DataTable
            labelledBy={`${ids}-title`}
            testId="staff-audit"
            wide
            columns={[
              t('staffAuditAt'),
              t('staffAuditStaff'),
              t('staffAuditOperation'),
              t('staffAuditAction'),
              t('staffAuditPersons'),
            ]}
          >
            {entries.map((e) => (
              <tr key={e.seq}>
                <td className="nowrap">
                  <FormattedDateTime value={e.at} />
                </td>
                <td>{e.actorName}</td>
                <td>{operationName(e.operation, e.service)}</td>
                <td>{e.action === 'READ' ? t('staffAuditRead') : t('staffAuditWrite')}</td>
                <td>{e.personCount}</td>
              </tr>
            ))}
          </DataTable>
          {cursor && (
            <div className="actions">
              <button type="button" className="button button--secondary" onClick={() => void more()}>
                {t('staffAuditMore')}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
