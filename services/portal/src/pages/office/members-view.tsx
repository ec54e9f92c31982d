import { useApolloClient, useQuery } from '@apollo/client/react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { DataTable, errorsOf, PageError, Loading } from '../../components';
import { graphql } from '../../gql';
import type { MemberFilter, MembershipStatus } from '../../gql/graphql';
import { inputProblems, pageErrors } from '../../lib/error-actions';
import { useI18n } from '../../lib/i18n';
import { Link } from '../../lib/router';
import {
  csvForExcel,
  exportFileName,
  exportRecords,
  fetchAllPages,
  memberCells,
  xlsxOf,
  type ExportPage,
  type MemberListRow,
} from './member-export';
import { STATUS_NAMES, useNames } from './office-names';

const PAGE = 50;
/** Rows per request when exporting (the API allows up to 500). */
const EXPORT_PAGE = 250;

const OfficeMembersQuery = graphql(`
  query OfficeMembers($id: ID!, $filter: MemberFilter, $first: Int, $after: String) {
    association(id: $id) {
      id
      membershipCategories {
        id
        code
        name
      }
      members(filter: $filter, first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          ...OfficeMemberRow
        }
      }
    }
  }
`);

const OfficePeopleSearchQuery = graphql(`
  query OfficePeopleSearch($search: String!, $first: Int, $after: String) {
    people(search: $search, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...OfficeMemberRow
      }
    }
  }
`);

graphql(`
  fragment OfficeMemberRow on Person {
    id
    familyName
    givenName
    familyNameKana
    givenNameKana
    registryNumber
    memberships {
      id
      category
      status
      association {
        id
      }
    }
  }
`);

type Row = MemberListRow;

interface Filters {
  search: string;
  category: string;
  status: '' | MembershipStatus;
  joinedFrom: string;
  joinedTo: string;
}
const EMPTY: Filters = { search: '', category: '', status: '', joinedFrom: '', joinedTo: '' };

/**
 * 会員一覧: the association's members (current by default, former with the status filter) in kana
 * order, 50 a page (cursor); a search by name, kana or registry number over everyone the office
 * may see (people(search)).
 */
export function MembersView({ associationId }: { associationId: string }) {
  const { t } = useI18n();
  const id = useId();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const searching = applied.search.trim() !== '';
  const filter: MemberFilter = {
    ...(applied.category ? { category: applied.category } : {}),
    ...(applied.status ? { status: applied.status } : {}),
    ...(applied.joinedFrom ? { joinedFrom: applied.joinedFrom } : {}),
    ...(applied.joinedTo ? { joinedTo: applied.joinedTo } : {}),
  };
  const members = useQuery(OfficeMembersQuery, {
    variables: { id: associationId, filter, first: PAGE },
    skip: searching,
  });
  const people = useQuery(OfficePeopleSearchQuery, {
    variables: { search: applied.search.trim(), first: PAGE },
    skip: !searching,
  });
  const categories = members.data?.association?.membershipCategories ?? [];
  const connection = searching ? people.data?.people : members.data?.association?.members;
  const active = searching ? people : members;
  const problems = inputProblems(errorsOf(active.error));
  const searchProblem = problems['search'];

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setApplied(draft);
  };
  const more = () => {
    const after = connection?.pageInfo.endCursor;
    if (!after) return;
    if (searching) void people.fetchMore({ variables: { after } });
    else void members.fetchMore({ variables: { after } });
  };

  return (
    <>
      <section className="card" aria-labelledby={`${id}-filters`}>
        <h2 id={`${id}-filters`}>{t('officeNavMembers')}</h2>
        <p>
          <Link to="/office/members/new" className="button">
            {t('membersRegister')}
          </Link>
        </p>
        <form className="form" onSubmit={onSubmit} role="search" noValidate>
          <div className="form-field">
            <label htmlFor={`${id}-search`}>{t('membersSearch')}</label>
            <input
              id={`${id}-search`}
              name="search"
              type="search"
              value={draft.search}
              aria-invalid={searchProblem ? true : undefined}
              aria-describedby={`${id}-search-hint${searchProblem ? ` ${id}-search-error` : ''}`}
              onChange={(e) => setDraft({ ...draft, search: e.target.value })}
            />
            <p id={`${id}-search-hint`} className="hint">
              {t('membersSearchHint')}
            </p>
            {searchProblem && (
              <p id={`${id}-search-error`} className="field-error">
                {searchProblem}
              </p>
            )}
          </div>
          <div className="form-field">
            <label htmlFor={`${id}-category`}>{t('membersCategory')}</label>
            <select
              id={`${id}-category`}
              value={draft.category}
              onChange={(e) => setDraft({ ...draft, category: e.target.value })}
            >
              <option value="">{t('membersAll')}</option>
              {categories.map((c) => (
                <option key={c.id} value={c.code}>
                  {c.code}（{c.name}）
                </option>
              ))}
            </select>
          </div>
          <div className="form-field">
            <label htmlFor={`${id}-status`}>{t('membersStatus')}</label>
            <select
              id={`${id}-status`}
              value={draft.status}
              onChange={(e) => setDraft({ ...draft, status: e.target.value as Filters['status'] })}
            >
              <option value="">{t('membersAll')}（在籍）</option>
              {(['ACTIVE', 'LEFT', 'TRANSFERRED', 'DECEASED'] as const).map((s) => (
                <option key={s} value={s}>
                  {STATUS_NAMES[s]!.ja} / {STATUS_NAMES[s]!.en}
                </option>
              ))}
            </select>
          </div>
          {(['joinedFrom', 'joinedTo'] as const).map((key) => {
            const problem = problems[`filter.${key}`];
            return (
              <div className="form-field" key={key}>
                <label htmlFor={`${id}-${key}`}>
                  {t(key === 'joinedFrom' ? 'membersJoinedFrom' : 'membersJoinedTo')}
                </label>
                <input
                  id={`${id}-${key}`}
                  type="date"
                  value={draft[key]}
                  aria-invalid={problem ? true : undefined}
                  aria-describedby={problem ? `${id}-${key}-error` : undefined}
                  onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
                />
                {problem && (
                  <p id={`${id}-${key}-error`} className="field-error">
                    {problem}
                  </p>
                )}
              </div>
            );
          })}
          <div className="actions">
            <button type="submit" className="button">
              {t('membersFind')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setDraft(EMPTY);
                setApplied(EMPTY);
              }}
            >
              {t('membersClear')}
            </button>
          </div>
        </form>
      </section>
      <section className="card" aria-labelledby={`${id}-list`}>
        <h2 id={`${id}-list`}>{t('officeNavMembers')}</h2>
        {Object.keys(problems).length === 0 && <PageError error={active.error} />}
        {active.loading && !connection ? (
          <Loading />
        ) : connection ? (
          <MemberTable
            rows={connection.nodes as Row[]}
            total={connection.totalCount}
            hasMore={connection.pageInfo.hasNextPage}
            onMore={more}
            associationId={associationId}
            labelledBy={`${id}-list`}
          />
        ) : null}
      </section>
      {connection && connection.nodes.length > 0 && (
        <MemberExport
          associationId={associationId}
          search={searching ? applied.search.trim() : null}
          filter={filter}
        />
      )}
    </>
  );
}

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
function MemberExport({
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

function MemberTable({
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
