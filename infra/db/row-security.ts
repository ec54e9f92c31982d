import type { Client } from 'pg';
import { factMatchSql, RELATION_FACTS } from '../../services/platform/src/access/relation-facts';

/**
 * Row-level security on every person-keyed table (design.md "Defence in depth"): ENABLE and FORCE,
 * with policies that read the viewer from the transaction-local settings put there by the
 * services' pg clients (services/platform/src/rls.ts). A row is readable when the viewer has any
 * relation of the access policy to its person — generated from RELATION_FACTS
 * (services/platform/src/access/relation-facts.ts), the one definition every relation form comes
 * from — and nothing is readable with no viewer set. The field-level decision stays with
 * the policy table; this is the net under it.
 *
 * Person-keyed: a table of a service schema with a `person_id` column, and membership.person
 * itself (keyed by `id`). This is the CURRENT definition (platform-definition.ts); the database gets
 * it from the platform migrations (infra/db/platform-migrations), each a literal snapshot with the
 * list of tables of its version. A new person-keyed table, or a changed relation, fails
 * `npm run migration:check` until `npm run migration:generate -- platform <Name>` has written the
 * migration that covers it; the catalog test checks that none is missed. The identity schema is
 * not covered: it authenticates before any viewer exists (its tables are reachable by the identity
 * role only).
 */
export const ROW_SECURITY_FUNCTIONS_SQL = `
DROP FUNCTION IF EXISTS access.may_see(uuid) CASCADE;
CREATE OR REPLACE FUNCTION access.viewer_set() RETURNS boolean
  LANGUAGE sql STABLE AS $$ SELECT coalesce(current_setting('mamis.viewer_kind', true), '') <> '' $$;
`;

/**
 * The read predicate on a person column (TABLE-QUALIFIED, e.g. `"membership"."person_id"`),
 * written into each policy (not behind a function: a SQL
 * function with sub-selects is not inlined, and calling it per row cost ~170 µs; inline, the
 * planner runs the EXISTS branches as index probes on person_id).
 * - no viewer set: nothing; SYSTEM (a service's background job): everything;
 * - inside an explicit write transaction: rows the transaction works on (decided before by the
 *   WRITE_POLICY; INSERT … RETURNING must see a new person's rows);
 * - otherwise: the viewer's own person, persons related to the viewer's association (membership,
 *   pending application, hosted training), for the JMA persons with JMA-programme training records,
 *   for a society client attendees of sessions it co-hosts.
 */
export function visibleSql(column: string): string {
  // `OFFSET 0` in each EXISTS: PostgreSQL may otherwise replace a per-row probe by a hash of the
  // whole sub-select (an AlternativeSubPlan chosen from the estimated calls of an un-LIMITed scan);
  // for the JMA that hash is ~540k persons, built for a 50-row page (874 ms instead of ~10 ms).
  // OFFSET makes the sub-select unsuitable for that rewrite, so the probe stays an index lookup.
  // Each setting as a scalar sub-select: an InitPlan, read once per statement rather than once per
  // row (a SYSTEM job scanning 300k rows paid ~0.5 s for the per-row current_setting calls).
  const setting = (name: string) => `(SELECT coalesce(current_setting('mamis.${name}', true), ''))`;
  const uuidSetting = (name: string) => `(SELECT nullif(current_setting('mamis.${name}', true), '')::uuid)`;
  const keys = {
    association: uuidSetting('viewer_association'),
    national: `${setting('viewer_national')} = 'on'`,
    societies: `string_to_array(${setting('viewer_societies')}, ',')`,
  };
  const guard = {
    association: `${uuidSetting('viewer_association')} IS NOT NULL`,
    national: keys.national,
    societies: `${setting('viewer_societies')} <> ''`,
  };
  // the association facts through their one view (related_person_v1, generated from the same
  // facts: one probe instead of one per fact); the others inline, each guarded by its key
  const branches = [
    `EXISTS (SELECT 1 FROM access.related_person_v1 v
               WHERE v.person_id = ${column}
                 AND v.association_id = ${keys.association} OFFSET 0)`,
    ...RELATION_FACTS.filter((f) => f.match !== 'association').map(
      (f) => `(${guard[f.match]}
        AND EXISTS (SELECT 1 FROM ${f.source} x
                    WHERE x.person_id = ${column} AND ${factMatchSql(f, keys)} OFFSET 0))`,
    ),
  ];
  return `(
  ${setting('viewer_kind')} = 'SYSTEM'
  OR (${setting('viewer_kind')} <> '' AND (
       ${setting('write')} = 'on'
    OR ${column} = ${uuidSetting('viewer_person')}
    OR ${branches.join('\n    OR ')}
  )))`;
}

/** Tables to protect: [schema, table, person column]. */
export async function personKeyedTables(
  client: Client,
  schemas: string[],
): Promise<[string, string, string][]> {
  const { rows } = await client.query<{ schema: string; table: string; column: string }>(
    `SELECT c.table_schema AS schema, c.table_name AS table, c.column_name AS column
     FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE t.table_type = 'BASE TABLE' AND c.table_schema = ANY($1)
       AND (c.column_name = 'person_id' OR (c.table_schema = 'membership' AND c.table_name = 'person' AND c.column_name = 'id'))
     ORDER BY 1, 2`,
    [schemas],
  );
  return rows.map((r) => [r.schema, r.table, r.column]);
}

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;

export async function applyRowSecurity(client: Client, schemas: string[]): Promise<string[]> {
  await client.query(ROW_SECURITY_FUNCTIONS_SQL);
  const done: string[] = [];
  for (const [schema, table, column] of await personKeyedTables(client, schemas)) {
    const t = `${q(schema)}.${q(table)}`;
    await client.query(`ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`);
    await client.query(`ALTER TABLE ${t} FORCE ROW LEVEL SECURITY`);
    for (const name of ['mamis_read', 'mamis_insert', 'mamis_update', 'mamis_delete'])
      await client.query(`DROP POLICY IF EXISTS ${name} ON ${t}`);
    // table-qualified: unqualified, `person_id` inside the policy's EXISTS sub-selects would bind to
    // the sub-select's own `person_id` (v.person_id = v.person_id: always true)
    const visible = visibleSql(`${q(table)}.${q(column)}`);
    await client.query(`CREATE POLICY mamis_read ON ${t} FOR SELECT USING (${visible})`);
    await client.query(`CREATE POLICY mamis_insert ON ${t} FOR INSERT WITH CHECK (access.viewer_set())`);
    await client.query(
      `CREATE POLICY mamis_update ON ${t} FOR UPDATE USING (${visible}) WITH CHECK (access.viewer_set())`,
    );
    await client.query(`CREATE POLICY mamis_delete ON ${t} FOR DELETE USING (${visible})`);
    done.push(`${schema}.${table}`);
  }
  return done;
}
