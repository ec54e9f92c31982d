import 'reflect-metadata';
import { types as pgTypes } from 'pg';
import { DataSource, type Logger as OrmLogger, type MixedList, type EntitySchema } from 'typeorm';
import { currentRequestScope } from './request-scope';
import { RlsClient } from './rls';
import type { Logger } from './logger';

// DATE columns stay ISO strings (no shift through a JS Date in the process time zone).
pgTypes.setTypeParser(1082, (value: string) => value);

/** Counts every SQL statement a DataSource sends: in total, and per request (request scope). */
export class SqlStatementCounter implements OrmLogger {
  total = 0;
  constructor(private readonly logger?: Logger) {}
  logQuery(query: string): void {
    this.total += 1;
    const scope = currentRequestScope();
    if (scope) scope.sqlStatements += 1;
    if (this.logger?.isLevelEnabled('trace')) this.logger.trace({ sql: query }, 'sql');
  }
  logQueryError(error: string | Error, query: string): void {
    this.logger?.warn(
      { err: error instanceof Error ? error.message : error, sql: query.slice(0, 200) },
      'sql error',
    );
  }
  logQuerySlow(time: number, query: string): void {
    this.logger?.warn({ ms: time, sql: query.slice(0, 200) }, 'slow sql');
  }
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    this.logger?.info({ migration: message }, 'migration');
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger?.warn({ message }, 'typeorm');
  }
}

export interface DataSourceOptions {
  url: string;
  /** The service's own PostgreSQL schema, e.g. `membership`. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
  applicationName?: string;
  logger?: Logger;
  /** Parameterised statements as named prepared statements per connection (rls.ts); default on. */
  preparedStatements?: boolean;
  /**
   * Every transaction of the pool read-only (`default_transaction_read_only`): the analytics reads
   * pool (subgraph.ts), read-only on a primary as a replica is, so a statement sent there that
   * would write fails wherever the URL points.
   */
  readOnly?: boolean;
}

/** What a service's `makeDataSource` takes besides its URL (from its config: DB_POOL_SIZE, DB_PREPARED_STATEMENTS). */
export type DataSourceTuning = Pick<
  DataSourceOptions,
  'poolSize' | 'logger' | 'preparedStatements' | 'applicationName' | 'readOnly'
>;

/**
 * The one way a service talks to PostgreSQL: its own schema, migrations only
 * (`synchronize: false`), and every statement counted.
 */
export function createDataSource(opts: DataSourceOptions): {
  dataSource: DataSource;
  sql: SqlStatementCounter;
} {
  const sql = new SqlStatementCounter(opts.logger);
  const dataSource = new DataSource({
    type: 'postgres',
    url: opts.url,
    schema: opts.schema,
    entities: opts.entities,
    migrations: opts.migrations,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logger: sql,
    maxQueryExecutionTime: 1000,
    extra: {
      // every statement of a request runs with its viewer set for row-level security (rls.ts)
      Client: RlsClient,
      preparedStatements: opts.preparedStatements ?? true,
      max: opts.poolSize ?? 10,
      application_name: opts.applicationName ?? `mamis-${opts.schema}`,
      options: `-c search_path=${opts.schema},public -c timezone=Asia/Tokyo${opts.readOnly ? ' -c default_transaction_read_only=on' : ''}`,
    },
  });
  return { dataSource, sql };
}

/** Replace the user and password of a postgres URL (the runtime derives each service's login). */
export function withCredentials(url: string, user: string, password: string, database?: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  if (database) u.pathname = `/${database}`;
  return u.toString();
}
