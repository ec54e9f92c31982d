import { bootstrapDatabase, type BootstrapOptions } from './bootstrap';
import { withScratchDatabase } from './scratch-database';
import { DATA_SOURCES } from './service-data-sources';

export interface PendingSql {
  up: string[];
  down: string[];
}

/** What TypeORM would generate for one service against a migrated database (empty = no drift). */
export async function pendingSchemaChanges(adminUrl: string, service: string): Promise<PendingSql> {
  const { dataSource } = DATA_SOURCES[service]!(adminUrl);
  await dataSource.initialize();
  try {
    const log = await dataSource.driver.createSchemaBuilder().log();
    return {
      up: log.upQueries.map((q) => q.query),
      down: log.downQueries.map((q) => q.query).reverse(),
    };
  } finally {
    await dataSource.destroy();
  }
}

/**
 * What TypeORM would generate for each of `services`, against a scratch database migrated with
 * every service's migrations (`migrationsOf`: a subset) and nothing else: the shared objects
 * bootstrap builds over the tables afterwards (access views, audit, row security) are written for
 * the checkout's entities and may read a column that only the migration being generated adds, so
 * they are left out (`schemaOnly`). `npm run migration:generate` and `npm run migration:check`
 * (CI) both run this, so generating works whenever the check does.
 */
export async function pendingChangesOnScratch(
  services: string[],
  opts: { migrationsOf?: BootstrapOptions['migrationsOf']; serverUrl?: string } = {},
): Promise<Record<string, PendingSql>> {
  return withScratchDatabase(async (url) => {
    await bootstrapDatabase({ adminUrl: url, schemaOnly: true, migrationsOf: opts.migrationsOf });
    const out: Record<string, PendingSql> = {};
    for (const service of services) out[service] = await pendingSchemaChanges(url, service);
    return out;
  }, opts.serverUrl ?? process.env.DATABASE_URL);
}
