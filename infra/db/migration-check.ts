/**
 * Drift check (CI): migrate a scratch database with every service's migrations, then ask TypeORM
 * what it would generate from the entities. Anything at all → exit 1 with the SQL.
 */
import { pendingChangesOnScratch } from './schema-diff';
import { DATA_SOURCES } from './service-data-sources';

async function main() {
  // the same scratch database as migration:generate (schema and migrations only)
  const pending = await pendingChangesOnScratch(Object.keys(DATA_SOURCES));
  const drift: Record<string, string[]> = {};
  for (const [service, diff] of Object.entries(pending)) if (diff.up.length) drift[service] = diff.up;
  const services = Object.keys(drift);
  if (services.length === 0) {
    console.log('migration drift check: entities and migrations agree for every service.');
    return;
  }
  for (const s of services) {
    console.error(`migration drift in ${s}: generating a migration would produce:`);
    for (const q of drift[s]!) console.error(`  ${q}`);
  }
  console.error('Run: npm run migration:generate -- <service> <Name>');
  process.exit(1);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
