/**
 * `npm start`'s data step, after the database is bootstrapped: the demo data set on first start
 * (and identity's demo accounts), then on every start the association defaults and the demo
 * scenario (both idempotent, never over existing rows) and the portal's sign-in client.
 */
import path from 'node:path';

export interface PrepareDatabaseOptions {
  adminUrl: string;
  /** The data folder (`.data` or MAMIS_DATA_DIR): the demo credentials are written there. */
  dataRoot: string;
  /** Whether the identity service runs (its demo accounts and the portal client are made). */
  withIdentity: boolean;
  gatewayPort: number;
  /** The portal's redirect URIs (none: no portal). */
  portalRedirectUris: string[];
  /** identity's database URL from the superuser URL (bootstrap's serviceUrl). */
  identityDatabaseUrl: string;
  log: (line: string) => void;
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export async function prepareDatabase(o: PrepareDatabaseOptions): Promise<void> {
  const { adminUrl, dataRoot, log } = o;
  const seed = await import('../seed/load');
  if (await seed.isSeeded(adminUrl)) {
    log('demo data already present — reused existing data, not seeding');
  } else {
    log('loading the demo data set (first start) …');
    const { counts, ms } = await seed.loadSeed({
      adminUrl,
      scale: 'demo',
      log: (line) => log(`seed: ${line}`),
    });
    const summary = Object.entries(counts as Record<string, unknown>)
      .map(([k, v]) => `${k} ${String(v)}`)
      .join(', ');
    log(`seeded demo data in ${secs(ms)}${summary ? `: ${summary}` : ''}`);
    if (o.withIdentity) {
      const { seedIdentityDemo } = await import('./demo-accounts');
      const n = await seedIdentityDemo(adminUrl, dataRoot, o.gatewayPort);
      log(
        `created ${n} demo accounts and clients; credentials in ${path.join(dataRoot, 'demo-credentials.json')}`,
      );
    }
  }
  {
    // The defaults a fresh installation ships with (JMA categories, fee schedule, exemption;
    // starting categories of the other associations): idempotent, never over existing rows.
    const { installAssociationDefaults } = await import('@mamis/membership/src/dues/install-defaults');
    const { clock } = await import('@mamis/platform');
    const { Client } = await import('pg');
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    try {
      const did = await installAssociationDefaults(client, { fiscalYear: clock.fiscalYear() });
      if (did.categories || did.feeBands || did.exemptions)
        log(
          `installed association defaults: ${did.categories} categories, ${did.feeBands} JMA fee bands ` +
            `(FY${clock.fiscalYear()}), ${did.exemptions} exemption rules`,
        );
      // What the demo accounts find (infra/seed/demo-scenario.ts), dated from today: idempotent.
      const { seedDemoScenario } = await import('../seed/demo-scenario');
      const scenario = await seedDemoScenario(client, clock.today());
      const added = Object.entries(scenario.created).filter(([, n]) => n > 0);
      if (added.length) log(`demo scenario added: ${added.map(([part, n]) => `${part} ${n}`).join(', ')}`);
    } finally {
      await client.end();
    }
  }
  if (o.withIdentity && o.portalRedirectUris.length) {
    const { ensurePortalClient } = await import('@mamis/identity/src/demo/demo-accounts');
    const did = await ensurePortalClient({
      databaseUrl: o.identityDatabaseUrl,
      redirectUris: o.portalRedirectUris,
    });
    if (did !== 'unchanged') log(`portal sign-in client mamis-portal ${did}`);
  }
}
