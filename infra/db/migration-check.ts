/**
 * Drift check (CI), on one scratch database:
 * 1. migrated with every service's migrations: what TypeORM would generate from the entities;
 * 2. then with the platform stream too: what applying the current definition of the platform DDL
 *    (platform-definition.ts: access views and row security generated from RELATION_FACTS, the
 *    person-keyed tables of the catalog) would change (in a transaction rolled back).
 * Anything at all → exit 1 with what differs.
 */
import { Client } from 'pg';
import { bootstrapDatabase } from './bootstrap';
import { platformDrift } from './platform-definition';
import { withScratchDatabase } from './scratch-database';
import { pendingSchemaChanges } from './schema-diff';
import { DATA_SOURCES } from './service-data-sources';

async function main() {
  let failed = false;
  await withScratchDatabase(async (url) => {
    // the same state as migration:generate (schema and service migrations only)
    await bootstrapDatabase({ adminUrl: url, schemaOnly: true });
    for (const service of Object.keys(DATA_SOURCES)) {
      const { up } = await pendingSchemaChanges(url, service);
      if (up.length === 0) continue;
      failed = true;
      console.error(`migration drift in ${service}: generating a migration would produce:`);
      for (const q of up) console.error(`  ${q}`);
      console.error(`Run: npm run migration:generate -- ${service} <Name>`);
    }
    await bootstrapDatabase({ adminUrl: url });
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { drift, error } = await platformDrift(client);
      if (error) {
        failed = true;
        console.error(`platform drift: the current definition does not apply over the migrations: ${error}`);
      }
      for (const d of drift) {
        failed = true;
        console.error(`platform drift in ${d.key}:`);
        console.error(`  migrations: ${d.migrated?.def.replace(/\n/g, '\n    ') ?? '(absent)'}`);
        console.error(`  definition: ${d.defined?.def.replace(/\n/g, '\n    ') ?? '(absent)'}`);
      }
      if (error || drift.length) console.error('Run: npm run migration:generate -- platform <Name>');
    } finally {
      await client.end();
    }
  });
  if (failed) process.exit(1);
  console.log(
    'migration drift check: entities and migrations agree for every service; the platform migrations' +
      ' make what the platform definition makes.',
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
