import { Client } from 'pg';
import type { DataSource, DataSourceOptions } from 'typeorm';
import { withCredentials } from '@mamis/platform';
import { DB_SERVICES, devPasswordOf, roleOf, type ServiceInfo } from '../services';
import { makePlatformDataSource, PLATFORM_SCHEMA } from './platform-data-source';
import { DATA_SOURCES } from './service-data-sources';

/** The services with a schema that this checkout has a DataSource for. */
const managed = () => DB_SERVICES.filter((svc) => DATA_SOURCES[svc.name]);

/** The platform migration stream's name in `applied` and `migrationsOf`. */
export const PLATFORM_STREAM = 'platform';

const ident = (s: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(s)) throw new Error(`unsafe identifier ${s}`);
  return `"${s}"`;
};

export interface BootstrapOptions {
  /** Superuser (or owner) URL of the target database. */
  adminUrl: string;
  /** Role passwords; development defaults when omitted. */
  passwordOf?: (schema: string) => string;
  log?: (line: string) => void;
  /**
   * Roles, schemas and the services' migrations only — not the platform stream (the shared objects
   * built over the services' tables: audit schema, statistics log, access views, row security).
   * What the migration tools diff the entities against: a withheld service migration may add a
   * column that a platform migration already reads.
   */
  schemaOnly?: boolean;
  /** The migrations to run per stream (a service, or `platform`; default: all), e.g. all but the newest. */
  migrationsOf?: (service: string, migrations: MigrationList) => MigrationList;
}

/** A DataSource's migrations as a list (classes or glob paths). */
type MigrationList = Extract<NonNullable<DataSourceOptions['migrations']>, unknown[]>;

/**
 * Create every service's role and schema and the platform stream's schema (idempotent; cluster-level,
 * not versioned), run all pending migrations as the owner — every service's stream, then the
 * platform stream (infra/db/platform-migrations: audit schema, statistics log, access views, row
 * security, which read the services' tables) — and grant each service role exactly its own schema.
 * Service roles own nothing. Nothing else is re-applied on a start: the platform DDL is versioned.
 */
export async function bootstrapDatabase(opts: BootstrapOptions): Promise<{ applied: string[] }> {
  const passwordOf = opts.passwordOf ?? devPasswordOf;
  const client = new Client({ connectionString: opts.adminUrl });
  await client.connect();
  try {
    // Serialise concurrent bootstraps of one database.
    await client.query('SELECT pg_advisory_lock(727001)');
    for (const svc of managed()) await ensureRoleAndSchema(client, svc, passwordOf(svc.schema));
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${ident(PLATFORM_SCHEMA)}`);
    await client.query(`REVOKE ALL ON SCHEMA ${ident(PLATFORM_SCHEMA)} FROM PUBLIC`);
  } finally {
    await client.query('SELECT pg_advisory_unlock(727001)').catch(() => undefined);
    await client.end();
  }
  const applied: string[] = [];
  const run = async (stream: string, dataSource: DataSource) => {
    if (opts.migrationsOf)
      dataSource.setOptions({
        migrations: opts.migrationsOf(stream, Object.values(dataSource.options.migrations ?? [])),
      });
    await dataSource.initialize();
    try {
      const ran = await dataSource.runMigrations({ transaction: 'each' });
      for (const m of ran) {
        applied.push(`${stream}: ${m.name}`);
        opts.log?.(`migrated ${stream}: ${m.name}`);
      }
    } finally {
      await dataSource.destroy();
    }
  };
  for (const svc of managed()) await run(svc.name, DATA_SOURCES[svc.name]!(opts.adminUrl).dataSource);
  const grants = new Client({ connectionString: opts.adminUrl });
  await grants.connect();
  try {
    for (const svc of managed()) {
      const role = ident(roleOf(svc.schema));
      const schema = ident(svc.schema);
      await grants.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${role}`);
      await grants.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${role}`);
      await grants.query(`REVOKE ALL ON ${schema}.typeorm_migrations FROM ${role}`);
    }
  } finally {
    await grants.end();
  }
  // after the services' streams: the platform's views and policies read their tables
  if (!opts.schemaOnly) await run(PLATFORM_STREAM, makePlatformDataSource(opts.adminUrl).dataSource);
  return { applied };
}

async function ensureRoleAndSchema(client: Client, svc: ServiceInfo, password: string) {
  const role = roleOf(svc.schema);
  const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  const pw = `'${password.replace(/'/g, "''")}'`;
  if (exists.rowCount === 0) {
    await client.query(
      `CREATE ROLE ${ident(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD ${pw}`,
    );
  } else {
    await client.query(`ALTER ROLE ${ident(role)} LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD ${pw}`);
  }
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${ident(svc.schema)}`);
  await client.query(`REVOKE ALL ON SCHEMA ${ident(svc.schema)} FROM PUBLIC`);
  await client.query(`GRANT USAGE ON SCHEMA ${ident(svc.schema)} TO ${ident(role)}`);
  const db = (await client.query('SELECT current_database() AS d')).rows[0].d as string;
  await client.query(`GRANT CONNECT ON DATABASE "${db.replace(/"/g, '""')}" TO ${ident(role)}`);
}

/** The login URL of one service's own role on the same server/database as `adminUrl`. */
export function serviceUrl(adminUrl: string, schema: string, passwordOf = devPasswordOf): string {
  return withCredentials(adminUrl, roleOf(schema), passwordOf(schema));
}
