import { DataSource } from 'typeorm';
import { migrations } from './platform-migrations';

/**
 * The schema holding the platform stream's migrations table (`platform.typeorm_migrations`);
 * bootstrap creates it (cluster-level, like the services' schemas). No service role may use it.
 */
export const PLATFORM_SCHEMA = 'platform';

/**
 * The platform migration stream: the shared DDL built over the services' tables (the audit schema,
 * the statistics log, the `access` views, row-level security). Run by bootstrap as the owner after
 * every service's migrations (the views and policies read the services' tables).
 */
export const makePlatformDataSource = (url: string) => ({
  dataSource: new DataSource({
    type: 'postgres',
    url,
    schema: PLATFORM_SCHEMA,
    entities: [],
    migrations,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    extra: { max: 2, application_name: 'mamis-platform-migrations' },
  }),
});
