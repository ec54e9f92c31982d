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
