/**
 * Run an embedded PostgreSQL as a child process of whoever started this script (the jest global
 * setup, the benchmark harness). Prints `READY <adminUrl>` once it accepts connections; stops the
 * server when stdin closes or on SIGINT/SIGTERM, so the cluster never outlives its parent.
 *   tsx infra/db/embedded-server.ts --data-dir DIR [--port N] [--ephemeral] [--fast]
 */
import { rmSync } from 'node:fs';
import { startEmbeddedPostgres } from './embedded';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const dataDir = opt('--data-dir');
if (!dataDir) {
  console.error('usage: embedded-server --data-dir DIR [--port N] [--ephemeral] [--fast]');
  process.exit(2);
}
const ephemeral = args.includes('--ephemeral');

async function main() {
  const pg = await startEmbeddedPostgres({
    dataDir: dataDir!,
    port: opt('--port') ? Number(opt('--port')) : undefined,
    durable: !args.includes('--fast'),
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    try {
      await pg.stop();
    } finally {
      if (ephemeral) rmSync(dataDir!, { recursive: true, force: true });
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.stdin.on('end', () => void stop());
  process.stdin.on('close', () => void stop());
  process.stdin.resume();
  process.stdout.write(`READY ${pg.adminUrl}\n`);
}

main().catch((err: unknown) => {
  console.error('embedded postgres failed:', err);
  process.exit(1);
});
