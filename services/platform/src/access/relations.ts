import DataLoader from 'dataloader';
import { onlyUuids } from '../ids';
import type { Viewer } from '../viewer';
import type { Relation } from './policy';
import { factMatchSql, factsFor, RELATION_FACTS, relationKeysOf } from './relation-facts';

/** Anything that runs SQL with positional parameters and resolves to the rows (a TypeORM DataSource). */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** The column of a relation in the batched relation query (`MEMBER` → `member`). */
const columnOf = (relation: Relation) => relation.toLowerCase();

/**
 * ONE statement for a whole batch of persons: for each person, one boolean column per relation of
 * RELATION_FACTS. Parameters: $1 the viewer's association (or null), $2 the person ids, $3 whether
 * the viewer is the JMA's, $4 the viewer's societies.
 */
export const RELATIONS_SQL = (() => {
  const keys = { association: '$1::uuid', national: '$3::boolean', societies: '$4::text[]' };
  const guard = {
    association: '$1::uuid IS NOT NULL',
    national: '$3::boolean',
    societies: 'cardinality($4::text[]) > 0',
  };
  const columns = RELATION_FACTS.flatMap((fact) =>
    Object.entries(fact.relations).map(([relation, pick]) => {
      const where = [factMatchSql(fact, keys), ...(pick ? [pick] : [])].join(' AND ');
      // OFFSET 0: each EXISTS stays a probe of the person's own facts. Without it a plan made
      // for unknown parameters (the generic plan a prepared statement keeps after five runs)
      // may hash every fact row of the viewer's association to answer for a few persons: the
      // JMA's ~300k, 130–210 ms a run. The guard skips a branch the viewer lacks at run time.
      return `  (${guard[fact.match]} AND EXISTS (SELECT 1 FROM ${fact.source} x
          WHERE x.person_id = ids.person_id AND ${where} OFFSET 0)) AS ${columnOf(relation as Relation)}`;
    }),
  );
  return `SELECT ids.person_id::text AS person_id,
${columns.join(',\n')}
FROM unnest($2::uuid[]) AS ids(person_id)`;
})();

/** The relations RELATIONS_SQL answers, in its column order. */
const FACT_RELATIONS = RELATION_FACTS.flatMap((f) => Object.keys(f.relations) as Relation[]);

/**
 * The viewer's relation facts with their parameters numbered from $1, for the list forms below:
 * SELF and the facts that can relate this viewer (nothing for a viewer with neither).
 */
function visibleParts(viewer: Viewer): { self: string | null; facts: [string, string][]; params: unknown[] } {
  const keys = relationKeysOf(viewer);
  const params: unknown[] = [];
  const param = (value: unknown, cast: string) => {
    params.push(value);
    return `$${params.length}::${cast}`;
  };
  const self = keys.person ? param(keys.person, 'uuid') : null;
  const facts = factsFor(keys);
  const expr = {
    association: facts.some((f) => f.match === 'association') ? param(keys.association, 'uuid') : 'NULL',
    national: 'true',
    societies: facts.some((f) => f.match === 'societies') ? param(keys.societies, 'text[]') : 'NULL',
  };
  return { self, facts: facts.map((f) => [f.source, factMatchSql(f, expr)]), params };
}

/**
 * The same relations as a SET, for list queries: the ids of persons the viewer has any relation
 * to (as a CTE body). The access layer still decides per person what is shown.
 */
export function visiblePersonsSql(viewer: Viewer): { sql: string; params: unknown[] } {
  const { self, facts, params } = visibleParts(viewer);
  const parts = [
    ...(self ? [`SELECT ${self} AS person_id`] : []),
    ...facts.map(([from, where]) => `SELECT x.person_id FROM ${from} x WHERE ${where}`),
  ];
  if (!parts.length) return { sql: 'SELECT NULL::uuid AS person_id WHERE false', params: [] };
  return { sql: parts.join(' UNION '), params };
}

/**
 * The same as a predicate on `column` (a person id), its parameters numbered from $1 — put them
 * first in the statement's parameter list. Per-row index probes, which lets a page walk an ordered
 * index and stop at its LIMIT instead of building the whole set (the JMA's is ~300k persons).
 */
export function visiblePersonPredicate(viewer: Viewer, column: string): { sql: string; params: unknown[] } {
  const { self, facts, params } = visibleParts(viewer);
  const parts = [
    ...(self ? [`${column} = ${self}`] : []),
    // OFFSET 0: keep each EXISTS a per-row index probe (see visibleSql in infra/db/row-security.ts)
    ...facts.map(
      ([from, where]) =>
        `EXISTS (SELECT 1 FROM ${from} x WHERE x.person_id = ${column} AND ${where} OFFSET 0)`,
    ),
  ];
  if (!parts.length) return { sql: 'false', params: [] };
  return { sql: `(${parts.join(' OR ')})`, params };
}

type RelationRow = { person_id: string } & Record<string, boolean>;

/** The relations of one viewer to each of `personIds` (an empty set: no relation, invisible). */
export async function loadRelations(
  db: Queryable,
  viewer: Viewer,
  personIds: readonly string[],
): Promise<Map<string, Set<Relation>>> {
  const out = new Map<string, Set<Relation>>();
  for (const id of personIds) out.set(id, new Set());
  const valid = onlyUuids(personIds);
  const keys = relationKeysOf(viewer);
  if (keys.person) out.get(keys.person)?.add('SELF');
  if ((!keys.association && keys.societies.length === 0) || valid.length === 0) return out;
  const rows = (await db.query(RELATIONS_SQL, [
    keys.association,
    valid,
    keys.national,
    keys.societies,
  ])) as RelationRow[];
  for (const row of rows) {
    const set = out.get(row.person_id);
    if (!set) continue;
    for (const relation of FACT_RELATIONS) if (row[columnOf(relation)]) set.add(relation);
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
