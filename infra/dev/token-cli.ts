/** `npm run token -- <demo account>`: see token.ts. Prints only the access token on stdout. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DemoCredentials } from '@mamis/identity/src/demo/demo-accounts';
import { demoToken } from './token';

function identityBase(): string {
  if (process.env.IDENTITY_URL) return process.env.IDENTITY_URL.replace(/\/$/, '');
  const portBase = Number(process.env.MAMIS_PORT_BASE || 4000);
  return `http://127.0.0.1:${portBase + 10}`;
}

async function main() {
  if (process.env.NODE_ENV === 'production') throw new Error('npm run token is for the demo data only');
  const name = process.argv[2];
  if (!name || name.startsWith('-')) {
    process.stderr.write(
      'usage: npm run -s token -- <demo account (e.g. muni-admin, dr-national) | society | analytics>\n',
    );
    process.exit(2);
  }
  const dataDir = path.resolve(process.env.MAMIS_DATA_DIR || path.join(__dirname, '../../.data'));
  const file = path.join(dataDir, 'demo-credentials.json');
  const credentials = JSON.parse(readFileSync(file, 'utf8')) as DemoCredentials;
  process.stdout.write(`${await demoToken({ base: identityBase(), credentials, name })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`npm run token: ${(err as Error).message}\n`);
  process.exit(1);
});
