/**
 * The deterministic seed data set: `generateDataset({ scale, seed })` describes every table as a
 * lazily generated row stream. Same seed + scale → byte-identical rows; nothing depends on the
 * clock, the machine or the iteration order of other tables.
 *
 * Small tables (associations, sessions, the terms version) are built once in memory; person-keyed
 * tables are streamed: each pass over a table regenerates the person bundles one at a time, so a
 * full-scale load never holds more than one person's rows per stream.
 */
import { TERMS_V101 } from './data/terms';
import { fixtureBundles } from './generate-fixtures';
import { buildAssociationTree, type AssociationTree } from './generate-associations';
import { generatePerson, RegistryAllocator, type PersonBundle, type PersonContext } from './generate-persons';
import { buildTrainingCatalogue, type SessionsPerHost, type TrainingCatalogue } from './generate-training';
import { Rng } from './random';
import { CODECS, TABLE_NAMES, type RowTypes, type TableName, type TermsVersionRow } from './tables';

export type Scale = 'demo' | 'full';

export const DEFAULT_SEED = 20240927;

/**
 * Version of the generated data set: bump it whenever the generator's output or its set of tables
 * changes, so that databases seeded by an older generator (the benchmark's, in `.data/bench`) are
 * loaded again instead of reused.
 */
export const SEED_VERSION = 3;

export interface ScaleConfig {
  /** Persons in total, the seven demo fixtures included. */
  persons: number;
  sessionsPerHost: SessionsPerHost;
}

export const SCALES: Readonly<Record<Scale, ScaleConfig>> = {
  demo: {
    persons: 2_000,
    sessionsPerHost: { NATIONAL: 12, PREFECTURAL: 3, MUNICIPAL: 1, DISTRICT: 1, WORKPLACE: 1 },
  },
  full: {
    persons: 350_000,
    sessionsPerHost: { NATIONAL: 150, PREFECTURAL: 40, MUNICIPAL: 10, DISTRICT: 4, WORKPLACE: 4 },
  },
};

export interface DatasetTable<K extends TableName = TableName> {
  name: K;
  /** Schema-qualified name, quoted for SQL. */
  sql: string;
  columns: readonly string[];
  /**
   * STATIC: built in memory (associations, sessions, the terms version); PERSON: rows hanging off
   * the person bundles, produced by one pass over the persons (see PERSON_TABLE_ROWS).
   */
  source: 'STATIC' | 'PERSON';
  rows(): Iterable<RowTypes[K]>;
  /** The rows as COPY TEXT lines, each ending in a newline. */
  copyLines(): Iterable<string>;
}

export interface Dataset {
  scale: Scale;
  seed: number;
  config: ScaleConfig;
  tree: AssociationTree;
  catalogue: TrainingCatalogue;
  termsVersion: TermsVersionRow;
  /** Every person's bundle, fixtures first (a fresh pass each call). */
  persons(): Iterable<PersonBundle>;
  tables: readonly DatasetTable[];
  table<K extends TableName>(name: K): DatasetTable<K>;
}

export interface GenerateOptions {
  scale: Scale;
  seed?: number;
}

export type PersonTableName =
  | 'membership.person'
  | 'membership.membership'
  | 'training.attendance'
  | 'insurance_pension.insurance_enrolment'
  | 'consent.terms_acceptance'
  | 'training.credit_entry';

/** The rows of each person-keyed table in one person bundle. */
export const PERSON_TABLE_ROWS: {
  readonly [K in PersonTableName]: (b: PersonBundle) => readonly RowTypes[K][];
} = {
  'membership.person': (b) => [b.person],
  // each period carries the person's kana name (membership_member_page_idx's sort key) and the
  // attributes of the maintained member statistics, as the table's trigger would copy them
  'membership.membership': (b) =>
    b.memberships.map((m) => ({
      ...m,
      familyNameKana: b.person.familyNameKana,
      givenNameKana: b.person.givenNameKana,
      personSex: b.person.sex,
      personPrefectureCode: b.person.prefectureCode,
      personBirthDate: b.person.birthDate,
    })),
  'training.attendance': (b) => b.attendance,
  'insurance_pension.insurance_enrolment': (b) => b.insurance,
  'consent.terms_acceptance': (b) => (b.acceptance ? [b.acceptance] : []),
  'training.credit_entry': (b) => b.credits,
};

export function isPersonTable(name: TableName): name is PersonTableName {
  return name in PERSON_TABLE_ROWS;
}

function termsVersionRow(seed: number): TermsVersionRow {
  const { version, titleJa, titleEn, bodyJa, bodyEn, effectiveFrom, requiresAcceptance } = TERMS_V101;
  return {
    id: Rng.derive(seed, 0x7e4a5).uuid(),
    version,
    titleJa,
    titleEn,
    bodyJa,
    bodyEn,
    effectiveFrom,
    requiresAcceptance,
  };
}

function* personPass(ctx: PersonContext, count: number): Generator<PersonBundle> {
  const fixtures = fixtureBundles(ctx);
  yield* fixtures;
  const registry = new RegistryAllocator();
  for (let i = 0; i < count - fixtures.length; i++) yield generatePerson(ctx, i, registry);
}

function* flatMapBundles<R>(
  bundles: () => Iterable<PersonBundle>,
  pick: (b: PersonBundle) => readonly R[],
): Generator<R> {
  for (const b of bundles()) yield* pick(b);
}

function* encodeAll<K extends TableName>(name: K, rows: Iterable<RowTypes[K]>): Generator<string> {
  const encode = CODECS[name].encode;
  for (const r of rows) yield encode(r);
}

/** Describe the data set of a scale and seed (generation happens lazily, per table pass). */
export function generateDataset(opts: GenerateOptions): Dataset {
  const seed = (opts.seed ?? DEFAULT_SEED) >>> 0;
  const config = SCALES[opts.scale];
  if (!config) throw new Error(`unknown scale ${String(opts.scale)} (demo | full)`);
  const tree = buildAssociationTree(seed);
  const catalogue = buildTrainingCatalogue(seed, tree, config.sessionsPerHost);
  const termsVersion = termsVersionRow(seed);
  const ctx: PersonContext = { seed, tree, catalogue, termsVersionId: termsVersion.id };
  const persons = () => personPass(ctx, config.persons);
  const sources: { [K in TableName]: () => Iterable<RowTypes[K]> } = {
    'membership.association': () => tree.rows,
    'membership.person': () => flatMapBundles(persons, PERSON_TABLE_ROWS['membership.person']),
    'training.training_session': () => catalogue.sessions.map((s) => s.row),
    'consent.terms_version': () => [termsVersion],
    'membership.membership': () => flatMapBundles(persons, PERSON_TABLE_ROWS['membership.membership']),
    'training.attendance': () => flatMapBundles(persons, PERSON_TABLE_ROWS['training.attendance']),
    'insurance_pension.insurance_enrolment': () =>
      flatMapBundles(persons, PERSON_TABLE_ROWS['insurance_pension.insurance_enrolment']),
    'consent.terms_acceptance': () => flatMapBundles(persons, PERSON_TABLE_ROWS['consent.terms_acceptance']),
    'training.credit_entry': () => flatMapBundles(persons, PERSON_TABLE_ROWS['training.credit_entry']),
  };
  const makeTable = <K extends TableName>(name: K): DatasetTable<K> => {
    const [schema, table] = name.split('.');
    return {
      name,
      sql: `"${schema}"."${table}"`,
      columns: CODECS[name].columns,
      source: isPersonTable(name) ? 'PERSON' : 'STATIC',
      rows: sources[name] as () => Iterable<RowTypes[K]>,
      copyLines: () => encodeAll(name, (sources[name] as () => Iterable<RowTypes[K]>)()),
    };
  };
  const tables = TABLE_NAMES.map((n) => makeTable(n));
  return {
    scale: opts.scale,
    seed,
    config,
    tree,
    catalogue,
    termsVersion,
    persons,
    tables,
    table: <K extends TableName>(name: K) =>
      tables.find((t) => t.name === name) as unknown as DatasetTable<K>,
  };
}
