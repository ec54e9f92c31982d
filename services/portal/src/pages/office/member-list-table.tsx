import { DataTable } from '../../components';
import { useI18n } from '../../lib/i18n';
import { Link } from '../../lib/router';
import { memberCells, type MemberListRow } from './member-export';
import { STATUS_NAMES, useNames } from './office-names';

type Row = MemberListRow;

/** One page of the member list (its rows, the total, a button for more), or that there is none. */
export function MemberListTable({
  rows,
  total,
  hasMore,
  onMore,
  associationId,
  labelledBy,
}: {
  rows: Row[];
  total: number;
  hasMore: boolean;
  onMore(): void;
  associationId: string;
  labelledBy: string;
}) {
  const { t } = useI18n();
  const name = useNames();
  if (rows.length === 0) return <p>{t('membersNone')}</p>;
  return (
    <>
      <p role="status" data-testid="members-count">
        {t('membersCount', { total: String(total), shown: String(rows.length) })}
      </p>
      <DataTable
        labelledBy={labelledBy}
        testId="members"
        columns={[t('name'), t('kana'), t('registryNumber'), t('category'), t('status')]}
      >
        {rows.map((p) => {
          // the same cells as the export (member-export.ts)
          const c = memberCells(p, associationId);
          return (
            <tr key={p.id}>
              <td>
                <Link to={`/office/members/${p.id}`}>{c.name}</Link>
              </td>
              <td>{c.kana}</td>
              <td>{c.registryNumber}</td>
              <td>{c.category ?? '—'}</td>
              <td>{c.status ? name(STATUS_NAMES, c.status) : '—'}</td>
            </tr>
          );
        })}
      </DataTable>
      {hasMore && (
        <button type="button" className="button button--secondary" onClick={onMore}>
          {t('membersMore')}
        </button>
      )}
    </>
  );
}
