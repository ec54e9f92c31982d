/**
 * One-shot database bootstrap for containers (the `migrate` service in docker-compose.yml, the
 * `mamis-migrate` Job in infra/k8s): roles, schemas, migrations, grants — idempotent.
 *
 *   DATABASE_ADMIN_URL          superuser (or owner) URL of the target database — required
 *   DB_PASSWORD_<SCHEMA_UPPER>  password of each service role, e.g. DB_PASSWORD_INSURANCE_PENSION
 *                               for mamis_insurance_pension; development defaults when unset,
 *                               except with NODE_ENV=production, where every one is required.
 *
 * Run: `npx tsx infra/db/migrate-cli.ts`, or bundled: `node infra/dist/migrate-cli.js`.
 */
import { DB_SERVICES, devPasswordOf } from '../services';
import { bootstrapDatabase } from './bootstrap';
import { DATA_SOURCES } from './service-data-sources';

const passwordEnvOf = (schema: string) => `DB_PASSWORD_${schema.toUpperCase()}`;

async function main(env: NodeJS.ProcessEnv) {
  const adminUrl = env.DATABASE_ADMIN_URL;
  if (!adminUrl || !/^postgres(ql)?:\/\//.test(adminUrl)) {
    throw new Error(
      'DATABASE_ADMIN_URL is required: the postgres:// URL of a superuser of the target database',
    );
  }
  const production = env.NODE_ENV === 'production';
  // The services bootstrapDatabase manages: those with a schema and a DataSource in this build.
  const managed = DB_SERVICES.filter((svc) => DATA_SOURCES[svc.name]);
  const missing = managed.map((s) => passwordEnvOf(s.schema)).filter((name) => !env[name]);
  if (missing.length > 0) {
    if (production) {
      throw new Error(`NODE_ENV=production: set the service role passwords ${missing.join(', ')}`);
    }
    console.warn(`[migrate] ${missing.join(', ')} unset: using development passwords for those roles`);
  }
  const started = Date.now();
  const { applied } = await bootstrapDatabase({
    adminUrl,
    passwordOf: (schema) => {
      const password = env[passwordEnvOf(schema)];
      if (password) return password;
      // Never fall back to the (public) development password in production.
      if (production) throw new Error(`NODE_ENV=production: set ${passwordEnvOf(schema)}`);
      return devPasswordOf(schema);
    },
    log: (line) => console.log(`[migrate] ${line}`),
  });
  console.log(
    `[migrate] done in ${Date.now() - started} ms: ${applied.length} migration(s) applied` +
      ` (${managed.map((s) => s.name).join(', ')})`,
  );
}

main(process.env).then(
  () => process.exit(0),
  (err: unknown) => {
    console.error('[migrate] failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
