import type { Client } from 'pg';
import { clock } from '@mamis/platform';
import { DB_SERVICES, SUBGRAPHS } from '../services';
import { personKeyedTables } from '../db/row-security';

/**
 * The admin side of the privacy rights (APPI arts. 26, 33–35): it runs with the ADMIN database
 * URL (the owner / a superuser), because it must read and change EVERY service schema in one
 * go — a service role sees its own schema only, so a consent-service job could not do it.
 * Tables are discovered from the catalog, with the same rule as row-level security
 * (`personKeyedTables`: every table with a `person_id` column, plus membership.person), so a
 * new person-keyed table of any service is exported and erased without a change here.
 */

export const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
export const qt = (schema: string, table: string) => `${q(schema)}.${q(table)}`;

/** The subgraphs' schemas (person-keyed data). */
export const SUBGRAPH_SCHEMAS = SUBGRAPHS.map((s) => s.schema);
/** Every service schema, identity included (accounts). */
export const SERVICE_SCHEMAS = DB_SERVICES.map((s) => s.schema);

/** Tables never exported: the disclosures themselves (they are copies of everything). */
export const NOT_EXPORTED = new Set(['consent.privacy_export']);

export interface PersonTable {
  schema: string;
  table: string;
  /** The person column: `person_id`, or `id` for membership.person. */
  column: string;
  /** `person_ids uuid[]` (a record covering several persons, e.g. a provision record). */
  array?: boolean;
}

export async function existingSchemas(client: Client, wanted: readonly string[]): Promise<string[]> {
  const { rows } = await client.query<{ s: string }>(
    'SELECT nspname AS s FROM pg_namespace WHERE nspname = ANY($1) ORDER BY 1',
    [wanted],
  );
  return rows.map((r) => r.s);
}

/** Every person-keyed table of the subgraphs, plus tables with a `person_ids uuid[]` column. */
export async function personTables(client: Client): Promise<PersonTable[]> {
  const schemas = await existingSchemas(client, SUBGRAPH_SCHEMAS);
  const keyed = (await personKeyedTables(client, schemas)).map(([schema, table, column]) => ({
    schema,
    table,
    column,
  }));
  const { rows } = await client.query<{ schema: string; table: string }>(
    `SELECT c.table_schema AS schema, c.table_name AS table
     FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE t.table_type = 'BASE TABLE' AND c.table_schema = ANY($1)
       AND c.column_name = 'person_ids' AND c.udt_name = '_uuid'
     ORDER BY 1, 2`,
    [schemas],
  );
  const arrays = rows
    .filter((r) => !keyed.some((k) => k.schema === r.schema && k.table === r.table))
    .map((r) => ({ schema: r.schema, table: r.table, column: 'person_ids', array: true }));
  return [...keyed, ...arrays];
}

export interface ColumnInfo {
  schema: string;
  table: string;
  column: string;
  /** information_schema udt_name: uuid, _uuid, text, _text, jsonb, date, … */
  udt: string;
  nullable: boolean;
  hasDefault: boolean;
}

/** Every column of every base table of these schemas (migration bookkeeping left out). */
export async function columnsOf(client: Client, schemas: readonly string[]): Promise<ColumnInfo[]> {
  const { rows } = await client.query<{
    schema: string;
    table: string;
    column: string;
    udt: string;
    nullable: string;
    def: string | null;
  }>(
    `SELECT c.table_schema AS schema, c.table_name AS table, c.column_name AS column, c.udt_name AS udt,
            c.is_nullable AS nullable, c.column_default AS def
     FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE t.table_type = 'BASE TABLE' AND c.table_schema = ANY($1) AND c.table_name <> 'typeorm_migrations'
     ORDER BY 1, 2, c.ordinal_position`,
    [schemas],
  );
  return rows.map((r) => ({
    schema: r.schema,
    table: r.table,
    column: r.column,
    udt: r.udt,
    nullable: r.nullable === 'YES',
    hasDefault: r.def !== null,
  }));
}

/** Run `fn` in ONE transaction as the database's SYSTEM viewer (row-level security: all rows). */
export async function inSystemTransaction<T>(client: Client, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    await client.query(
      `SELECT set_config('mamis.viewer_kind', 'SYSTEM', true), set_config('mamis.write', 'on', true)`,
    );
    const result = await fn();
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

export interface PrivacyRequestRow {
  id: string;
  person_id: string;
  kind: 'DISCLOSURE' | 'CORRECTION' | 'ERASURE';
  status: 'RECEIVED' | 'APPROVED' | 'REJECTED' | 'COMPLETED';
  version: number;
}

/** The request, locked; it must be of `kind` and APPROVED (decided), else an error says why. */
export async function approvedRequest(
  client: Client,
  requestId: string,
  kind: PrivacyRequestRow['kind'],
): Promise<PrivacyRequestRow> {
  if (!/^[0-9a-f-]{36}$/i.test(requestId)) throw new Error(`not a request id: ${requestId}`);
  const { rows } = await client.query<PrivacyRequestRow>(
    `SELECT id::text, person_id::text, kind, status, version FROM consent.privacy_request WHERE id = $1 FOR UPDATE`,
    [requestId],
  );
  const req = rows[0];
  if (!req) throw new Error(`privacy request ${requestId} not found`);
  if (req.kind !== kind)
    throw new Error(`privacy request ${requestId} is a ${req.kind} request, not ${kind}`);
  if (req.status !== 'APPROVED')
    throw new Error(
      `privacy request ${requestId} is ${req.status}; only an APPROVED (decided) request is carried out`,
    );
  return req;
}

/**
 * Close a request: COMPLETED, with its history event, at `now` (the platform clock, like the
 * consent service's filing and decision: the request's dates stay in one time line).
 */
export async function completeRequest(
  client: Client,
  req: { id: string },
  personId: string,
  actor: string,
  note: string,
  now: Date = clock.now(),
): Promise<void> {
  await client.query(
    `UPDATE consent.privacy_request SET status = 'COMPLETED', completed_at = $2, version = version + 1 WHERE id = $1`,
    [req.id, now],
  );
  await client.query(
    `INSERT INTO consent.privacy_request_event (id, request_id, person_id, status, at, actor, note)
     VALUES (gen_random_uuid(), $1, $2, 'COMPLETED', $5, $3, $4)`,
    [req.id, personId, actor, note, now],
  );
}

/** Append one entry to the audit chain for an admin command (the chain's trigger seals it). */
export async function auditAdminAct(
  client: Client,
  op: {
    operation: string;
    actor: string;
    personIds: string[];
    groups: string[];
    action: 'READ' | 'WRITE' | 'EXPORT';
  },
): Promise<void> {
  await client.query(
    `INSERT INTO audit.entry (request_id, service, operation, actor, on_behalf_of, viewer_kind, viewer_association,
                              relations, person_ids, groups, action, prev_hash, hash)
     VALUES ($1, 'privacy-admin', $2, $3, NULL, 'SYSTEM', NULL, '{}', $4::uuid[], $5::text[], $6, '\\x'::bytea, '\\x'::bytea)`,
    [`admin:${op.operation}:${Date.now()}`, op.operation, op.actor, op.personIds, op.groups, op.action],
  );
}

export interface ForeignKey {
  schema: string;
  table: string;
  column: string;
  refSchema: string;
  refTable: string;
  refColumn: string;
}

/** Single-column foreign keys from tables of these schemas. */
export async function foreignKeys(client: Client, schemas: readonly string[]): Promise<ForeignKey[]> {
  const { rows } = await client.query<ForeignKey>(
    `SELECT cn.nspname AS schema, c.relname AS table, a.attname AS column,
            rn.nspname AS "refSchema", r.relname AS "refTable", ra.attname AS "refColumn"
     FROM pg_constraint k
     JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace cn ON cn.oid = c.relnamespace
     JOIN pg_class r ON r.oid = k.confrelid JOIN pg_namespace rn ON rn.oid = r.relnamespace
     JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
     JOIN pg_attribute ra ON ra.attrelid = k.confrelid AND ra.attnum = k.confkey[1]
     WHERE k.contype = 'f' AND cardinality(k.conkey) = 1 AND cn.nspname = ANY($1)
     ORDER BY 1, 2, 3`,
    [schemas],
  );
  return rows;
}
