import { useQuery } from '@apollo/client/react';
import { useId, useState } from 'react';
import { errorsOf, FormattedDate, Loading, PageError } from '../../components';
import { graphql } from '../../gql';
import type { MemberDimension } from '../../gql/graphql';
import { useI18n, type MessageKey } from '../../lib/i18n';
import { SEX_NAMES, useNames } from './office-names';

const OfficeStatisticsQuery = graphql(`
  query OfficeStatistics($id: ID!, $groupBy: [MemberDimension!]!) {
    statistics(associationId: $id) {
      associationId
      asOf
      k
      members(groupBy: $groupBy) {
        dimensions
        total
        suppressedCells
        k
        cells {
          keys
          count
          suppressed
        }
      }
    }
  }
`);

const DIMENSIONS: { value: MemberDimension; label: MessageKey }[] = [
  { value: 'CATEGORY', label: 'statsByCategory' },
  { value: 'AGE_BAND', label: 'statsByAge' },
  { value: 'SEX', label: 'statsBySex' },
  { value: 'SUB_ASSOCIATION', label: 'statsBySubAssociation' },
];

/**
 * 統計: the association's current members by one dimension, as a table and a bar chart; a cell
 * below the disclosure threshold k is shown as 秘匿 (suppressed), never guessed; CSV download.
 */
export function StatisticsView({ associationId }: { associationId: string }) {
  const { t } = useI18n();
  const name = useNames();
  const id = useId();
  const [dimension, setDimension] = useState<MemberDimension>('CATEGORY');
  const { data, loading, error } = useQuery(OfficeStatisticsQuery, {
    variables: { id: associationId, groupBy: [dimension] },
  });
  const stats = data?.statistics;
  const table = stats?.members;
  const max = Math.max(1, ...(table?.cells ?? []).map((c) => c.count ?? 0));
  const label = (key: string) => (dimension === 'SEX' ? name(SEX_NAMES, key) : key);
  const refused = errorsOf(error).find((e) => e.extensions?.code === 'BAD_USER_INPUT');

  const csvUrl = () => {
    const lines = [
      [t(DIMENSIONS.find((d) => d.value === dimension)!.label), t('statsCount')].join(','),
      ...(table?.cells ?? []).map((c) =>
        [
          `"${label(c.keys[0] ?? '').replace(/"/g, '""')}"`,
          c.suppressed ? t('statsSuppressed') : c.count,
        ].join(','),
      ),
      [t('statsTotal'), table?.total ?? t('statsSuppressed')].join(','),
    ];
    return URL.createObjectURL(new Blob(['\uFEFF' + lines.join('\r\n')], { type: 'text/csv' }));
  };

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('statsTitle')}</h2>
      <div className="form-field">
        <label htmlFor={`${id}-dimension`}>{t('statsDimension')}</label>
        <select
          id={`${id}-dimension`}
          value={dimension}
          onChange={(e) => setDimension(e.target.value as MemberDimension)}
        >
          {DIMENSIONS.map((d) => (
            <option key={d.value} value={d.value}>
              {t(d.label)}
            </option>
          ))}
        </select>
      </div>
      {refused ? (
        <p role="alert" className="notice notice--error">
          {refused.message}
        </p>
      ) : (
        <PageError error={error} />
      )}
      {loading && !data ? (
        <Loading />
      ) : stats && table ? (
        <>
          <p className="meta">
            {t('statsAsOf')}: <FormattedDate value={stats.asOf} /> ／{' '}
            {t('statsThreshold', { k: String(table.k), suppressed: String(table.suppressedCells) })}
          </p>
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={`${id}-title`}>
            <table data-testid="statistics">
              <thead>
                <tr>
                  <th scope="col">{t(DIMENSIONS.find((d) => d.value === dimension)!.label)}</th>
                  <th scope="col">{t('statsCount')}</th>
                  <th scope="col">{t('statsChart')}</th>
                </tr>
              </thead>
              <tbody>
                {table.cells.map((c) => (
                  <tr key={c.keys.join('|')}>
                    <th scope="row">{label(c.keys[0] ?? '')}</th>
                    <td data-suppressed={c.suppressed || undefined}>
                      {c.suppressed ? <span className="tag">{t('statsSuppressed')}</span> : c.count}
                    </td>
                    <td aria-hidden="true" style={{ minWidth: '6rem' }}>
                      {!c.suppressed && (
                        <span
                          style={{
                            display: 'inline-block',
                            height: '0.9rem',
                            width: `${Math.round(((c.count ?? 0) / max) * 100)}%`,
                            background: '#0b4f8a',
                          }}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('statsTotal')}</th>
                  <td>{table.total ?? <span className="tag">{t('statsSuppressed')}</span>}</td>
                  <td />
                </tr>
              </tfoot>
            </table>
          </div>
          <div className="actions">
            <a
              className="button button--secondary"
              href="#download"
              download={`statistics-${dimension.toLowerCase()}.csv`}
              onClick={(e) => {
                e.currentTarget.href = csvUrl();
              }}
            >
              {t('statsCsv')}
            </a>
          </div>
        </>
      ) : null}
    </section>
  );
}
