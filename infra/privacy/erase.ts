import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { clock, FIELD_GROUPS } from '@mamis/platform';
import {
  approvedRequest,
  auditAdminAct,
  columnsOf,
  completeRequest,
  existingSchemas,
  inSystemTransaction,
  personTables,
  q,
  qt,
  SERVICE_SCHEMAS,
  type ColumnInfo,
} from './catalog';
import {
  JMA_CERTIFICATE_SUMMARIES,
  REFRESH_JMA_CERTIFICATE_COUNTS_SQL,
} from '../../services/training/src/repositories/jma-certificate-counts.sql';
import {
  JMA_CREDIT_SUMMARIES,
  REFRESH_JMA_CREDIT_COUNTS_SQL,
} from '../../services/training/src/repositories/jma-credit-counts.sql';
import {
  JMA_INSURANCE_SUMMARIES,
  REFRESH_JMA_INSURANCE_COUNTS_SQL,
} from '../../services/insurance-pension/src/repositories/jma-insurance-counts.sql';

/**
 * The JMA's maintained counts (no person column), each set with its recount: skipped by the scrub
 * and recounted at the end (step 4).
 */
const JMA_COUNTS = [
  { tables: JMA_CERTIFICATE_SUMMARIES.map((t) => t.table), refresh: REFRESH_JMA_CERTIFICATE_COUNTS_SQL },
  { tables: JMA_CREDIT_SUMMARIES.map((t) => t.table), refresh: REFRESH_JMA_CREDIT_COUNTS_SQL },
  { tables: JMA_INSURANCE_SUMMARIES.map((t) => t.table), refresh: REFRESH_JMA_INSURANCE_COUNTS_SQL },
];

/**
 * Erasure (消去, APPI art. 35; decided by the JMA, terms art. 8.2) of one person, in ONE
 * transaction across every service schema:
 *
 * 1. Pseudonymise: the person's id is replaced by a fresh random id (the pseudonym) in EVERY
 *    uuid column of every service table, and no mapping is kept anywhere (not even in the
 *    command's output), so what remains cannot be linked back. membership.person keeps a row
 *    under the pseudonym with every identifying column erased.
 * 2. Keep aggregates: memberships (association, category, dates; active ones end today),
 *    attendance and credits,
 *    insurance/pension enrolment rows stay under the pseudonym, so counts by year and category
 *    are unchanged; their nullable free-text columns (notes, reasons, snapshots) are cleared.
 * 3. Remove what only serves the person: the disclosures (privacy_export), the login account's
 *    identifying data and secrets (the account is ENDED), its sessions, tokens, reset and
 *    recovery codes, assistant grants revoked, idempotency records of the account.
 * 4. Scrub: text/json columns are searched for the person's identifiers and each occurrence is
 *    replaced (the old id by the pseudonym, the rest by ［消去済み］): the unique ones (old id,
 *    registry number) in every service table; the others (full name in kanji and kana, e-mail,
 *    phone, address — namesakes and shared clinic phones exist) in the person's own rows.
 * 5. The audit chain: `audit.pseudonymise(old, pseudonym)` (infra/db/audit-schema.ts) replaces
 *    the id in every entry and destroys its salt; the chain still verifies.
 * 6. The request itself is completed and detached from the pseudonym (its person id becomes a
 *    second, unrelated random id, its filer is erased), and the act is appended to the audit.
 * 7. Check before commit: the old id is in no uuid column and no identifier in any text column;
 *    otherwise everything is rolled back.
 * Tables with user triggers that refuse updates (append-only ledgers) get them disabled and
 * re-enabled inside the transaction (ALTER TABLE takes an exclusive lock: nobody else writes
 * to the table meanwhile, and nobody ever sees the trigger off).
 *
 * Length: the seven steps are one transaction over one connection and share what the first ones
 * find (the person's identifiers, the column catalogue, the tables with triggers), so they stay in
 * one file in that order; what erasure shares with the disclosure export is in catalog.ts.
 */

export const ERASED = '［消去済み］';
const ERASED_KANA = 'ショウキョズミ';

/** Columns of membership.person: how each is erased (anything else: NULL, or its default). */
const PERSON_RULES: Record<string, (pseudonym: string) => unknown> = {
  family_name: () => ERASED,
  given_name: () => ERASED,
  family_name_kana: () => ERASED_KANA,
  given_name_kana: () => ERASED_KANA,
  birth_date: () => '1900-01-01',
  sex: () => 'OTHER',
  registry_number: (p) => `ERASED-${p}`,
  departments: () => [],
};
const PERSON_KEEP = new Set(['version', 'created_at', 'updated_at']);

/** Columns of kept rows that are categories (aggregated), never cleared. */
const CATEGORICAL =
  /(^|_)(category|status|kind|type|method|code|action|tier|program|year|unit|units|result|outcome)$/;
const FREE_TEXT = new Set(['text', 'varchar', 'bpchar', 'json', 'jsonb', '_text', '_varchar']);

export interface ErasureReport {
  requestId: string;
  /** `schema.table` → rows re-keyed to the pseudonym. */
  pseudonymised: Record<string, number>;
  /** `schema.table.column` → values scrubbed of identifiers. */
  scrubbed: Record<string, number>;
  deleted: Record<string, number>;
  accountsEnded: number;
  auditEntriesPseudonymised: number;
}

type Row = Record<string, unknown>;

/** The person's strong identifiers (longest first), never single common words. */
export function identifiersOf(person: Row, personId: string): string[] {
  const s = (k: string) => (typeof person[k] === 'string' ? (person[k] as string).trim() : '');
  const out = new Set<string>([personId]);
  const pairs: [string, string][] = [
    [s('family_name'), s('given_name')],
    [s('family_name_kana'), s('given_name_kana')],
  ];
  for (const [f, g] of pairs) if (f && g) for (const sep of ['', ' ', '　']) out.add(`${f}${sep}${g}`);
  for (const k of ['email', 'phone', 'registry_number', 'address']) if (s(k).length >= 4) out.add(s(k));
  return [...out].sort((a, b) => b.length - a.length);
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

async function userTriggers(client: Client, schema: string, table: string): Promise<boolean> {
  const { rows } = await client.query(
    `SELECT 1 FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relname = $2 AND NOT t.tgisinternal AND t.tgenabled <> 'D' LIMIT 1`,
    [schema, table],
  );
  return rows.length > 0;
}

/**
 * Run an UPDATE/DELETE on a table. When the table has user triggers and one refuses the change
 * (an append-only ledger), retry with its user triggers disabled — inside this transaction only
 * (ALTER TABLE's exclusive lock keeps every other session out until commit).
 */
async function change(
  client: Client,
  schema: string,
  table: string,
  sql: string,
  params: unknown[],
): Promise<number> {
  if (!(await userTriggers(client, schema, table))) return (await client.query(sql, params)).rowCount ?? 0;
  await client.query('SAVEPOINT privacy_change');
  try {
    const res = await client.query(sql, params);
    await client.query('RELEASE SAVEPOINT privacy_change');
    return res.rowCount ?? 0;
  } catch {
    await client.query('ROLLBACK TO SAVEPOINT privacy_change');
  }
  const t = qt(schema, table);
  await client.query(`ALTER TABLE ${t} DISABLE TRIGGER USER`);
  const res = await client.query(sql, params);
  await client.query(`ALTER TABLE ${t} ENABLE TRIGGER USER`);
  return res.rowCount ?? 0;
}

/** `schema.table.column` of every column a CHECK constraint reads. */
async function checkedColumns(client: Client, schemas: readonly string[]): Promise<Set<string>> {
  const { rows } = await client.query<{ k: string }>(
    `SELECT DISTINCT n.nspname || '.' || r.relname || '.' || a.attname AS k
     FROM pg_constraint k JOIN pg_class r ON r.oid = k.conrelid JOIN pg_namespace n ON n.oid = r.relnamespace
     JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY(k.conkey)
     WHERE k.contype = 'c' AND n.nspname = ANY($1)`,
    [schemas],
  );
  return new Set(rows.map((r) => r.k));
}

/**
 * What a cleared free-text column becomes: NULL, or — when a CHECK constraint reads the column
 * (it may require a value) — ［消去済み］ in place of a value (NULL stays NULL).
 */
function clearedValue(c: ColumnInfo, checked: Set<string>): string {
  if (!checked.has(`${c.schema}.${c.table}.${c.column}`)) return 'NULL';
  const col = q(c.column);
  const erased =
    c.udt === 'json' || c.udt === 'jsonb'
      ? `to_jsonb('${ERASED}'::text)::${c.udt}`
      : c.udt.startsWith('_')
        ? `ARRAY['${ERASED}']::${c.udt.slice(1)}[]`
        : `'${ERASED}'`;
  return `CASE WHEN ${col} IS NULL THEN NULL ELSE ${erased} END`;
}

const bump = (m: Record<string, number>, k: string, n: number) => {
  if (n > 0) m[k] = (m[k] ?? 0) + n;
};

export async function erasePerson(
  client: Client,
  personId: string,
  report: ErasureReport,
  today: string = clock.today(),
): Promise<{ pseudonym: string }> {
  const pseudonym = randomUUID();
  const schemas = await existingSchemas(client, SERVICE_SCHEMAS);
  const cols = await columnsOf(client, schemas);
  const person = (await client.query(`SELECT * FROM membership.person WHERE id = $1 FOR UPDATE`, [personId]))
    .rows[0] as Row | undefined;
  const identifiers = identifiersOf(person ?? {}, personId);

  // 1. membership.person: a scrubbed row under the pseudonym, then every reference moved to it
  if (person) {
    const personCols = cols.filter((c) => c.schema === 'membership' && c.table === 'person');
    const names: string[] = [];
    const values: unknown[] = [];
    for (const c of personCols) {
      if (c.column === 'id') {
        names.push('id');
        values.push(pseudonym);
      } else if (PERSON_RULES[c.column]) {
        names.push(c.column);
        values.push(PERSON_RULES[c.column]!(pseudonym));
      } else if (PERSON_KEEP.has(c.column)) {
        names.push(c.column);
        values.push(person[c.column]);
      } else if (c.nullable) {
        names.push(c.column);
        values.push(null);
      } else if (!c.hasDefault) {
        throw new Error(
          `membership.person.${c.column} is NOT NULL without a default and has no erasure rule (infra/privacy/erase.ts PERSON_RULES)`,
        );
      } // else: omitted → its default
    }
    await client.query(`UPDATE membership.person SET registry_number = $2 WHERE id = $1`, [
      personId,
      `ERASING-${pseudonym}`,
    ]);
    await client.query(
      `INSERT INTO membership.person (${names.map(q).join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`,
      values,
    );
  }

  // the login accounts of the person (identity), before their person_id moves
  const accountIds = schemas.includes('identity')
    ? (await client.query(`SELECT id::text FROM identity.account WHERE person_id = $1`, [personId])).rows.map(
        (r: { id: string }) => r.id,
      )
    : [];

  // 2. every uuid column of every service table: old id → pseudonym
  for (const c of cols) {
    if (c.schema === 'membership' && c.table === 'person' && c.column === 'id') continue;
    if (c.udt === 'uuid') {
      const n = await change(
        client,
        c.schema,
        c.table,
        `UPDATE ${qt(c.schema, c.table)} SET ${q(c.column)} = $2 WHERE ${q(c.column)} = $1`,
        [personId, pseudonym],
      );
      bump(report.pseudonymised, `${c.schema}.${c.table}`, n);
    } else if (c.udt === '_uuid') {
      const n = await change(
        client,
        c.schema,
        c.table,
        `UPDATE ${qt(c.schema, c.table)} SET ${q(c.column)} = array_replace(${q(c.column)}, $1::uuid, $2::uuid) WHERE ${q(c.column)} @> ARRAY[$1::uuid]`,
        [personId, pseudonym],
      );
      bump(report.pseudonymised, `${c.schema}.${c.table}`, n);
    }
  }
  if (person) await client.query(`DELETE FROM membership.person WHERE id = $1`, [personId]);
  // an erased person is no longer a member anywhere (no dues runs, no member lists); the
  // membership rows stay (association, category, dates) for the aggregates
  const ended = await change(
    client,
    'membership',
    'membership',
    `UPDATE membership.membership SET status = 'LEFT', left_on = coalesce(left_on, $2::date)
     WHERE person_id = $1 AND status = 'ACTIVE'`,
    [pseudonym, today],
  );
  bump(report.pseudonymised, 'membership.membership (ended)', ended);

  // 3a. the disclosures (copies of everything) and the request's free text
  const del = await client.query(`DELETE FROM consent.privacy_export WHERE person_id = $1`, [pseudonym]);
  bump(report.deleted, 'consent.privacy_export', del.rowCount ?? 0);

  // 2b. kept rows: nullable free text cleared (categories and numbers stay for the aggregates).
  // A column a CHECK constraint reads (a MANUAL credit entry needs its evidence) is overwritten
  // with ［消去済み］ instead of NULL, so the row still satisfies the constraint.
  const checked = await checkedColumns(client, schemas);
  for (const t of await personTables(client)) {
    if (t.schema === 'membership' && t.table === 'person') continue;
    const clear = cols.filter(
      (c) =>
        c.schema === t.schema &&
        c.table === t.table &&
        c.nullable &&
        FREE_TEXT.has(c.udt) &&
        !CATEGORICAL.test(c.column),
    );
    if (clear.length === 0) continue;
    const where = t.array ? `$1::uuid = ANY(${q(t.column)})` : `${q(t.column)} = $1`;
    await change(
      client,
      t.schema,
      t.table,
      `UPDATE ${qt(t.schema, t.table)} SET ${clear.map((c) => `${q(c.column)} = ${clearedValue(c, checked)}`).join(', ')} WHERE ${where}`,
      [pseudonym],
    );
  }

  // 3b. identity: the account stays (its id is in the audit chain as an actor) but identifies nobody
  if (accountIds.length > 0) {
    const accountCols = new Set(
      cols.filter((c) => c.schema === 'identity' && c.table === 'account').map((c) => c.column),
    );
    const sets: Record<string, string> = {
      username: `'erased-' || id::text`,
      display_name: `'${ERASED}'`,
      email: 'NULL',
      password_hash: 'NULL',
      totp_secret_sealed: 'NULL',
      totp_last_step: 'NULL',
      status: `'ENDED'`,
      status_reason: `'ERASED (APPI art. 35)'`,
      status_changed_at: 'now()',
      person_id: 'NULL',
    };
    const present = Object.entries(sets).filter(([k]) => accountCols.has(k));
    const res = await client.query(
      `UPDATE identity.account SET ${present.map(([k, v]) => `${q(k)} = ${v}`).join(', ')} WHERE id = ANY($1::uuid[])`,
      [accountIds],
    );
    report.accountsEnded += res.rowCount ?? 0;
    // everything else keyed by the account: sessions, tokens, codes, interim acceptances
    for (const c of cols) {
      if (c.schema !== 'identity' || c.table === 'account' || c.column !== 'account_id') continue;
      const n = await change(
        client,
        c.schema,
        c.table,
        `DELETE FROM ${qt(c.schema, c.table)} WHERE ${q(c.column)}::text = ANY($1::text[])`,
        [accountIds],
      );
      bump(report.deleted, `${c.schema}.${c.table}`, n);
    }
    if (
      cols.some(
        (c) => c.schema === 'identity' && c.table === 'assistant_grant' && c.column === 'grantor_account_id',
      )
    )
      await client.query(
        `UPDATE identity.assistant_grant SET revoked_at = coalesce(revoked_at, now()) WHERE grantor_account_id = ANY($1::uuid[])`,
        [accountIds],
      );
    // idempotency records submitted by the account (their stored results)
    for (const c of cols) {
      if (c.table !== 'idempotency_key' || c.column !== 'actor') continue;
      const n = await change(
        client,
        c.schema,
        c.table,
        `DELETE FROM ${qt(c.schema, c.table)} WHERE actor = ANY($1::text[])`,
        [accountIds],
      );
      bump(report.deleted, `${c.schema}.${c.table}`, n);
    }
  }

  // 4. scrub identifiers out of text/json columns: unique ones everywhere, all in the person's rows.
  // Not in the JMA's maintained counts (summaries, no person column). The certificate and credit
  // counts are keyed by copies of the certificates' and credit entries' programme codes, which their
  // triggers move as those rows are scrubbed, so renaming them too would turn one count's key into
  // another's (a duplicate key); the insurance counts by prefecture and year hold nothing of anyone.
  // Each set is recounted from the scrubbed rows after step 5: no count is left under the old text
  // (not even a zero), and counts of rows changed with their triggers disabled (above: the
  // append-only credit ledger) are right again.
  const present: (typeof JMA_COUNTS)[number][] = [];
  for (const counts of JMA_COUNTS) {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(to_regclass(t))::int AS n FROM unnest($1::text[]) AS t`,
      [counts.tables],
    );
    if (rows[0]?.n === counts.tables.length) present.push(counts);
  }
  const derived = new Set<string>(JMA_COUNTS.flatMap((c) => c.tables));
  const scrubbed = cols.filter((c) => !derived.has(`${c.schema}.${c.table}`));
  await scrub(client, scrubbed, uniqueIdentifiersOf(person ?? {}, personId), personId, pseudonym, report);
  const own = new Map((await personTables(client)).map((t) => [`${t.schema}.${t.table}`, t]));
  // the login accounts' own rows in identity (the account itself, its grants and codes)
  const accountColumns = new Map<string, string[]>();
  for (const c of cols)
    if (
      c.schema === 'identity' &&
      ((c.table === 'account' && c.column === 'id') || /(^|_)account_id$/.test(c.column))
    )
      accountColumns.set(`${c.schema}.${c.table}`, [
        ...(accountColumns.get(`${c.schema}.${c.table}`) ?? []),
        c.column,
      ]);
  await scrub(client, scrubbed, identifiers, personId, pseudonym, report, {
    own,
    accounts: { ids: accountIds, columns: accountColumns },
  });

  // 5. the audit chain
  const { rows } = await client.query<{ n: number }>(`SELECT audit.pseudonymise($1, $2) AS n`, [
    personId,
    pseudonym,
  ]);
  report.auditEntriesPseudonymised = rows[0]?.n ?? 0;
  for (const counts of present) await client.query(counts.refresh);
  return { pseudonym };
}

/** The identifiers unique to the person (scrubbed everywhere): the old id and the registry number. */
export function uniqueIdentifiersOf(person: Row, personId: string): string[] {
  const reg = typeof person.registry_number === 'string' ? person.registry_number.trim() : '';
  return reg.length >= 4 ? [personId, reg] : [personId];
}

interface ScrubScope {
  /** Restrict to the person's own rows: [person column, array?] per `schema.table`. */
  own?: Map<string, { column: string; array?: boolean }>;
  /**
   * The person's login accounts and, per identity table, the columns naming an account: rows of
   * those accounts are the person's own too (an account's status reason, a grant).
   */
  accounts?: { ids: string[]; columns: Map<string, string[]> };
}

/**
 * Replace identifiers in text/json columns: the old id by the pseudonym, anything else by
 * ［消去済み］. Names, e-mail, phone and address are not unique (namesakes, shared clinic phones),
 * so they are scrubbed only in the person's own rows; the id and the registry number everywhere.
 */
async function scrub(
  client: Client,
  cols: ColumnInfo[],
  identifiers: string[],
  personId: string,
  pseudonym: string,
  report: ErasureReport,
  scope: ScrubScope = {},
): Promise<void> {
  if (identifiers.length === 0) return;
  const patterns = identifiers.map((s) => `%${likeEscape(s)}%`);
  const n = identifiers.length;
  // $1 old id, $2..$n+1 identifiers, $n+2 patterns, $n+3 pseudonym
  const replaced = (expr: string) =>
    identifiers.reduce(
      (acc, _, i) =>
        `replace(${acc}, $${i + 2}::text, CASE WHEN $${i + 2}::text = $1::text THEN $${n + 3}::text ELSE '${ERASED}' END)`,
      expr,
    );
  for (const c of cols) {
    if (!FREE_TEXT.has(c.udt)) continue;
    let own = '';
    const params: unknown[] = [personId, ...identifiers, patterns, pseudonym];
    if (scope.own) {
      const t = scope.own.get(`${c.schema}.${c.table}`);
      const accountColumns = scope.accounts?.columns.get(`${c.schema}.${c.table}`);
      if (t)
        own = t.array
          ? ` AND $${n + 3}::uuid = ANY(${q(t.column)})`
          : ` AND ${q(t.column)} = $${n + 3}::uuid`;
      else if (accountColumns && scope.accounts!.ids.length > 0) {
        params.push(scope.accounts!.ids);
        own = ` AND (${accountColumns.map((a) => `${q(a)}::text = ANY($${n + 4}::text[])`).join(' OR ')})`;
      } else continue;
    }
    const col = q(c.column);
    const match = `${col}::text LIKE ANY($${n + 2}::text[])${own}`;
    let set: string;
    if (c.udt === 'json' || c.udt === 'jsonb') set = `${col} = (${replaced(`${col}::text`)})::${c.udt}`;
    else if (c.udt.startsWith('_'))
      set = `${col} = ARRAY(SELECT ${replaced('x')} FROM unnest(${col}) WITH ORDINALITY AS u(x, o) ORDER BY o)`;
    else set = `${col} = ${replaced(col)}`;
    const count = await change(
      client,
      c.schema,
      c.table,
      `UPDATE ${qt(c.schema, c.table)} SET ${set} WHERE ${match}`,
      params,
    );
    bump(report.scrubbed, `${c.schema}.${c.table}.${c.column}`, count);
  }
}

/**
 * What is left of the person: `schema.table.column` → rows still holding the old id (any uuid
 * column, the audit), a unique identifier (any text column), or any identifier in the rows now
 * under the pseudonym.
 */
export async function remnants(
  client: Client,
  personId: string,
  person: Row,
  pseudonym?: string,
): Promise<Record<string, number>> {
  const schemas = await existingSchemas(client, SERVICE_SCHEMAS);
  const out: Record<string, number> = {};
  const unique = uniqueIdentifiersOf(person, personId).map((s) => `%${likeEscape(s)}%`);
  const all = identifiersOf(person, personId).map((s) => `%${likeEscape(s)}%`);
  const own = new Map((await personTables(client)).map((t) => [`${t.schema}.${t.table}`, t]));
  for (const c of await columnsOf(client, schemas)) {
    const checks: [string, unknown[]][] = [];
    if (c.udt === 'uuid') checks.push([`${q(c.column)} = $1::uuid`, [personId]]);
    else if (c.udt === '_uuid') checks.push([`${q(c.column)} @> ARRAY[$1::uuid]`, [personId]]);
    else if (FREE_TEXT.has(c.udt)) {
      checks.push([`${q(c.column)}::text LIKE ANY($1::text[])`, [unique]]);
      const t = own.get(`${c.schema}.${c.table}`);
      if (t && pseudonym) {
        const cond = t.array ? `$2::uuid = ANY(${q(t.column)})` : `${q(t.column)} = $2::uuid`;
        checks.push([`${q(c.column)}::text LIKE ANY($1::text[]) AND ${cond}`, [all, pseudonym]]);
      }
    }
    for (const [where, params] of checks) {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${qt(c.schema, c.table)} WHERE ${where}`,
        params,
      );
      if (rows[0]!.n > 0) out[`${c.schema}.${c.table}.${c.column}`] = rows[0]!.n;
    }
  }
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM audit.entry WHERE person_ids @> ARRAY[$1::uuid]`,
    [personId],
  );
  if (rows[0]!.n > 0) out['audit.entry.person_ids'] = rows[0]!.n;
  return out;
}

/**
 * `npm run privacy:erase -- --request <id>`: carry out an APPROVED erasure request (decided by
 * the JMA) in one transaction; rolled back unless nothing of the person remains.
 */
export async function runErasure(
  client: Client,
  requestId: string,
  actor = 'system:privacy-erase',
): Promise<ErasureReport> {
  return inSystemTransaction(client, async () => {
    const req = await approvedRequest(client, requestId, 'ERASURE');
    const report: ErasureReport = {
      requestId: req.id,
      pseudonymised: {},
      scrubbed: {},
      deleted: {},
      accountsEnded: 0,
      auditEntriesPseudonymised: 0,
    };
    const person = (await client.query(`SELECT * FROM membership.person WHERE id = $1`, [req.person_id]))
      .rows[0] as Row | undefined;
    const { pseudonym } = await erasePerson(client, req.person_id, report);
    // 6. the request: completed, detached from the pseudonym and from the filer
    const detached = randomUUID();
    await change(
      client,
      'consent',
      'privacy_request_event',
      `UPDATE consent.privacy_request_event SET person_id = $2, actor = CASE WHEN actor LIKE 'system:%' THEN actor ELSE 'erased' END WHERE request_id = $1`,
      [req.id, detached],
    );
    await client.query(
      `UPDATE consent.privacy_request SET person_id = $2, filed_by = 'erased', details = NULL WHERE id = $1`,
      [req.id, detached],
    );
    await completeRequest(client, req, detached, actor, 'erased (APPI art. 35, terms art. 8.2)');
    await auditAdminAct(client, {
      operation: 'privacy:erase',
      actor,
      personIds: [detached],
      groups: [...FIELD_GROUPS],
      action: 'WRITE',
    });
    // 7. nothing of the person may remain
    const left = await remnants(client, req.person_id, person ?? {}, pseudonym);
    if (Object.keys(left).length > 0)
      throw new Error(`erasure incomplete, rolled back; still found in: ${JSON.stringify(left)}`);
    return report;
  });
}
