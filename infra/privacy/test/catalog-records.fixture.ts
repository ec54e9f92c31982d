import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { columnsOf, existingSchemas, foreignKeys, q, qt, SERVICE_SCHEMAS, type ColumnInfo } from '../catalog';

/**
 * Records of ONE person in every table of every service that can refer to a person, generated
 * from the database catalogue (not a hand-picked list): a new table or column is covered without
 * a change here. A column refers to the person when it is
 *
 * - `membership.person.id`, a `person_id` column, or a `person_ids uuid[]` column (the rule of
 *   row-level security and of the privacy commands), or a foreign key to `membership.person`;
 * - in `identity`, `account_id` or `<something>_account_id` (the person's login account), and
 *   `actor` of an idempotency table (what the account submitted).
 *
 * Each such table gets one row per VARIANT: a CHECK constraint that compares a text column with
 * literals (`source = 'MANUAL'`) gives one variant per literal, so every branch of a constraint is
 * present (a MANUAL credit entry with its evidence as well as a SESSION one). Every nullable
 * column is filled (the largest footprint: free text that must be cleared or scrubbed), text
 * carries the person's identifiers, foreign keys point at parent rows generated the same way.
 */

export interface PersonIdentity {
  id: string;
  family_name: string;
  given_name: string;
  family_name_kana: string;
  given_name_kana: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  registry_number: string;
}

export interface CatalogRecords {
  /** The person's login account (identity.account), generated like any other row. */
  accountId: string;
  /** `schema.table` → ids (or a printable key) of the rows generated for the person. */
  rows: Record<string, number>;
  /** `schema.table` of every table found to refer to the person (the coverage to check). */
  personTables: string[];
}

type Ref = 'person' | 'account' | 'actor';

/** How a column refers to the person, if it does. */
export function personReference(c: ColumnInfo, personFks: Set<string>): Ref | 'person[]' | undefined {
  const key = `${c.schema}.${c.table}.${c.column}`;
  if (c.schema === 'membership' && c.table === 'person' && c.column === 'id') return 'person';
  if (c.column === 'person_id' || personFks.has(key)) return 'person';
  if (c.column === 'person_ids' && c.udt === '_uuid') return 'person[]';
  if (c.schema === 'identity' && /(^|_)account_id$/.test(c.column)) return 'account';
  if (c.table === 'idempotency_key' && c.column === 'actor') return 'actor';
  return undefined;
}

const INTEGER = new Set(['int2', 'int4', 'int8']);
/** Distinct values across calls (unique columns). */
let counter = 0;

export async function arrangeCatalogRecords(c: Client, person: PersonIdentity): Promise<CatalogRecords> {
  const schemas = await existingSchemas(c, SERVICE_SCHEMAS);
  const cols = (await columnsOf(c, schemas)).filter((x) => !(x.table === 'typeorm_migrations'));
  const lengths = new Map(
    (
      await c.query<{ k: string; n: number }>(
        `SELECT table_schema || '.' || table_name || '.' || column_name AS k, character_maximum_length AS n
         FROM information_schema.columns WHERE table_schema = ANY($1) AND character_maximum_length IS NOT NULL`,
        [schemas],
      )
    ).rows.map((r) => [r.k, r.n]),
  );
  const fks = await foreignKeys(c, schemas);
  const fkOf = new Map(fks.map((f) => [`${f.schema}.${f.table}.${f.column}`, f]));
  const personFks = new Set(
    fks
      .filter((f) => f.refSchema === 'membership' && f.refTable === 'person' && f.refColumn === 'id')
      .map((f) => `${f.schema}.${f.table}.${f.column}`),
  );
  const checks = (
    await c.query<{ t: string; def: string }>(
      `SELECT n.nspname || '.' || r.relname AS t, pg_get_constraintdef(k.oid) AS def
       FROM pg_constraint k JOIN pg_class r ON r.oid = k.conrelid JOIN pg_namespace n ON n.oid = r.relnamespace
       WHERE k.contype = 'c' AND n.nspname = ANY($1)`,
      [schemas],
    )
  ).rows;
  const tables = [...new Set(cols.map((x) => `${x.schema}.${x.table}`))];
  const colsOf = (t: string) => cols.filter((x) => `${x.schema}.${x.table}` === t);
  const personTables = tables.filter((t) => colsOf(t).some((x) => personReference(x, personFks)));

  const fullName = `${person.family_name}${person.given_name}`;
  const kana = `${person.family_name_kana} ${person.given_name_kana}`;
  const said = [fullName, kana, person.email, person.phone, person.address, person.registry_number]
    .filter(Boolean)
    .join(' / ');
  const rows: Record<string, number> = {};
  const parents = new Map<string, Promise<Record<string, unknown>>>();
  let accountId = '';

  /** Literal alternatives of a table's CHECK constraints: column → values. */
  const literals = (t: string): Map<string, string[]> => {
    const out = new Map<string, string[]>();
    for (const ch of checks.filter((x) => x.t === t))
      for (const m of ch.def.matchAll(/\(?"?(\w+)"?\s*=\s*'([^']*)'::(?:text|character varying)\)?/g)) {
        const list = out.get(m[1]!) ?? [];
        if (!list.includes(m[2]!)) list.push(m[2]!);
        out.set(m[1]!, list);
      }
    return out;
  };

  const valueFor = async (
    x: ColumnInfo,
    variant: Map<string, string>,
    own: boolean,
  ): Promise<{ skip: true } | { skip?: false; sql?: string; value?: unknown }> => {
    const key = `${x.schema}.${x.table}.${x.column}`;
    const ref = personReference(x, personFks);
    if (ref === 'person') return { value: person.id };
    if (ref === 'person[]') return { value: [person.id] };
    if (ref === 'account' || ref === 'actor') return { value: accountId || randomUUID() };
    const fk = fkOf.get(key);
    if (fk) {
      if (fk.refSchema === x.schema && fk.refTable === x.table)
        return x.nullable ? { value: null } : { skip: true };
      const parent = await parentRow(`${fk.refSchema}.${fk.refTable}`);
      return { value: parent[fk.refColumn] };
    }
    if (variant.has(x.column)) return { value: variant.get(x.column) };
    // NOT NULL with a default: the default (ids, sequences, timestamps, statuses)
    if (!x.nullable && x.hasDefault) return { skip: true };
    if (x.hasDefault && INTEGER.has(x.udt)) return { skip: true };
    const n = ++counter;
    switch (x.udt) {
      case 'uuid':
        return { value: randomUUID() };
      case '_uuid':
        return { value: [randomUUID()] };
      case 'text':
      case 'varchar':
      case 'bpchar': {
        const max = lengths.get(key);
        const text = own ? `${x.column}-${n} ${said}` : `${x.column}-${n}`;
        return {
          value: max && text.length > max ? `${n}`.padStart(Math.min(max, 4), '0').slice(-max) : text,
        };
      }
      case '_text':
      case '_varchar':
        return { value: [own ? `${x.column}-${n} ${said}` : `${x.column}-${n}`] };
      case 'json':
      case 'jsonb':
        return {
          value: JSON.stringify(
            own ? { note: `${x.column}-${n} ${said}`, personId: person.id } : { note: n },
          ),
        };
      case 'int2':
      case 'int4':
      case 'int8':
        return { value: 2000 + n };
      case 'numeric':
      case 'float4':
      case 'float8':
        return { value: 1 };
      case 'bool':
        return { value: false };
      case 'date':
        return { value: '2020-04-01' };
      case 'timestamptz':
      case 'timestamp':
        return { sql: 'now()' };
      case 'bytea':
        return { value: Buffer.from(own ? said : `${n}`) };
      default:
        if (x.nullable) return { value: null };
        throw new Error(`catalog records: no generator for ${key} (${x.udt})`);
    }
  };

  const insert = async (t: string, variant: Map<string, string>): Promise<Record<string, unknown>> => {
    const [schema, table] = t.split('.') as [string, string];
    const names: string[] = [];
    const exprs: string[] = [];
    const params: unknown[] = [];
    // the person's identifiers go into the person's own rows only; a parent row (an association,
    // a session) is not the person's and keeps neutral text
    const own = personTables.includes(t);
    for (const x of colsOf(t)) {
      const v = await valueFor(x, variant, own);
      if (v.skip) continue;
      names.push(q(x.column));
      if (v.sql) exprs.push(v.sql);
      else {
        params.push(v.value);
        exprs.push(`$${params.length}`);
      }
    }
    const { rows: inserted } = await c.query(
      `INSERT INTO ${qt(schema, table)} (${names.join(', ')}) VALUES (${exprs.join(', ')}) RETURNING *`,
      params,
    );
    rows[t] = (rows[t] ?? 0) + 1;
    return inserted[0] as Record<string, unknown>;
  };

  const variantsOf = (t: string): Map<string, string>[] => {
    const lit = literals(t);
    const width = Math.max(1, ...[...lit.values()].map((v) => v.length));
    return Array.from(
      { length: width },
      (_, i) => new Map([...lit].map(([col, values]) => [col, values[i % values.length]!])),
    );
  };

  /** A parent row a foreign key needs (generated once per table, the person's where it can be). */
  function parentRow(t: string): Promise<Record<string, unknown>> {
    if (t === 'membership.person') return Promise.resolve({ id: person.id });
    if (!parents.has(t)) parents.set(t, insert(t, variantsOf(t)[0]!));
    return parents.get(t)!;
  }

  // the account first: the other identity tables and the idempotency records refer to it
  if (personTables.includes('identity.account')) {
    const account = await parentRow('identity.account');
    accountId = String(account.id);
  }
  for (const t of personTables) {
    if (t === 'membership.person' || t === 'identity.account') continue;
    for (const variant of variantsOf(t)) await insert(t, variant);
  }
  return { accountId, rows, personTables };
}
