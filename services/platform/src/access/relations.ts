import DataLoader from 'dataloader';
import { onlyUuids } from '../ids';
import type { Viewer } from '../viewer';
import type { Relation } from './policy';

/** Anything that runs SQL with positional parameters and resolves to the rows (a TypeORM DataSource). */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * ONE statement for a whole batch of persons: the relations of the viewer's association to each
 * person, read from the `access` views. Membership is a fact per association: only rows with the
 * viewer's own association id count — nothing is inherited up or down the tree.
 */
export const RELATIONS_SQL = `
SELECT ids.person_id::text AS person_id,
  ($1::uuid IS NOT NULL AND EXISTS (SELECT 1 FROM access.membership_v1 m
          WHERE m.person_id = ids.person_id AND m.association_id = $1 AND m.status = 'ACTIVE')) AS member,
  ($1::uuid IS NOT NULL AND EXISTS (SELECT 1 FROM access.membership_v1 m
          WHERE m.person_id = ids.person_id AND m.association_id = $1 AND m.status <> 'ACTIVE')) AS former_member,
  ($1::uuid IS NOT NULL AND EXISTS (SELECT 1 FROM access.application_v1 ap
          WHERE ap.person_id = ids.person_id AND ap.association_id = $1 AND ap.pending)) AS applicant,
  ($1::uuid IS NOT NULL AND EXISTS (SELECT 1 FROM access.attendance_v1 a
          WHERE a.person_id = ids.person_id AND a.host_association_id = $1)) AS training_host,
  ($3::boolean AND EXISTS (SELECT 1 FROM access.jma_training_v1 j
          WHERE j.person_id = ids.person_id)) AS training_issuer,
  (cardinality($4::text[]) > 0 AND EXISTS (SELECT 1 FROM access.attendance_v1 a
          WHERE a.person_id = ids.person_id AND a.cohost_society_id = ANY ($4::text[]))) AS society_cohost
FROM unnest($2::uuid[]) AS ids(person_id)`;

/**
 * The same relations as a SET, for list queries: the ids of persons the viewer has any relation
 * to (SELF; for staff MEMBER, FORMER_MEMBER, APPLICANT, TRAINING_HOST and, for the JMA,
 * TRAINING_ISSUER; for a society client SOCIETY_COHOST). Kept beside RELATIONS_SQL so both say the
 * same; the access layer still decides per person what is shown. One list of branches, rendered
 * as a set (`visiblePersonsSql`, for a CTE) or as a predicate on a person column
 * (`visiblePersonPredicate`: per-row index probes, which lets a page walk an ordered index and
 * stop at its LIMIT instead of building the whole set — the JMA's is ~300k persons).
 */
function visibleBranches(
  viewer: Viewer,
): { branches: [string, string][]; params: unknown[] } | 'SELF' | null {
  if (viewer.kind === 'STAFF' && viewer.associationId) {
    const branches: [string, string][] = [
      ['access.membership_v1', 'x.association_id = $1'],
      ['access.application_v1', 'x.association_id = $1 AND x.pending'],
      ['access.attendance_v1', 'x.host_association_id = $1'],
    ];
    if (viewer.associationTier === 'NATIONAL') branches.push(['access.jma_training_v1', 'true']);
    return { branches, params: [viewer.associationId] };
  }
  const societies = societiesOf(viewer);
  if (viewer.kind === 'CLIENT' && societies.length)
    return {
      branches: [['access.attendance_v1', 'x.cohost_society_id = ANY ($1::text[])']],
      params: [societies],
    };
  return viewer.personId ? 'SELF' : null;
}

export function visiblePersonsSql(viewer: Viewer): { sql: string; params: unknown[] } {
  const b = visibleBranches(viewer);
  if (b === 'SELF') return { sql: 'SELECT $1::uuid AS person_id', params: [viewer.personId] };
  if (!b) return { sql: 'SELECT NULL::uuid AS person_id WHERE false', params: [] };
  return {
    sql: b.branches
      .map(([from, where]) => `SELECT x.person_id FROM ${from} x WHERE ${where}`)
      .join(' UNION '),
    params: b.params,
  };
}

/**
 * The same as a predicate on `column` (a person id), its parameters numbered from $1 — put them
 * first in the statement's parameter list.
 */
export function visiblePersonPredicate(viewer: Viewer, column: string): { sql: string; params: unknown[] } {
  const b = visibleBranches(viewer);
  if (b === 'SELF') return { sql: `${column} = $1::uuid`, params: [viewer.personId] };
  if (!b) return { sql: 'false', params: [] };
  return {
    sql: `(${b.branches
      // OFFSET 0: keep each EXISTS a per-row index probe (see visibleSql in infra/db/row-security.ts)
      .map(
        ([from, where]) =>
          `EXISTS (SELECT 1 FROM ${from} x WHERE x.person_id = ${column} AND ${where} OFFSET 0)`,
      )
      .join(' OR ')})`,
    params: b.params,
  };
}

/** The academic societies a client acts for (scopes `society:<id>`). */
export const societiesOf = (viewer: Viewer): string[] =>
  viewer.kind === 'CLIENT'
    ? viewer.scopes.filter((s) => s.startsWith('society:')).map((s) => s.slice('society:'.length))
    : [];

interface RelationRow {
  person_id: string;
  member: boolean;
  former_member: boolean;
  applicant: boolean;
  training_host: boolean;
  training_issuer: boolean;
  society_cohost: boolean;
}

/** The relations of one viewer to each of `personIds` (an empty set: no relation, invisible). */
export async function loadRelations(
  db: Queryable,
  viewer: Viewer,
  personIds: readonly string[],
): Promise<Map<string, Set<Relation>>> {
  const out = new Map<string, Set<Relation>>();
  for (const id of personIds) out.set(id, new Set());
  const valid = onlyUuids(personIds);
  if (viewer.personId) out.get(viewer.personId)?.add('SELF');
  const association =
    viewer.kind === 'STAFF' || (viewer.kind === 'ASSISTANT' && !viewer.personId)
      ? viewer.associationId
      : undefined;
  const societies = societiesOf(viewer);
  if ((!association && societies.length === 0) || valid.length === 0) return out;
  const rows = (await db.query(RELATIONS_SQL, [
    association ?? null,
    valid,
    !!association && viewer.associationTier === 'NATIONAL',
    societies,
  ])) as RelationRow[];
  for (const row of rows) {
    const set = out.get(row.person_id);
    if (!set) continue;
    if (row.member) set.add('MEMBER');
    if (row.former_member) set.add('FORMER_MEMBER');
    if (row.applicant) set.add('APPLICANT');
    if (row.society_cohost) set.add('SOCIETY_COHOST');
    if (row.training_host) set.add('TRAINING_HOST');
    if (row.training_issuer) set.add('TRAINING_ISSUER');
  }
  return out;
}

/** Per-request loader: all person ids asked for in one tick → one SQL statement. */
export const relationLoader = (db: Queryable, viewer: Viewer) =>
  new DataLoader<string, Set<Relation>>(
    async (ids) => {
      const map = await loadRelations(db, viewer, ids);
      return ids.map((id) => map.get(id) ?? new Set());
    },
    { maxBatchSize: 5000 },
  );
