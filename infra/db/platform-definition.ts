import type { Client } from 'pg';
import { DB_SERVICES, roleOf } from '../services';
import { applyAccessViews } from './access-views';
import { applyAuditSchema } from './audit-schema';
import { applyRowSecurity } from './row-security';
import { DATA_SOURCES } from './service-data-sources';
import { applyStatisticsLog } from './statistics-log';

/** The services with a schema that this checkout has a DataSource for. */
export const managedServices = () => DB_SERVICES.filter((svc) => DATA_SOURCES[svc.name]);

/**
 * The CURRENT definition of the platform DDL, written from the TypeScript definitions (access views
 * and row security generated from RELATION_FACTS; the person-keyed tables found in the catalog).
 * Bootstrap never runs it: the database gets the platform DDL from the numbered platform migrations
 * (infra/db/platform-migrations), each a literal snapshot. `npm run migration:check` applies this
 * over a database migrated with every stream, inside a transaction it rolls back, and fails when
 * the catalog changes (platformDrift); `npm run migration:generate -- platform <Name>` writes the
 * difference as the next platform migration.
 */
export async function applyPlatformDefinition(client: Client): Promise<void> {
  const roles = managedServices().map((svc) => roleOf(svc.schema));
  await applyAuditSchema(client, roles);
  await applyStatisticsLog(client, roles);
  await applyAccessViews(client, roles);
  // the net under the policy: RLS on every person-keyed table of the subgraphs' schemas
  await applyRowSecurity(
    client,
    managedServices()
      .filter((svc) => svc.name !== 'identity')
      .map((svc) => svc.schema),
  );
}

/** One object of the platform DDL as the catalog describes it. */
export interface CatalogObject {
  kind:
    'view' | 'function' | 'policy' | 'row security' | 'relation' | 'column' | 'index' | 'trigger' | 'schema';
  /** Qualified name, e.g. `access.related_person_v1`, `membership.person.mamis_read`. */
  name: string;
  /** Its definition (normalised by PostgreSQL: pg_get_viewdef, pg_get_functiondef, …). */
  def: string;
  /** For policies: the table and the parts of CREATE POLICY. */
  /** For functions: pg_get_functiondef (CREATE OR REPLACE FUNCTION …). */
  create?: string;
  /** For relations: the privileges granted, role → privilege letters (aclitem). */
  grants?: Record<string, string>;
  policy?: PolicyDefinition;
}

/** A row-security policy as pg_policies shows it. */
interface PolicyDefinition {
  table: string;
  policy: string;
  cmd: string;
  permissive: string;
  roles: string;
  qual: string | null;
  check: string | null;
}

const PLATFORM_SCHEMAS = ['access', 'audit'];

/**
 * What the catalog holds of the platform DDL: the `access` and `audit` schemas' relations (columns,
 * privileges), views, functions, indexes and triggers, and the row-security flags and policies of
 * the services' tables. Keyed by kind and name.
 */
export async function platformCatalog(client: Client): Promise<Map<string, CatalogObject>> {
  const serviceSchemas = managedServices().map((svc) => svc.schema);
  const out = new Map<string, CatalogObject>();
  const add = (o: CatalogObject) => out.set(`${o.kind} ${o.name}`, o);
  const rows = async <R>(sql: string, params: unknown[] = []) =>
    (await client.query(sql, params)).rows as R[];

  for (const r of await rows<{ name: string; acl: string }>(
    `SELECT nspname AS name, coalesce(array_to_string(array(SELECT x::text FROM unnest(nspacl) x ORDER BY 1), ' '), '') AS acl
       FROM pg_namespace WHERE nspname = ANY($1)`,
    [PLATFORM_SCHEMAS],
  ))
    add({ kind: 'schema', name: r.name, def: `acl: ${r.acl}` });
  for (const r of await rows<{ name: string; kind: string; acl: string; options: string }>(
    `SELECT n.nspname || '.' || c.relname AS name, c.relkind AS kind,
            coalesce(array_to_string(array(SELECT x::text FROM unnest(c.relacl) x ORDER BY 1), ' '), '') AS acl,
            coalesce(array_to_string(c.reloptions, ','), '') AS options
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'v', 'S', 'm', 'p')`,
    [PLATFORM_SCHEMAS],
  ))
    add({
      kind: 'relation',
      name: r.name,
      def: `kind ${r.kind}; acl: ${r.acl}; options: ${r.options}`,
      grants: Object.fromEntries(
        r.acl
          .split(' ')
          .filter(Boolean)
          .map((item) => item.split('/')[0]!.split('='))
          .map(([role, privileges]) => [role || 'PUBLIC', privileges ?? '']),
      ),
    });
  for (const r of await rows<{ name: string; def: string }>(
    `SELECT n.nspname || '.' || c.relname AS name, pg_get_viewdef(c.oid, true) AS def
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ANY($1) AND c.relkind = 'v'`,
    [PLATFORM_SCHEMAS],
  ))
    add({ kind: 'view', name: r.name, def: r.def });
  for (const r of await rows<{ name: string; def: string }>(
    `SELECT n.nspname || '.' || c.relname || '.' || a.attname AS name,
            format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
              || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') AS def
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped`,
    [PLATFORM_SCHEMAS],
  ))
    add({ kind: 'column', name: r.name, def: r.def });
  for (const r of await rows<{ name: string; def: string; acl: string }>(
    `SELECT n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS name,
            pg_get_functiondef(p.oid) AS def,
            coalesce(array_to_string(array(SELECT x::text FROM unnest(p.proacl) x ORDER BY 1), ' '), '') AS acl
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = ANY($1) AND p.prokind = 'f'`,
    [PLATFORM_SCHEMAS],
  ))
    add({ kind: 'function', name: r.name, def: `${r.def}\n-- acl: ${r.acl}`, create: r.def });
  for (const r of await rows<{ name: string; def: string }>(
    `SELECT schemaname || '.' || indexname AS name, indexdef || coalesce(' WITH ' || array_to_string(c.reloptions, ','), '') AS def
       FROM pg_indexes i JOIN pg_namespace n ON n.nspname = i.schemaname
       JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = i.indexname
      WHERE schemaname = ANY($1)`,
    [PLATFORM_SCHEMAS],
  ))
    add({ kind: 'index', name: r.name, def: r.def });
  for (const r of await rows<{ name: string; def: string }>(
    `SELECT n.nspname || '.' || c.relname || '.' || t.tgname AS name, pg_get_triggerdef(t.oid) AS def
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE NOT t.tgisinternal AND (n.nspname = ANY($1) OR n.nspname = ANY($2))`,
    [PLATFORM_SCHEMAS, serviceSchemas],
  ))
    add({ kind: 'trigger', name: r.name, def: r.def });
  for (const r of await rows<{ name: string; enabled: boolean; forced: boolean }>(
    `SELECT n.nspname || '.' || c.relname AS name, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p')`,
    [serviceSchemas],
  ))
    add({
      kind: 'row security',
      name: r.name,
      def: `${r.enabled ? 'ENABLE' : 'DISABLE'}, ${r.forced ? 'FORCE' : 'NO FORCE'}`,
    });
  for (const r of await rows<PolicyDefinition>(
    `SELECT format('%I.%I', schemaname, tablename) AS table, policyname AS policy, cmd, permissive,
            array_to_string(roles, ', ') AS roles, qual, with_check AS check
       FROM pg_policies WHERE schemaname = ANY($1) OR schemaname = ANY($2)`,
    [serviceSchemas, PLATFORM_SCHEMAS],
  ))
    add({
      kind: 'policy',
      name: `${r.table}.${r.policy}`,
      def: `${r.permissive} FOR ${r.cmd} TO ${r.roles} USING (${r.qual ?? ''}) WITH CHECK (${r.check ?? ''})`,
      policy: r,
    });
  return out;
}

/** One difference between the migrated database and the current definition. */
export interface PlatformDrift {
  key: string;
  /** As the platform migrations made it (undefined: absent). */
  migrated?: CatalogObject;
  /** As the current definition makes it (undefined: the definition drops it). */
  defined?: CatalogObject;
}

/**
 * Apply the current definition over a database migrated with every stream, inside a transaction
 * that is rolled back, and compare the catalog before and after: any difference means the
 * TypeScript definitions (e.g. relation-facts.ts, or a new person-keyed table) changed without a
 * platform migration. A definition that cannot even be applied over the migrated objects (a view
 * losing a column) is drift too: `error`.
 */
export async function platformDrift(
  client: Client,
  opts: { insideTransaction?: boolean } = {},
): Promise<{ drift: PlatformDrift[]; error?: string }> {
  // inside the caller's transaction (tests): a savepoint, so the caller's changes stay
  await client.query(opts.insideTransaction ? 'SAVEPOINT platform_drift' : 'BEGIN');
  try {
    const migrated = await platformCatalog(client);
    try {
      await applyPlatformDefinition(client);
    } catch (err) {
      return { drift: [], error: err instanceof Error ? err.message : String(err) };
    }
    const defined = await platformCatalog(client);
    const drift: PlatformDrift[] = [];
    for (const key of new Set([...migrated.keys(), ...defined.keys()])) {
      const m = migrated.get(key);
      const d = defined.get(key);
      if (m?.def !== d?.def) drift.push({ key, migrated: m, defined: d });
    }
    return { drift: drift.sort((a, b) => a.key.localeCompare(b.key)) };
  } finally {
    await client.query(opts.insideTransaction ? 'ROLLBACK TO SAVEPOINT platform_drift' : 'ROLLBACK');
  }
}
