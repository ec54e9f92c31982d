import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * The hot batched reads of the DataLoaders (persons by id, memberships of persons, …) without
 * TypeORM's per-call query building and row transformation: the statement is built ONCE per
 * entity and key from TypeORM's metadata (the entity stays the one definition of its columns),
 * selected with the properties' names as aliases, and the rows are the entity's values as
 * TypeORM would hydrate them — for the column types listed in `SAME_AS_TYPEORM`, where pg's value
 * is already the hydrated one (dates are strings: db.ts's type parser; timestamps `Date`s; bigint
 * and numeric strings). An entity with any other column type, a transformer or an embedded column
 * is refused when the reader is first used, so a new column cannot silently hydrate differently;
 * array columns of those types read as pg parses them, which TypeORM passes through.
 *
 * The keys go as ONE array parameter (`= ANY($1::uuid[])`): one statement text for every batch
 * size, so one prepared statement (rls.ts), where TypeORM's `In([...])` made a text per size.
 * In W1's profile TypeORM's query building and row transformation were ~11% of the membership
 * process's CPU (full scale).
 */
const SAME_AS_TYPEORM = new Map<unknown, string>([
  ['uuid', 'uuid'],
  ['text', 'text'],
  ['varchar', 'text'],
  ['character varying', 'text'],
  [String, 'text'],
  ['date', 'date'],
  ['timestamptz', 'timestamptz'],
  ['timestamp with time zone', 'timestamptz'],
  ['timestamp', 'timestamp'],
  ['timestamp without time zone', 'timestamp'],
  [Date, 'timestamp'],
  ['integer', 'integer'],
  ['int', 'integer'],
  ['int4', 'integer'],
  ['smallint', 'smallint'],
  [Number, 'integer'],
  ['bigint', 'bigint'],
  ['numeric', 'numeric'],
  ['boolean', 'boolean'],
  ['bool', 'boolean'],
  [Boolean, 'boolean'],
  ['jsonb', 'jsonb'],
]);

export type SortOrder = readonly (readonly [property: string, direction: 'ASC' | 'DESC'])[];

export interface EntityReader<E> {
  /** The rows whose `property` is one of `keys`, in `order` (then unordered). */
  whereIn(property: keyof E & string, keys: readonly string[], order?: SortOrder): Promise<E[]>;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * A reader of one entity. Made with the repository; the statement is built on first use (the
 * DataSource's metadata exists only once it is initialised).
 */
export function entityReader<E extends ObjectLiteral>(
  ds: DataSource,
  entity: EntityTarget<E>,
): EntityReader<E> {
  let built: ReturnType<typeof build<E>> | undefined;
  return {
    async whereIn(property, keys, order = []) {
      if (keys.length === 0) return [];
      built ??= build(ds, entity);
      const rows = (await ds.query(built.statementFor(property, order), [[...new Set(keys)]])) as E[];
      return rows.map((row) => Object.assign(built!.create(), row));
    },
  };
}

function build<E extends ObjectLiteral>(ds: DataSource, entity: EntityTarget<E>) {
  const meta = ds.getMetadata(entity);
  const columnOf = new Map<string, { databaseName: string; sqlType: string }>();
  for (const c of meta.columns) {
    const sqlType = SAME_AS_TYPEORM.get(c.type);
    // a relation's own join column (no property of its own) is virtual: refused
    if (!sqlType || c.transformer || c.embeddedMetadata || c.isVirtual)
      throw new Error(
        `entityReader(${meta.name}): column ${c.propertyName} (${String(c.type)}) may not hydrate as TypeORM does`,
      );
    // an array column reads as pg parses it (TypeORM passes it through), but is never a key
    columnOf.set(c.propertyName, { databaseName: c.databaseName, sqlType: c.isArray ? '' : sqlType });
  }
  const table = meta.tablePath.split('.').map(quote).join('.');
  const select = meta.columns.map((c) => `${quote(c.databaseName)} AS ${quote(c.propertyName)}`).join(', ');
  const column = (property: string) => {
    const c = columnOf.get(property);
    if (!c) throw new Error(`entityReader(${meta.name}): no column ${property}`);
    return c;
  };
  const keyColumn = (property: string) => {
    const c = column(property);
    if (!c.sqlType) throw new Error(`entityReader(${meta.name}): ${property} is an array, not a key`);
    return c;
  };
  const statements = new Map<string, string>();
  return {
    create: () => meta.create() as E,
    statementFor(property: string, order: SortOrder): string {
      const key = `${property}|${order.map(([p, d]) => `${p} ${d}`).join(',')}`;
      let sql = statements.get(key);
      if (!sql) {
        const k = keyColumn(property);
        const orderBy = order.length
          ? ` ORDER BY ${order.map(([p, d]) => `${quote(column(p).databaseName)} ${d}`).join(', ')}`
          : '';
        sql = `SELECT ${select} FROM ${table} WHERE ${quote(k.databaseName)} = ANY($1::${k.sqlType}[])${orderBy}`;
        statements.set(key, sql);
      }
      return sql;
    },
  };
}
