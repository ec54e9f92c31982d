import { useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { errorsOf, PageError, Loading } from '../../components';
import type { MemberFilter, MembershipStatus } from '../../gql/graphql';
import { inputProblems } from '../../lib/error-actions';
import { useI18n } from '../../lib/i18n';
import { Link } from '../../lib/router';
import type { MemberListRow } from './member-export';
import { MemberExportPanel } from './member-export-panel';
import { OfficeMembersQuery, OfficePeopleSearchQuery } from './member-list-operations';
import { MemberListTable } from './member-list-table';
import { STATUS_NAMES } from './office-names';

const PAGE = 50;

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
          <MemberListTable
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
        <MemberExportPanel
          associationId={associationId}
          search={searching ? applied.search.trim() : null}
          filter={filter}
        />
      )}
    </>
  );
}
