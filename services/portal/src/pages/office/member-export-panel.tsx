import { useApolloClient } from '@apollo/client/react';
import { useEffect, useId, useRef, useState } from 'react';
import { errorsOf, PageError } from '../../components';
import type { MemberFilter } from '../../gql/graphql';
import { pageErrors } from '../../lib/error-actions';
import { useI18n } from '../../lib/i18n';
import {
  csvForExcel,
  exportFileName,
  exportRecords,
  fetchAllPages,
  xlsxOf,
  type ExportPage,
  type MemberListRow,
} from './member-export';
import { OfficeMembersQuery, OfficePeopleSearchQuery } from './member-list-operations';
import { STATUS_NAMES, useNames } from './office-names';

type Row = MemberListRow;

/** Rows per request when exporting (the API allows up to 500). */
const EXPORT_PAGE = 250;

type ExportState =
  | { kind: 'idle' }
  | { kind: 'running'; format: 'csv' | 'xlsx'; done: number; total: number }
  | { kind: 'done'; count: number; url: string; name: string }
  | { kind: 'cancelled' }
  | { kind: 'failed'; error: unknown };

/**
 * 一覧の出力: every row the list shows with the applied filters (or search), read page by page
 * through the list's own operation (so the export holds exactly what the policy lets the list
 * show), with progress and a cancel button; then CSV for Excel or .xlsx with the list's columns.
 */
export function MemberExportPanel({
  associationId,
  search,
  filter,
}: {
  associationId: string;
  search: string | null;
  filter: MemberFilter;
}) {
  const { t } = useI18n();
  const name = useNames();
  const id = useId();
  const client = useApolloClient();
  const [state, setState] = useState<ExportState>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const url = state.kind === 'done' ? state.url : null;
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  useEffect(() => () => abort.current?.abort(), []);

  const page = async (after: string | undefined): Promise<ExportPage<Row>> => {
    const failed = (error: unknown) => {
      throw error instanceof Error ? error : new Error('export failed');
    };
    if (search !== null) {
      const r = await client.query({
        query: OfficePeopleSearchQuery,
        variables: { search, first: EXPORT_PAGE, after },
        fetchPolicy: 'no-cache',
      });
      if (r.error && pageErrors(errorsOf(r.error)).length) failed(r.error);
      if (!r.data?.people) return failed(r.error);
      const c = r.data.people;
      return { ...c.pageInfo, nodes: c.nodes as Row[], totalCount: c.totalCount };
    }
    const r = await client.query({
      query: OfficeMembersQuery,
      variables: { id: associationId, filter, first: EXPORT_PAGE, after },
      fetchPolicy: 'no-cache',
    });
    if (r.error && pageErrors(errorsOf(r.error)).length) failed(r.error);
    const c = r.data?.association?.members;
    if (!c) return failed(r.error);
    return { ...c.pageInfo, nodes: c.nodes as Row[], totalCount: c.totalCount };
  };

  const run = async (format: 'csv' | 'xlsx') => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setState({ kind: 'running', format, done: 0, total: 0 });
    try {
      const rows = await fetchAllPages(
        page,
        (done, total) => {
          if (!controller.signal.aborted) setState({ kind: 'running', format, done, total });
        },
        controller.signal,
      );
      const records = exportRecords(rows, associationId, (s) => name(STATUS_NAMES, s));
      const blob =
        format === 'csv'
          ? new Blob([csvForExcel(records)], { type: 'text/csv;charset=utf-8' })
          : new Blob([(await xlsxOf(records)) as BlobPart], {
              type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            });
      if (controller.signal.aborted) return;
      const fileName = exportFileName(format);
      const href = URL.createObjectURL(blob);
      setState({ kind: 'done', count: rows.length, url: href, name: fileName });
      const a = document.createElement('a');
      a.href = href;
      a.download = fileName;
      document.body.append(a);
      a.click();
      a.remove();
    } catch (error) {
      if (controller.signal.aborted) setState({ kind: 'cancelled' });
      else setState({ kind: 'failed', error });
    }
  };

  const running = state.kind === 'running';
  return (
    <section className="card" aria-labelledby={`${id}-export`}>
      <h2 id={`${id}-export`}>{t('exportTitle')}</h2>
      <p className="lead">{t('exportLead')}</p>
      <div className="actions">
        <button type="button" className="button" disabled={running} onClick={() => void run('csv')}>
          {t('exportCsv')}
        </button>
        <button type="button" className="button" disabled={running} onClick={() => void run('xlsx')}>
          {t('exportXlsx')}
        </button>
        {running && (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              abort.current?.abort();
              setState({ kind: 'cancelled' });
            }}
          >
            {t('exportCancel')}
          </button>
        )}
      </div>
      <div role="status" aria-live="polite" data-testid="export-status">
        {running && (
          <>
            <label htmlFor={`${id}-progress`}>
              {t('exportProgress', { done: String(state.done), total: String(state.total || '…') })}
            </label>
            <progress
              id={`${id}-progress`}
              max={state.total || undefined}
              value={state.total ? state.done : undefined}
            />
          </>
        )}
        {state.kind === 'done' && (
          <p className="notice notice--ok" data-testid="export-done">
            {t('exportDone', { count: String(state.count) })}{' '}
            <a href={state.url} download={state.name}>
              {t('exportSave', { name: state.name })}
            </a>
          </p>
        )}
        {state.kind === 'cancelled' && <p>{t('exportCancelled')}</p>}
      </div>
      {state.kind === 'failed' && <PageError error={state.error} />}
    </section>
  );
}
