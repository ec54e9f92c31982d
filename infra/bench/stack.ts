/**
 * The federation under test, as separate processes (as in production): the four subgraphs, our
 * gateway, and optionally Hive Gateway on the same supergraph and subgraphs.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { serviceUrl } from '../db/bootstrap';
import { freePort } from '../db/embedded';
import { repoRoot, SERVICE_NODE_FLAGS, tsNodeArgs } from '../dev/process-runner';
import { SUBGRAPHS } from '../services';
import { startRecordingProxies, type RecordingProxies } from './probe';
import { startServer, type Server } from './processes';
import { ACCESS_TOKEN_AUDIENCE, type Trust } from './trust';

export interface StackOptions {
  adminUrl: string;
  trust: Trust;
  /** `production` for the main run; W5 runs both sides in `development` (the switch is refused in production). */
  nodeEnv: 'production' | 'development';
  shieldOff?: boolean;
  /** Hive Gateway (its JavaScript query planner) and Hive Gateway with Hive Router's Rust planner. */
  withHive?: boolean;
  /** Also a probe gateway behind recording proxies (fetches and SQL statements per operation). */
  withProbe?: boolean;
  /** Extra environment of the probe gateway only (the scale probes raise MAX_COST there). */
  probeGatewayEnv?: Record<string, string>;
  dataDir: string;
  /** Extra node flags (e.g. --cpu-prof) for our processes. */
  nodeFlags?: string[];
  log: (line: string) => void;
}

export interface Stack {
  subgraphs: Record<string, Server>;
  gateway: Server;
  hive?: Server;
  /** Hive Gateway with the Rust query planner of Hive Router (`@graphql-hive/router-runtime`). */
  hiveRust?: Server;
  probe?: { gateway: Server; proxies: RecordingProxies };
  /** Name → pid of every server process (for CPU / RSS). */
  pids(): Record<string, number>;
  stop(): Promise<void>;
}

const quiet = { LOG_LEVEL: 'warn' };

export async function startStack(opts: StackOptions): Promise<Stack> {
  const logDir = path.join(opts.dataDir, 'logs');
  const started: Server[] = [];
  const closers: (() => Promise<void>)[] = [];
  const baseEnv = (): NodeJS.ProcessEnv => {
    const e = { ...process.env };
    delete e.DATABASE_URL;
    delete e.PORT;
    // PORTAL_URL: required in production by training (certificate QR codes); the benchmark serves no portal
    return {
      ...e,
      NODE_ENV: opts.nodeEnv,
      HOST: '127.0.0.1',
      PORTAL_URL: 'https://portal.bench.invalid',
      ...quiet,
    };
  };
  const args = (entry: string) => [...(opts.nodeFlags ?? []), ...tsNodeArgs(entry)];
  try {
    const subgraphs: Record<string, Server> = {};
    await Promise.all(
      SUBGRAPHS.map(async (svc) => {
        const port = await freePort();
        const server = await startServer({
          name: svc.name,
          port,
          logDir,
          args: args(path.join(repoRoot, 'services', svc.name, 'src/index.ts')),
          env: {
            ...baseEnv(),
            PORT: String(port),
            DATABASE_URL: serviceUrl(opts.adminUrl, svc.schema),
            DB_POOL_SIZE: '10',
            SUBGRAPH_SECRET: opts.trust.secrets[svc.name],
            GATEWAY_ASSERTION_PUBLIC_KEY: opts.trust.assertionPublicKeyPem,
            BENCH_ONLY_DISABLE_ACCESS_SHIELD: opts.shieldOff ? 'yes' : 'no',
            // /metrics behind a token, as production requires (the benchmark does not scrape it)
            METRICS_TOKEN: randomBytes(32).toString('base64url'),
          },
        });
        started.push(server);
        subgraphs[svc.name] = server;
      }),
    );
    const ourGateway = async (
      name: string,
      urls: Record<string, string>,
      extraEnv: Record<string, string> = {},
    ) => {
      const port = await freePort();
      const server = await startServer({
        name,
        port,
        logDir,
        args: args(path.join(repoRoot, 'gateway/src/index.ts')),
        env: {
          ...baseEnv(),
          PORT: String(port),
          ...Object.fromEntries(SUBGRAPHS.map((svc) => [svc.urlEnv, urls[svc.name]!])),
          ...Object.fromEntries(
            SUBGRAPHS.map((svc) => [
              `${svc.name.toUpperCase().replace(/-/g, '_')}_SUBGRAPH_SECRET`,
              opts.trust.secrets[svc.name]!,
            ]),
          ),
          GATEWAY_ASSERTION_PRIVATE_KEY: opts.trust.assertionPrivateKeyPem,
          OIDC_ISSUER: opts.trust.issuer,
          OIDC_JWKS_URL: opts.trust.jwksUrl,
          OIDC_AUDIENCE: ACCESS_TOKEN_AUDIENCE,
          // the stand-in issuer serves an empty revocation feed and checks no secret
          REVOCATION_FEED_SECRET: randomBytes(32).toString('base64url'),
          // /metrics behind a token, as production requires (the benchmark does not scrape it)
          METRICS_TOKEN: randomBytes(32).toString('base64url'),
          // one benchmark client is one viewer: the per-viewer limit would cap the run, not measure it
          RATE_LIMIT_ENABLED: 'false',
          ...extraEnv,
        },
      });
      started.push(server);
      return server;
    };
    const subgraphUrls = Object.fromEntries(Object.entries(subgraphs).map(([n, s]) => [n, s.url]));
    const gateway = await ourGateway('gateway', subgraphUrls);
    let probe: Stack['probe'];
    if (opts.withProbe) {
      const proxies = await startRecordingProxies(subgraphUrls);
      closers.push(() => proxies.close());
      probe = { gateway: await ourGateway('probe-gateway', proxies.urls, opts.probeGatewayEnv), proxies };
    }

    let hive: Server | undefined;
    let hiveRust: Server | undefined;
    if (opts.withHive) {
      mkdirSync(opts.dataDir, { recursive: true });
      const supergraphPath = path.join(opts.dataDir, 'hive-supergraph.graphql');
      let sdl = readFileSync(path.join(repoRoot, 'schema/supergraph.graphql'), 'utf8');
      for (const svc of SUBGRAPHS) {
        sdl = sdl.replace(
          new RegExp(`(@join__graph\\(name: "${svc.name}", url: ")[^"]*(")`),
          `$1${subgraphs[svc.name]!.url}$2`,
        );
      }
      writeFileSync(supergraphPath, sdl);
      const startHive = async (name: string, extraEnv: Record<string, string>) => {
        const port = await freePort();
        const server = await startServer({
          name,
          port,
          logDir,
          readyPath: '/healthcheck',
          args: [
            ...(opts.nodeFlags ?? []),
            // the peers run with the same V8 flags as our processes
            ...SERVICE_NODE_FLAGS,
            path.join(repoRoot, 'node_modules/@graphql-hive/gateway/dist/bin.js'),
            'supergraph',
            supergraphPath,
            '--config-path',
            path.join(__dirname, 'hive/gateway.config.mjs'),
            '--port',
            String(port),
            '--host',
            '127.0.0.1',
          ],
          env: {
            ...baseEnv(),
            HIVE_BENCH_SUPERGRAPH: supergraphPath,
            HIVE_BENCH_SECRETS: JSON.stringify(opts.trust.secrets),
            HIVE_BENCH_JWKS: opts.trust.jwksJson,
            HIVE_BENCH_ASSERTION_KEY: opts.trust.assertionPrivateKeyPem,
            HIVE_BENCH_ISSUER: opts.trust.issuer,
            HIVE_BENCH_AUDIENCE: ACCESS_TOKEN_AUDIENCE,
            ...extraEnv,
          },
        });
        started.push(server);
        return server;
      };
      hive = await startHive('hive-gateway', {});
      // the same gateway and configuration; only the query planner and executor differ
      hiveRust = await startHive('hive-gateway-rust', { HIVE_BENCH_ROUTER_RUNTIME: 'yes' });
    }
    return {
      subgraphs,
      gateway,
      hive,
      hiveRust,
      probe,
      pids: () =>
        Object.fromEntries(started.filter((s) => s.name !== 'probe-gateway').map((s) => [s.name, s.pid])),
      async stop() {
        await Promise.all(started.map((s) => s.stop()));
        await Promise.all(closers.map((c) => c()));
      },
    };
  } catch (err) {
    await Promise.all(started.map((s) => s.stop().catch(() => undefined)));
    await Promise.all(closers.map((c) => c().catch(() => undefined)));
    throw err;
  }
}
