/**
 * `npm start`: the whole federation on one machine.
 *
 *  1. PostgreSQL: the server of DATABASE_URL (a superuser URL) when set, else an embedded one with
 *     its data in `.data/pg` (MAMIS_DATA_DIR replaces `.data`) on EMBEDDED_PG_PORT (54329).
 *  2. bootstrapDatabase (roles, schemas, migrations, grants: every start, idempotent); the demo
 *     data set is loaded only when the database has none yet; the association defaults and the
 *     demo scenario (infra/seed/demo-scenario.ts, dated from the clock) are added when missing.
 *  3. Every service, then the gateway, as child processes (`node --import tsx <entry>`), their pino
 *     logs prefixed with their names. Ports from MAMIS_PORT_BASE (4000): gateway = base,
 *     membership +1, training +2, insurance-pension +3, consent +4, identity +10. A base that puts
 *     a service on a port Node's fetch refuses (a Fetch-standard "bad port", e.g. 6000) is refused.
 *     The MAMIS portal (services/portal: built with Vite once per source content, then served) on
 *     PORTAL_PORT, default 5173 (Vite's port; with another MAMIS_PORT_BASE: base + 6); the gateway
 *     and identity allow its origin (CORS_ORIGINS) and identity knows it as client `mamis-portal`.
 *  4. Waits until every `/readyz` answers 200 (MAMIS_READY_TIMEOUT_MS, 60 s), then prints the URLs,
 *     a sample query and the time from start to ready.
 *  5. Ctrl-C / SIGTERM: gateway, then services (SIGTERM, SIGKILL after a grace period), then the
 *     embedded PostgreSQL; exit 0. A child that dies stops everything with exit code 1.
 * Other knobs: LOG_LEVEL (children and PostgreSQL log detail), MAMIS_LOG_FORMAT=json (raw child logs).
 *
 * Length: this file is the supervisor, with the process-wide state every step shares (the
 * configuration read from the environment, the children, the shutdown that stops them in order);
 * the self-contained steps live beside it: process-runner.ts (child processes, readiness),
 * ports.ts (ports fetch refuses), prepare-database.ts (demo data, defaults, scenario, portal
 * client), start-banner.ts (the sample query) and postgres-child.ts (the embedded PostgreSQL).
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { DB_SERVICES, GATEWAY_PORT, SUBGRAPHS, type ServiceInfo } from '../services';
import { lineFormatter } from './log-format';
import { prepareDatabase } from './prepare-database';
import { fetchRefusedPorts } from './ports';
import {
  describeExit,
  ManagedProcess,
  portInUse,
  repoRoot,
  tsNodeArgs,
  waitForOk,
  type ProcessSpec,
} from './process-runner';
import { sampleQuery } from './start-banner';

const env = process.env;
const color = Boolean(process.stdout.isTTY) && !env.NO_COLOR;
const rawLogs = env.MAMIS_LOG_FORMAT === 'json';
const STOP_GRACE_MS = 12_000;
const PG_STOP_GRACE_MS = 30_000;

const out = (text: string) => {
  process.stdout.write(`${text}\n`);
};
const bold = (text: string) => (color ? `\u001b[1m${text}\u001b[0m` : text);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const since = () => performance.now(); // ms since this process started

interface Unit {
  name: string;
  port: number;
  /** The service's schema (its role), absent for the gateway. */
  schema?: string;
  entry: string;
}

function intEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    fail(`${name}=${raw} is not a whole number between ${min} and ${max}`);
  return n;
}

function fail(message: string): never {
  process.stderr.write(`✖ npm start: ${message}\n`);
  process.exit(1);
}

/** The environment of a child: ours, minus the superuser DATABASE_URL and PORT, plus `extra`. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...env };
  delete e.DATABASE_URL;
  delete e.PORT;
  return { ...e, ...extra };
}

// ---------------------------------------------------------------------------------------------
// Configuration

const portBase = intEnv('MAMIS_PORT_BASE', GATEWAY_PORT, 1, 65_525);
const externalDb = env.DATABASE_URL;
const pgPort = intEnv('EMBEDDED_PG_PORT', 54_329, 1, 65_535);
const dataRoot = path.resolve(env.MAMIS_DATA_DIR || path.join(repoRoot, '.data'));
const pgDir = path.join(dataRoot, 'pg');
const readyTimeoutMs = intEnv('MAMIS_READY_TIMEOUT_MS', 60_000, 1_000, 600_000);
const host = env.HOST || '127.0.0.1';
const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;

const withIdentity = existsSync(path.join(repoRoot, 'services/identity/src/index.ts'));
const offset = (svc: ServiceInfo) => svc.port - GATEWAY_PORT;
const services: Unit[] = [
  ...SUBGRAPHS,
  ...(withIdentity ? DB_SERVICES.filter((s) => s.name === 'identity') : []),
].map((svc) => ({
  name: svc.name,
  schema: svc.schema,
  port: portBase + offset(svc),
  entry: path.join(repoRoot, 'services', svc.name, 'src/index.ts'),
}));
const gateway: Unit = { name: 'gateway', port: portBase, entry: path.join(repoRoot, 'gateway/src/index.ts') };
const withPortal = existsSync(path.join(repoRoot, 'services/portal/server/index.ts'));
const portal: Unit | undefined = withPortal
  ? {
      name: 'portal',
      port: intEnv('PORTAL_PORT', portBase === GATEWAY_PORT ? 5173 : portBase + 6, 1, 65_535),
      entry: path.join(repoRoot, 'services/portal/server/index.ts'),
    }
  : undefined;
const baseUrl = (u: Unit) => `http://${shownHost}:${u.port}`;
const graphqlUrl = (u: Unit) => `${baseUrl(u)}/graphql`;

const nameWidth = Math.max('postgres'.length, ...services.map((s) => s.name.length), gateway.name.length);
/**
 * The browser origins the gateway and identity allow, and the portal client's redirect URIs: the
 * portal's origin (and its localhost twin), plus Vite's development server on 5173 (hot reload).
 */
const portalOrigins = portal
  ? [
      ...new Set([
        `http://${shownHost}:${portal.port}`,
        `http://localhost:${portal.port}`,
        'http://127.0.0.1:5173',
        'http://localhost:5173',
      ]),
    ]
  : [];
const log = lineFormatter('mamis', { color, nameWidth });
function logLine(text: string) {
  out(log(text));
}

// ---------------------------------------------------------------------------------------------
// Children and shutdown

const children: ManagedProcess[] = [];
let pgChild: ManagedProcess | undefined;
let shuttingDown = false;

function startChild(spec: Omit<ProcessSpec, 'format'>): ManagedProcess {
  if (shuttingDown) throw new Error('stopping');
  const proc = new ManagedProcess(
    { ...spec, format: lineFormatter(spec.name, { color, nameWidth, raw: rawLogs }) },
    out,
  );
  void proc.exited.then((info) => {
    if (shuttingDown) return;
    logLine(`✖ ${spec.name} exited unexpectedly (${describeExit(info)}) — stopping everything`);
    void shutdown(1, `${spec.name} exited`);
  });
  return proc;
}

let checkpointTimer: NodeJS.Timeout | undefined;

/**
 * Audit checkpoints (services/platform/src/audit-checkpoint.ts): sign the chain head now and every
 * AUDIT_CHECKPOINT_INTERVAL_MS (60 s; 0: never) into AUDIT_CHECKPOINT_FILE (default
 * <data folder>/audit-checkpoints.jsonl), with AUDIT_CHECKPOINT_KEY or the derived dev key.
 */
async function startCheckpoints(adminUrl: string): Promise<void> {
  const { checkpointSigningKey, loadAuditCheckpointConfig, writeAuditCheckpoint } =
    await import('@mamis/platform');
  const config = loadAuditCheckpointConfig({
    ...env,
    AUDIT_CHECKPOINT_FILE: env.AUDIT_CHECKPOINT_FILE || path.join(dataRoot, 'audit-checkpoints.jsonl'),
  });
  if (config.AUDIT_CHECKPOINT_INTERVAL_MS === 0) return;
  const key = checkpointSigningKey(config);
  const { Client } = await import('pg');
  let running = false;
  const tick = async () => {
    if (running || shuttingDown) return;
    running = true;
    const client = new Client({ connectionString: adminUrl });
    try {
      await client.connect();
      const db = { query: (sql: string, p?: unknown[]) => client.query(sql, p).then((r) => r.rows) };
      const c = await writeAuditCheckpoint(db, { key, file: config.AUDIT_CHECKPOINT_FILE });
      if (c) logLine(`audit checkpoint: ${c.size} entries signed (${config.AUDIT_CHECKPOINT_FILE})`);
    } catch (err) {
      logLine(`✖ audit checkpoint: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      await client.end().catch(() => undefined);
      running = false;
    }
  };
  await tick();
  checkpointTimer = setInterval(() => void tick(), config.AUDIT_CHECKPOINT_INTERVAL_MS);
  checkpointTimer.unref();
}

async function shutdown(code: number, reason: string): Promise<never> {
  if (shuttingDown) return new Promise<never>(() => undefined);
  shuttingDown = true;
  clearInterval(checkpointTimer);
  logLine(`stopping (${reason}) …`);
  const stopOne = async (p: ManagedProcess, grace: number) => {
    const t = since();
    const info = await p.stop(grace, () => logLine(`${p.name} did not stop within ${secs(grace)} — SIGKILL`));
    if (code === 0 && info.code !== 0 && info.code !== null)
      logLine(`${p.name} exited with ${describeExit(info)}`);
    if (since() - t > 2_000) logLine(`${p.name} took ${secs(since() - t)} to stop`);
  };
  const gw = children.filter((c) => c.name === gateway.name);
  await Promise.all(gw.map((c) => stopOne(c, STOP_GRACE_MS)));
  if (gw.length) logLine('gateway stopped');
  const rest = children.filter((c) => !gw.includes(c));
  await Promise.all(rest.map((c) => stopOne(c, STOP_GRACE_MS)));
  if (rest.length) logLine(`services stopped (${rest.map((c) => c.name).join(', ')})`);
  if (pgChild?.running) {
    // The PostgreSQL runner stops the server (fast shutdown) when its stdin closes.
    pgChild.closeStdin();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), PG_STOP_GRACE_MS)));
    if ((await Promise.race([pgChild.exited, late])) === 'late') {
      logLine(`PostgreSQL did not stop within ${secs(PG_STOP_GRACE_MS)} — SIGKILL`);
      pgChild.signal('SIGKILL');
      await pgChild.exited;
    }
    clearTimeout(timer);
    logLine('PostgreSQL stopped');
  }
  logLine(code === 0 ? 'stopped' : `stopped (exit ${code})`);
  process.exit(code);
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(sig, () => {
    if (shuttingDown) return;
    out('');
    void shutdown(0, sig);
  });
}
process.on('uncaughtException', (err) => {
  logLine(`✖ ${err.stack ?? err.message}`);
  void shutdown(1, 'internal error');
});
process.on('unhandledRejection', (err) => {
  logLine(`✖ ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  void shutdown(1, 'internal error');
});

// ---------------------------------------------------------------------------------------------
// Steps

/**
 * Refuse ports Node's fetch will not connect to (the "bad ports" of the Fetch standard, e.g. 6000):
 * the gateway could never reach a subgraph there, nor the readiness probe a service.
 */
function checkFetchablePorts() {
  const units = [gateway, ...services, ...(portal ? [portal] : [])];
  const refused = fetchRefusedPorts(units.map((u) => u.port));
  if (!refused.length) return;
  const named = refused.map((p) => `${p} (${units.find((u) => u.port === p)!.name})`);
  fail(
    `port${refused.length > 1 ? 's' : ''} ${named.join(', ')}: fetch refuses ${refused.length > 1 ? 'them' : 'it'} ` +
      '(a "bad port" of the Fetch standard), so the services could not reach each other.\n' +
      `  Choose another MAMIS_PORT_BASE (now ${portBase}).`,
  );
}

/** Refuse to start on ports someone else holds, naming who we think it is. */
async function checkPorts() {
  const wanted: [port: number, what: string][] = [
    ...(externalDb ? [] : [[pgPort, 'embedded PostgreSQL (EMBEDDED_PG_PORT)'] as [number, string]]),
    [gateway.port, 'gateway'],
    ...services.map((s): [number, string] => [s.port, s.name]),
    ...(portal ? [[portal.port, 'portal (PORTAL_PORT)'] as [number, string]] : []),
  ];
  const taken = (
    await Promise.all(
      wanted.map(async ([port, what]) => ((await portInUse(port, host)) ? `${port} (${what})` : undefined)),
    )
  ).filter(Boolean);
  if (taken.length) {
    fail(
      `port${taken.length > 1 ? 's' : ''} already in use: ${taken.join(', ')}.\n` +
        '  Is another `npm start` running? Stop it, or move this stack with MAMIS_PORT_BASE=… / EMBEDDED_PG_PORT=….',
    );
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** A postmaster.pid left by an earlier run: a live server is an error, a dead one is recovered. */
function checkStaleRun() {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!(pid > 0) || !alive(pid)) {
    logLine(
      `found a stale postmaster.pid (pid ${pid || '?'} is not running): the previous run did not stop cleanly; PostgreSQL will recover`,
    );
    return;
  }
  let cmd = '';
  try {
    cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    cmd = 'postgres'; // cannot tell: assume the worst
  }
  if (/postgres/.test(cmd)) {
    fail(
      `a PostgreSQL server (pid ${pid}) is already running on ${pgDir}.\n` +
        '  Is another `npm start` using this data directory? Stop it first (Ctrl-C there), or use MAMIS_DATA_DIR=… for a separate stack.',
    );
  }
  // The pid now belongs to an unrelated process (a reboot or a container restart): PostgreSQL would
  // refuse to start because of it, and no server of ours can be running.
  logLine(`removing a stale postmaster.pid (pid ${pid} is now "${cmd.trim().slice(0, 60)}", not PostgreSQL)`);
  rmSync(pidFile);
}

async function startPostgres(): Promise<{ adminUrl: string; fresh: boolean }> {
  checkStaleRun();
  const fresh = !existsSync(path.join(pgDir, 'PG_VERSION'));
  logLine(
    fresh
      ? `PostgreSQL: initialising a new embedded cluster in ${pgDir} (port ${pgPort}) …`
      : `PostgreSQL: reusing the embedded cluster in ${pgDir} (port ${pgPort})`,
  );
  let onReady: (url: string) => void = () => undefined;
  const ready = new Promise<string>((resolve) => (onReady = resolve));
  pgChild = startChild({
    name: 'postgres',
    args: [
      '--import',
      'tsx',
      path.join(__dirname, 'postgres-child.ts'),
      '--data-dir',
      pgDir,
      '--port',
      String(pgPort),
    ],
    env: childEnv({}),
    onLine: (line) => {
      const m = /^READY (\S+)/.exec(line);
      if (!m) return true;
      onReady(m[1]!);
      return false;
    },
  });
  logLine(`postgres runner started (pid ${pgChild.pid})`);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('embedded PostgreSQL did not start within 120 s')), 120_000);
  });
  const died = pgChild.exited.then((info): never => {
    throw new Error(`embedded PostgreSQL failed to start (${describeExit(info)})`);
  });
  try {
    return { adminUrl: await Promise.race([ready, timeout, died]), fresh };
  } finally {
    clearTimeout(timer);
    died.catch(() => undefined);
  }
}

async function startServices(adminUrl: string, serviceUrl: (adminUrl: string, schema: string) => string) {
  const serviceEnv = (extra: Record<string, string>) =>
    childEnv({
      NODE_ENV: env.NODE_ENV || 'development',
      LOG_LEVEL: env.LOG_LEVEL || 'info',
      HOST: host,
      ...extra,
    });
  const started: [Unit, ManagedProcess][] = [];
  const identity = services.find((u) => u.name === 'identity');
  const issuer = identity && baseUrl(identity);
  for (const svc of services) {
    const extra: Record<string, string> = {
      PORT: String(svc.port),
      DATABASE_URL: serviceUrl(adminUrl, svc.schema!),
    };
    if (svc === identity) {
      // Its generated development keys live beside the database (a second stack has its own).
      extra.IDENTITY_DATA_DIR = env.IDENTITY_DATA_DIR || path.join(dataRoot, 'identity');
      extra.IDENTITY_ISSUER = env.IDENTITY_ISSUER || issuer!;
      // the terms of use come from the consent subgraph; dev secret and key by default
      const consent = services.find((u) => u.name === 'consent');
      if (consent) extra.CONSENT_URL = env.IDENTITY_CONSENT_URL || graphqlUrl(consent);
      // the portal's assistants page calls identity's /manage API from the browser
      if (portalOrigins.length) extra.CORS_ORIGINS = env.IDENTITY_CORS_ORIGINS || portalOrigins.join(',');
    }
    const proc = startChild({ name: svc.name, args: tsNodeArgs(svc.entry), env: serviceEnv(extra) });
    children.push(proc);
    started.push([svc, proc]);
  }
  // The gateway runs on the static supergraph: it needs the subgraph URLs, not running subgraphs.
  const subgraphEnv: Record<string, string> = Object.fromEntries(
    SUBGRAPHS.map((svc) => [svc.urlEnv, graphqlUrl(services.find((u) => u.name === svc.name)!)]),
  );
  if (issuer) subgraphEnv.OIDC_ISSUER = env.OIDC_ISSUER || issuer;
  if (portalOrigins.length) subgraphEnv.CORS_ORIGINS = env.CORS_ORIGINS || portalOrigins.join(',');
  const gw = startChild({
    name: gateway.name,
    args: tsNodeArgs(gateway.entry),
    env: serviceEnv({ PORT: String(gateway.port), ...subgraphEnv }),
  });
  children.push(gw);
  started.push([gateway, gw]);
  if (portal) {
    const web = startChild({
      name: portal.name,
      args: tsNodeArgs(portal.entry),
      env: serviceEnv({
        PORT: String(portal.port),
        PORTAL_GATEWAY_URL: graphqlUrl(gateway),
        PORTAL_OIDC_ISSUER: env.OIDC_ISSUER || issuer || `http://${shownHost}:${portBase + 10}`,
        PORTAL_OIDC_CLIENT_ID: env.PORTAL_OIDC_CLIENT_ID || 'mamis-portal',
      }),
    });
    children.push(web);
    started.push([portal, web]);
  }
  logLine(`started ${started.map(([u, p]) => `${u.name} (pid ${p.pid}, port ${u.port})`).join(', ')}`);

  const deadline = Date.now() + readyTimeoutMs;
  const pending = new Set(started.map(([u]) => u.name));
  const results = await Promise.allSettled(
    started.map(async ([unit, proc]) => {
      await waitForOk(`${baseUrl(unit)}/readyz`, deadline, proc.exited);
      pending.delete(unit.name);
    }),
  );
  if (results.some((r) => r.status === 'rejected')) {
    if (shuttingDown) return;
    logLine(`✖ not ready within ${secs(readyTimeoutMs)}: ${[...pending].join(', ')} (no 200 from /readyz)`);
    await shutdown(1, 'not ready');
  }
}

async function main() {
  checkFetchablePorts();
  await checkPorts();
  const phases: string[] = [];
  let mark = since();
  const phase = (label: string) => {
    const now = since();
    phases.push(`${label} ${secs(now - mark)}`);
    mark = now;
  };

  // Load the bootstrap code (TypeORM + every service's entities) while PostgreSQL starts.
  const bootstrapModule = import('../db/bootstrap');
  let adminUrl: string;
  let shownDb: string;
  if (externalDb) {
    adminUrl = externalDb;
    const u = new URL(externalDb);
    if (u.password) u.password = '***';
    shownDb = u.toString();
    logLine(`PostgreSQL: using DATABASE_URL ${shownDb}`);
  } else {
    const pg = await startPostgres();
    adminUrl = pg.adminUrl;
    shownDb = adminUrl;
    logLine(
      `PostgreSQL: ${pg.fresh ? 'new cluster initialised and' : 'existing data reused,'} accepting connections on 127.0.0.1:${pgPort}`,
    );
  }
  phase('postgres');

  const { bootstrapDatabase, serviceUrl } = await bootstrapModule;
  const { applied } = await bootstrapDatabase({ adminUrl });
  logLine(
    `database bootstrapped: roles, schemas and grants checked; ` +
      (applied.length
        ? `${applied.length} migration(s) applied (${applied.join(', ')})`
        : 'no pending migrations'),
  );
  phase('bootstrap');

  // The seed runs in this process and may create identity's demo accounts: give it the data folder
  // and the identity keys the identity service will use.
  env.MAMIS_DATA_DIR = dataRoot;
  env.IDENTITY_DATA_DIR ||= path.join(dataRoot, 'identity');
  await prepareDatabase({
    adminUrl,
    dataRoot,
    withIdentity,
    gatewayPort: gateway.port,
    portalRedirectUris: portal ? portalOrigins.map((o) => `${o}/callback`) : [],
    identityDatabaseUrl: serviceUrl(adminUrl, 'identity'),
    log: logLine,
  });
  phase('seed');

  if (shuttingDown) return;
  await startServices(adminUrl, serviceUrl);
  if (shuttingDown) return;
  phase('services');
  await startCheckpoints(adminUrl);
  const total = since();
  const identity = services.find((s) => s.name === 'identity');
  const sample = await sampleQuery({
    adminUrl,
    gatewayUrl: graphqlUrl(gateway),
    identityUrl: identity && baseUrl(identity),
    credentialsFile: path.join(dataRoot, 'demo-credentials.json'),
    withToken: Boolean(identity || env.OIDC_ISSUER),
  });

  const rows: [string, string][] = [
    ...(portal ? [['Portal (MAMIS web)', `${baseUrl(portal)}/`] as [string, string]] : []),
    ['Gateway (GraphQL)', graphqlUrl(gateway)],
    ['API explorer (GraphiQL)', `${baseUrl(gateway)}/`],
    ...services.map((s): [string, string] => [s.name, s.name === 'identity' ? baseUrl(s) : graphqlUrl(s)]),
    ['PostgreSQL', shownDb],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  out('');
  out(bold(`MAMIS is ready in ${secs(total)} (${phases.join(', ')})`));
  out('');
  for (const [k, v] of rows) out(`  ${k.padEnd(w)}  ${v}`);
  out('');
  out(`  Health: ${baseUrl(gateway)}/healthz, ${baseUrl(gateway)}/readyz (same on every service)`);
  out('  Try:');
  for (const line of sample) out(`    ${line}`);
  out('');
  out('Press Ctrl-C to stop.');
}

main().catch(async (err: unknown) => {
  if (shuttingDown) return;
  logLine(`✖ start failed: ${err instanceof Error ? err.message : String(err)}`);
  await shutdown(1, 'start failed');
});
