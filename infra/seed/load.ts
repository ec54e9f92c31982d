/**
 * Load the seed data set into a migrated, empty database with COPY.
 *
 * 1. The static tables (associations, sessions, terms version): one small COPY each.
 * 2. The person-keyed tables (person, membership, attendance, insurance, acceptances): ONE pass
 *    over the generated persons fans out to five COPY streams on five connections, so generation
 *    (Node) and the five server backends work concurrently.
 *    Each table has its own transaction. Foreign-key and user triggers are skipped during the COPY
 *    (`session_replication_role = replica`, superuser only, as pg_restore --disable-triggers does)
 *    and every foreign key of the table is then verified with one set-based anti-join inside the
 *    same transaction, after the referenced tables are committed; a violation rolls it back. The
 *    maintained counts the user triggers keep are recounted after the load (a trigger reading
 *    another table under load would wait for that table's transaction: its indexes are rebuilt
 *    under an exclusive lock).
 * 3. Dues invoices and payments and certificates, derived from the loaded rows in SQL
 *    (generate-dues-certificates.ts).
 * 4. ANALYZE the loaded tables, then recount the maintained summaries (their triggers were off).
 * If anything fails, the tables (empty before the load) are truncated again and the error rethrown.
 */
import { Client } from 'pg';
import { CopySink, copyAll } from './copy-sink';
import {
  generateDataset,
  isPersonTable,
  PERSON_TABLE_ROWS,
  type Dataset,
  type DatasetTable,
  type PersonTableName,
  type Scale,
} from './generate';
import { DERIVED_TABLES, loadDuesAndCertificates } from './generate-dues-certificates';
import { CODECS, TABLE_NAMES, type TableName } from './tables';
import { REFRESH_ACTIVE_MEMBER_COUNTS_SQL } from '../../services/membership/src/repositories/member-order.sql';
import { REFRESH_JMA_CERTIFICATE_COUNTS_SQL } from '../../services/training/src/repositories/jma-certificate-counts.sql';
import { REFRESH_JMA_CREDIT_COUNTS_SQL } from '../../services/training/src/repositories/jma-credit-counts.sql';
import { REFRESH_JMA_INSURANCE_COUNTS_SQL } from '../../services/insurance-pension/src/repositories/jma-insurance-counts.sql';

export interface LoadOptions {
  /** Superuser URL of a database migrated with bootstrapDatabase. */
  adminUrl: string;
  scale: Scale;
  seed?: number;
  log?: (line: string) => void;
}

export interface LoadResult {
  /** Rows loaded per schema-qualified table. */
  counts: Record<string, number>;
  ms: number;
}

/**
 * Tables whose secondary indexes are dropped during the COPY and rebuilt before the commit: the
 * person-keyed ones (hundreds of thousands to millions of rows, indexed on random uuids). One
 * sorted build per index after the stream is far cheaper than random b-tree inserts during it,
 * and it moves PostgreSQL's work to when the generator (Node) is done and both cores are free.
 */
const REBUILT_INDEXES: ReadonlySet<TableName> = new Set<TableName>([
  'membership.person',
  'membership.membership',
  'training.attendance',
  'insurance_pension.insurance_enrolment',
  'consent.terms_acceptance',
  'training.credit_entry',
]);

/** Serialises concurrent seed loads of one database (bootstrap uses 727001). */
const SEED_LOCK = 727002;

const quoteTable = (name: string) => {
  const [schema, table] = name.split('.');
  return `"${schema}"."${table}"`;
};

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  // Commit durability does not matter for a seed load; it saves a WAL flush per transaction.
  await client.query('SET synchronous_commit = off');
  return client;
}

/** True when membership.association has rows (false too when the database is not migrated yet). */
export async function isSeeded(adminUrl: string): Promise<boolean> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows: reg } = await client.query<{ reg: string | null }>(
      `SELECT to_regclass('"membership"."association"') AS reg`,
    );
    if (!reg[0]?.reg) return false;
    const { rows } = await client.query<{ exists: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM "membership"."association") AS "exists"',
    );
    return rows[0]!.exists;
  } finally {
    await client.end();
  }
}

/** Refuse to load unless we are superuser, every table exists and all of them are empty. */
async function assertLoadable(client: Client): Promise<void> {
  const { rows: su } = await client.query<{ rolsuper: boolean }>(
    'SELECT rolsuper FROM pg_roles WHERE rolname = current_user',
  );
  if (!su[0]?.rolsuper)
    throw new Error('loadSeed needs a superuser connection (it disables FK triggers during COPY)');
  for (const name of TABLE_NAMES) {
    const { rows } = await client.query<{ reg: string | null }>('SELECT to_regclass($1) AS reg', [
      quoteTable(name),
    ]);
    if (!rows[0]?.reg)
      throw new Error(`table ${name} does not exist: bootstrap (migrate) the database before seeding`);
  }
  const nonEmpty: string[] = [];
  for (const name of TABLE_NAMES) {
    const { rows } = await client.query<{ exists: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM ${quoteTable(name)}) AS "exists"`,
    );
    if (rows[0]!.exists) nonEmpty.push(name);
  }
  if (nonEmpty.length > 0)
    throw new Error(`refusing to seed: the database already has data in ${nonEmpty.join(', ')}`);
}

interface ForeignKey {
  name: string;
  column: string;
  refTable: string;
  refColumn: string;
}

/** The single-column foreign keys of a table, read from the catalogue. */
async function foreignKeysOf(client: Client, table: TableName): Promise<ForeignKey[]> {
  const { rows } = await client.query<ForeignKey & { columns: number }>(
    `SELECT c.conname AS name, a.attname AS "column", format('%I.%I', fn.nspname, fc.relname) AS "refTable",
            fa.attname AS "refColumn", array_length(c.conkey, 1) AS columns
       FROM pg_constraint c
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       JOIN pg_class fc ON fc.oid = c.confrelid
       JOIN pg_namespace fn ON fn.oid = fc.relnamespace
       JOIN pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = c.confkey[1]
      WHERE c.contype = 'f' AND c.conrelid = $1::regclass`,
    [quoteTable(table)],
  );
  const multi = rows.find((r) => r.columns !== 1);
  if (multi)
    throw new Error(
      `foreign key ${multi.name} on ${table} has several columns; the seed loader checks single-column keys only`,
    );
  return rows;
}

/** Whether `table` has triggers of its own (not those of its constraints). */
async function hasUserTriggers(client: Client, table: TableName): Promise<boolean> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal`,
    [quoteTable(table)],
  );
  return (rows[0]?.n ?? 0) > 0;
}

/** Verify every foreign key of `table` set-based (inside the loading transaction). */
async function verifyForeignKeys(
  client: Client,
  table: TableName,
  keys: readonly ForeignKey[],
): Promise<void> {
  for (const fk of keys) {
    // Hold the referenced rows still until we commit, as the FK triggers would have.
    await client.query(`LOCK TABLE ${fk.refTable} IN SHARE MODE`);
    const { rows } = await client.query<{ missing: string }>(
      `SELECT count(*) AS missing FROM ${quoteTable(table)} t
        WHERE t."${fk.column}" IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM ${fk.refTable} r WHERE r."${fk.refColumn}" = t."${fk.column}")`,
    );
    if (Number(rows[0]!.missing) > 0)
      throw new Error(`seed data violates ${fk.name} on ${table}: ${rows[0]!.missing} rows without a parent`);
  }
}

/** One table's transaction: BEGIN, FK triggers off, COPY …, verify FKs, COMMIT. */
class TableLoad {
  private constructor(
    readonly table: DatasetTable,
    readonly client: Client,
    private readonly keys: ForeignKey[],
    private readonly replica: boolean,
  ) {}

  /** Secondary indexes dropped for the COPY and built again before the commit (big tables). */
  private rebuild: { name: string; def: string }[] = [];

  static async begin(adminUrl: string, table: DatasetTable): Promise<TableLoad> {
    const client = await connect(adminUrl);
    try {
      const keys = await foreignKeysOf(client, table.name);
      const replica = keys.length > 0 || (await hasUserTriggers(client, table.name));
      await client.query('BEGIN');
      if (replica) await client.query('SET LOCAL session_replication_role = replica');
      const load = new TableLoad(table, client, keys, replica);
      if (REBUILT_INDEXES.has(table.name)) {
        // One sorted build per index is far cheaper than millions of random inserts; inside the
        // transaction, so a failed load leaves the indexes as they were.
        const { rows } = await client.query<{ name: string; def: string }>(
          `SELECT format('%I.%I', n.nspname, i.relname) AS name, pg_get_indexdef(x.indexrelid) AS def
             FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_namespace n ON n.oid = i.relnamespace
            WHERE x.indrelid = $1::regclass
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`,
          [quoteTable(table.name)],
        );
        for (const r of rows) await client.query(`DROP INDEX ${r.name}`);
        load.rebuild = rows;
      }
      return load;
    } catch (err) {
      await client.end();
      throw err;
    }
  }

  async commit(): Promise<void> {
    if (this.rebuild.length > 0) {
      await this.client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
      for (const r of this.rebuild) await this.client.query(r.def);
    }
    if (this.replica) await this.client.query('SET LOCAL session_replication_role = origin');
    await verifyForeignKeys(this.client, this.table.name, this.keys);
    await this.client.query('COMMIT');
  }

  async close(): Promise<void> {
    // A still-open transaction is rolled back when the connection closes.
    await this.client.end().catch(() => undefined);
  }
}

/** Load the static tables, one after the other (they are small). */
async function loadStaticTables(
  adminUrl: string,
  tables: readonly DatasetTable[],
  counts: Record<string, number>,
): Promise<void> {
  for (const table of tables) {
    const load = await TableLoad.begin(adminUrl, table);
    try {
      counts[table.name] = await copyAll(load.client, table.sql, table.columns, table.copyLines());
      await load.commit();
    } finally {
      await load.close();
    }
  }
}

type PersonSink = {
  [K in PersonTableName]: {
    sink: CopySink;
    rows: (typeof PERSON_TABLE_ROWS)[K];
    encode: (typeof CODECS)[K]['encode'];
  };
}[PersonTableName];

/** One pass over the persons, every bundle's rows written to the five COPY streams. */
async function streamPersons(
  dataset: Dataset,
  sinks: readonly PersonSink[],
  log?: (line: string) => void,
): Promise<void> {
  const total = dataset.config.persons;
  let n = 0;
  for (const bundle of dataset.persons()) {
    for (const s of sinks) {
      for (const row of s.rows(bundle)) {
        const wait = s.sink.write((s.encode as (r: typeof row) => string)(row));
        if (wait) await wait;
      }
    }
    if (++n % 50_000 === 0) log?.(`  ${n} / ${total} persons streamed`);
  }
}

/** Load the person-keyed tables concurrently; person commits first so the others can verify. */
async function loadPersonTables(
  adminUrl: string,
  dataset: Dataset,
  counts: Record<string, number>,
  log?: (line: string) => void,
): Promise<void> {
  const tables = dataset.tables.filter((t) => t.source === 'PERSON');
  const loads: TableLoad[] = [];
  try {
    for (const t of tables) loads.push(await TableLoad.begin(adminUrl, t));
    const sinks = loads.map((l) => {
      const name = l.table.name as PersonTableName;
      return {
        sink: CopySink.open(l.client, l.table.sql, l.table.columns),
        rows: PERSON_TABLE_ROWS[name],
        encode: CODECS[name].encode,
      } as PersonSink;
    });
    try {
      await streamPersons(dataset, sinks, log);
    } catch (err) {
      for (const s of sinks) s.sink.abort(err as Error);
      throw err;
    }
    const rowCounts = await Promise.all(sinks.map((s) => s.sink.end()));
    loads.forEach((l, i) => (counts[l.table.name] = rowCounts[i]!));
    log?.('  COPY complete; verifying foreign keys and committing');
    const person = loads.find((l) => l.table.name === 'membership.person')!;
    await person.commit();
    await Promise.all(loads.filter((l) => l !== person).map((l) => l.commit()));
  } finally {
    await Promise.all(loads.map((l) => l.close()));
  }
}

/**
 * Load the data set of `scale` (and `seed`) into the database at `adminUrl`, which must be
 * migrated and empty. Returns the rows loaded per table and the elapsed milliseconds.
 */
export async function loadSeed(opts: LoadOptions): Promise<LoadResult> {
  const started = performance.now();
  const dataset = generateDataset({ scale: opts.scale, seed: opts.seed });
  return loadDataset({ adminUrl: opts.adminUrl, dataset, log: opts.log, started });
}

/** Load an already described data set (loadSeed's work; also lets tests feed a modified one). */
export async function loadDataset(opts: {
  adminUrl: string;
  dataset: Dataset;
  log?: (line: string) => void;
  started?: number;
}): Promise<LoadResult> {
  const { adminUrl, dataset } = opts;
  const started = opts.started ?? performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const log = opts.log && ((line: string) => opts.log!(`[${elapsed()}] ${line}`));
  const control = await connect(adminUrl);
  try {
    await control.query('SELECT pg_advisory_lock($1)', [SEED_LOCK]);
    await assertLoadable(control);
    const counts: Record<string, number> = {};
    const derived: Record<string, number> = {};
    try {
      log?.(`seeding ${dataset.scale} (seed ${dataset.seed}): static tables`);
      await loadStaticTables(
        adminUrl,
        dataset.tables.filter((t) => t.source === 'STATIC'),
        counts,
      );
      const personTables = dataset.tables.filter((t) => isPersonTable(t.name)).length;
      log?.(`seeding ${dataset.scale}: ${dataset.config.persons} persons into ${personTables} tables`);
      await loadPersonTables(adminUrl, dataset, counts, log);
      log?.('deriving dues invoices and certificates');
      Object.assign(derived, await loadDuesAndCertificates(control));
      // statistics before the recounts below: they join the loaded tables, and without statistics
      // their plans are a guess (at full scale one recount took 2 minutes or more than 6)
      log?.('analyzing');
      await control.query(`ANALYZE ${[...TABLE_NAMES, ...DERIVED_TABLES].map(quoteTable).join(', ')}`);
      // the maintained member counts and the JMA's certificate, credit and insurance counts
      // (their triggers were off during the COPY)
      log?.('recounting the maintained summaries');
      await control.query(REFRESH_ACTIVE_MEMBER_COUNTS_SQL);
      await control.query(REFRESH_JMA_CERTIFICATE_COUNTS_SQL);
      await control.query(REFRESH_JMA_CREDIT_COUNTS_SQL);
      await control.query(REFRESH_JMA_INSURANCE_COUNTS_SQL);
    } catch (err) {
      // Every table was empty before; put it back that way. CASCADE: other services' tables
      // (e.g. membership_event) reference ours; they can hold no rows that point at rows of this
      // load, as our tables were empty when it began.
      await control
        .query(`TRUNCATE ${[...TABLE_NAMES, ...DERIVED_TABLES].map(quoteTable).join(', ')} CASCADE`)
        .catch(() => undefined);
      throw err;
    }
    return { counts: { ...orderCounts(counts), ...derived }, ms: Math.round(performance.now() - started) };
  } finally {
    await control.query('SELECT pg_advisory_unlock($1)', [SEED_LOCK]).catch(() => undefined);
    await control.end();
  }
}

function orderCounts(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(TABLE_NAMES.map((n) => [n, counts[n] ?? 0]));
}
