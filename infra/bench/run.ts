/**
 * `npm run bench` (full scale) and `npm run bench:smoke` (demo scale, a few seconds per workload,
 * answers checked, no performance assertion). See infra/bench/README.md.
 *
 *   node --import tsx infra/bench/run.ts [--scale demo|full] [--smoke] [--duration S]
 *        [--only W1,W3] [--no-hive] [--cpu-prof] [--start-times] [--load-only]
 *
 * Length: this is the runner's sequence (arguments, data set, stack, each workload across its
 * targets with probes and answer checks, start times, report), one step after the other in `main`
 * with the run's state; the parts with their own subject are beside it: build-workloads.ts (the
 * workloads and their expected answers), load.ts (the load generator and the SQL floor), stack.ts,
 * report.ts, scale-probes.ts.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { repoRoot } from '../dev/process-runner';
import type { Scale } from '../seed/generate';
import { benchDataDir, openBenchDatabase, type BenchDatabase } from './database';
import { buildWorkloads, pickFixtures } from './build-workloads';
import { canonical } from './expected';
import { fixedRateOf, runFloor, runHttp, type RunResult, type Variant } from './load';
import {
  checkTargets,
  markdownSummary,
  type BenchResults,
  type TargetName,
  type TargetResult,
  type WorkloadResult,
} from './report';
import { startStack, type Stack } from './stack';
import { createTrust } from './trust';
import { missingWorkloads } from './workloads';
import { floorPlans, type FloorPlan } from './floor-plans';
import { explainKanaSearch, probePages, type ScaleProbes } from './scale-probes';
import type { WorkloadSpec } from './workload-spec';
import { readStatementStats, resetStatementStats, type StatementsOfRun } from './statement-stats';
import { serviceUrl } from '../db/bootstrap';

interface Args {
  scale: Scale;
  smoke: boolean;
  durationS: number;
  only?: Set<string>;
  hive: boolean;
  cpuProf: boolean;
  startTimes: boolean;
  loadOnly: boolean;
}

function parseArgs(argv: string[]): Args {
  const has = (f: string) => argv.includes(f);
  const value = (f: string) => {
    const i = argv.indexOf(f);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const smoke = has('--smoke');
  const scale = (value('--scale') ?? (smoke ? 'demo' : 'full')) as Scale;
  if (scale !== 'demo' && scale !== 'full') throw new Error(`--scale demo|full, got ${scale}`);
  const durationS = Number(value('--duration') ?? (smoke ? 2 : 15));
  if (!(durationS > 0)) throw new Error('--duration must be positive');
  const only = value('--only');
  return {
    scale,
    smoke,
    durationS,
    only: only ? new Set(only.split(',')) : undefined,
    hive: !has('--no-hive'),
    cpuProf: has('--cpu-prof'),
    startTimes: has('--start-times'),
    loadOnly: has('--load-only'),
  };
}

const log = (line: string) => process.stdout.write(`[bench] ${line}\n`);
const uptime = () => {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(', ');
  }
};

/** The probe gateway's operation cost limit (ours defaults to 5,000; the gateway serving load keeps it). */
const PROBE_MAX_COST = '1000000';

interface Settings {
  /** Smoke runs: a fixed number of requests per run instead of a duration. */
  amount?: number;
  durationS: number;
  warmS: number;
  closedConnections: number;
  rateConnections: number;
  rateFraction: number;
}

/** Probe one operation through the probe gateway: subgraph fetches and SQL statements. */
async function probe(stack: Stack, variant: Variant): Promise<TargetResult['probe']> {
  const p = stack.probe;
  if (!p) return undefined;
  let ok = true;
  const send = () =>
    fetch(p.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...variant.headers },
      body: variant.body,
    })
      .then((r) => r.text())
      .then((body) => {
        if (canonical((JSON.parse(body) as { data?: unknown }).data) !== variant.expected) ok = false;
      })
      .catch(() => {
        ok = false;
      });
  await send(); // plan cache warm
  // the least over a few rounds: a round that also refreshed the gateway's terms cache (one more
  // consent fetch every TERMS_CACHE_MS) does not count
  let best: ReturnType<typeof p.proxies.counts> | undefined;
  const total = (c: ReturnType<typeof p.proxies.counts>) =>
    Object.values(c.fetches).reduce((a, b) => a + b, 0) * 1000 +
    Object.values(c.sqlStatements).reduce((a, b) => a + b, 0);
  for (let i = 0; i < 4; i++) {
    p.proxies.reset();
    await send();
    const c = p.proxies.counts();
    if (!best || total(c) < total(best)) best = c;
  }
  const c = best!;
  const perSubgraph: Record<string, { fetches: number; sql: number }> = {};
  let fetches = 0;
  let sql = 0;
  for (const name of new Set([...Object.keys(c.fetches), ...Object.keys(c.sqlStatements)])) {
    const f = c.fetches[name] ?? 0;
    const q = c.sqlStatements[name] ?? 0;
    perSubgraph[name] = { fetches: f, sql: q };
    fetches += f;
    sql += q;
  }
  return { fetches, sqlStatements: Math.round(sql * 100) / 100, perSubgraph, ok };
}

function urlOf(stack: Stack, target: TargetName): string | undefined {
  if (target === 'direct') return stack.subgraphs.membership?.url;
  if (target === 'hive') return stack.hive?.url;
  if (target === 'hive-rust') return stack.hiveRust?.url;
  return stack.gateway.url;
}

/** Start counting statements (`pg_stat_statements_reset()`), when the cluster has the extension. */
async function statementsFrom(db: BenchDatabase, pool: Pool): Promise<void> {
  if (db.statementStats) await resetStatementStats(pool);
}

/** The statements since `statementsFrom`, per request of the run. */
async function statementsOf(
  db: BenchDatabase,
  pool: Pool,
  requests: number,
): Promise<StatementsOfRun | undefined> {
  return db.statementStats ? readStatementStats(pool, requests) : undefined;
}

async function runWorkload(
  spec: WorkloadSpec,
  stack: Stack,
  db: BenchDatabase,
  pool: Pool,
  s: Settings,
): Promise<WorkloadResult> {
  if (spec.notRun) {
    log(`${spec.id}: ${spec.notRun.status} — ${spec.notRun.reason}`);
    return {
      id: spec.id,
      title: spec.title,
      status: spec.notRun.status,
      reason: spec.notRun.reason,
      targets: [],
    };
  }
  const results: TargetResult[] = [];
  let floorPlanned: FloorPlan[] | undefined;
  const procs = stack.pids();
  for (const target of spec.targets) {
    if (target === 'floor' || target === 'sql-rls') {
      const sqlFetch = target === 'floor' ? spec.floor && ((i: number) => spec.floor!(pool, i)) : spec.sqlRls;
      if (!sqlFetch) continue;
      const fetchOne = sqlFetch;
      await runFloor({
        fetch: fetchOne,
        expected: spec.expected,
        durationS: s.warmS,
        amount: s.amount,
        concurrency: spec.closedConnections ?? s.closedConnections,
        procs: {},
      });
      await statementsFrom(db, pool);
      const closed = await runFloor({
        fetch: fetchOne,
        expected: spec.expected,
        durationS: s.durationS,
        amount: s.amount,
        concurrency: spec.closedConnections ?? s.closedConnections,
        procs: {},
        postmasterPid: db.postmasterPid,
      });
      const statements = await statementsOf(db, pool, closed.requests);
      results.push({ target, closed, ...(statements ? { statements } : {}) });
      log(
        `${spec.id} ${target}: ${closed.rps} req/s closed loop${closed.void ? ` VOID (${closed.firstProblem})` : ''}`,
      );
      if (target === 'floor' && spec.floor) floorPlanned = await floorPlans(pool, spec.floor);
      continue;
    }
    const url = urlOf(stack, target);
    if (!url) continue;
    // warm: query plans (gateway), prepared paths, connection pools
    await runHttp({
      url,
      variants: await spec.variants(target, url),
      durationS: s.warmS,
      amount: s.amount,
      connections: spec.closedConnections ?? s.closedConnections,
      procs: {},
    });
    // the variants first: W4 writes the run's session and registrations while building them
    const closedVariants = await spec.variants(target, url);
    await statementsFrom(db, pool);
    const closed = await runHttp({
      url,
      variants: closedVariants,
      durationS: s.durationS,
      amount: s.amount,
      connections: spec.closedConnections ?? s.closedConnections,
      procs,
      postmasterPid: db.postmasterPid,
    });
    const statements = await statementsOf(db, pool, closed.requests);
    const result: TargetResult = { target, closed, ...(statements ? { statements } : {}) };
    if (target === 'gateway') result.probe = await probe(stack, (await spec.variants(target, url))[0]!);
    results.push(result);
    log(
      `${spec.id} ${target}: ${closed.rps} req/s closed loop, p50 ${closed.latencyMs.p50} ms${closed.void ? ` VOID (${closed.firstProblem})` : ''}`,
    );
  }
  // fixed rate: the same for every target of the workload (a share of the slowest one's throughput)
  const slowest = Math.min(...results.map((r) => r.closed?.rps ?? Infinity));
  const rate = fixedRateOf(slowest, s.rateFraction);
  // one measured run of a target at `connections` (and a fixed rate, when given)
  const measure = async (r: TargetResult, connections: number, atRate?: number): Promise<RunResult> => {
    if (r.target === 'floor' || r.target === 'sql-rls')
      return runFloor({
        fetch: r.target === 'floor' ? (i: number) => spec.floor!(pool, i) : spec.sqlRls!,
        expected: spec.expected,
        durationS: s.durationS,
        amount: s.amount,
        concurrency: connections,
        ...(atRate ? { rate: atRate } : {}),
        procs: {},
        postmasterPid: db.postmasterPid,
      });
    const url = urlOf(stack, r.target)!;
    return runHttp({
      url,
      variants: await spec.variants(r.target, url),
      durationS: s.durationS,
      amount: s.amount,
      connections,
      ...(atRate ? { rate: atRate } : {}),
      procs,
      postmasterPid: db.postmasterPid,
    });
  };
  const latency = (run: RunResult) =>
    `p50 ${run.latencyMs.p50} ms, p99 ${run.latencyMs.p99} ms${run.void ? ` VOID (${run.firstProblem})` : ''}`;
  if (rate === undefined)
    log(`${spec.id}: no fixed-rate run (the slowest target answers ${slowest} req/s, less than 2)`);
  else
    for (const r of results) {
      r.rate = await measure(r, s.rateConnections, rate);
      log(`${spec.id} ${r.target}: at ${rate} req/s ${latency(r.rate)}`);
    }
  if (spec.sequential)
    for (const r of results) {
      r.sequential = await measure(r, 1);
      log(`${spec.id} ${r.target}: one at a time ${latency(r.sequential)}`);
    }
  return {
    id: spec.id,
    title: spec.title,
    status: 'ran',
    targets: results,
    ...(floorPlanned?.length ? { floorPlans: floorPlanned } : {}),
  };
}

/** Time from `npm start` (demo scale, its own data folder and ports) to "ready". */
async function measureStart(dataDir: string): Promise<number | undefined> {
  const env = {
    ...process.env,
    MAMIS_DATA_DIR: dataDir,
    MAMIS_PORT_BASE: String(24000 + Math.floor(Math.random() * 1000) * 20),
    EMBEDDED_PG_PORT: String(30000 + Math.floor(Math.random() * 20000)),
    NO_COLOR: '1',
    NODE_ENV: '',
  };
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'infra/dev/start.ts')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const seconds = await new Promise<number | undefined>((resolve) => {
    let buf = '';
    const timer = setTimeout(() => resolve(undefined), 180_000);
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /MAMIS is ready in ([\d.]+) s/.exec(buf);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.stderr.resume();
    child.once('exit', () => resolve(undefined));
  });
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return seconds;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const startedAt = new Date().toISOString();
  const uptimeBefore = uptime();
  log(`${args.smoke ? 'smoke run' : 'benchmark'} at ${args.scale} scale; machine load: ${uptimeBefore}`);
  const settings: Settings = args.smoke
    ? {
        amount: 8,
        durationS: args.durationS,
        warmS: 1,
        closedConnections: 2,
        rateConnections: 2,
        rateFraction: 0.5,
      }
    : { durationS: args.durationS, warmS: 3, closedConnections: 8, rateConnections: 2, rateFraction: 0.5 };
  const dataDir = benchDataDir();
  const db = await openBenchDatabase({ scale: args.scale, log });
  if (args.loadOnly) {
    log(`data set ready: ${JSON.stringify(db.marker)}`);
    await db.stop();
    return;
  }
  const pool = new Pool({ connectionString: db.adminUrl, max: settings.closedConnections });
  pool.on('error', () => undefined); // idle clients see the server stop at the end
  const membershipPool = new Pool({
    connectionString: serviceUrl(db.adminUrl, 'membership'),
    max: settings.closedConnections,
  });
  membershipPool.on('error', () => undefined);
  const trust = await createTrust();
  const nodeFlags = args.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${path.join(dataDir, 'prof')}`] : [];
  const workloads: WorkloadResult[] = [];
  let stack: Stack | undefined;
  try {
    const fx = await pickFixtures(pool);
    log(
      `fixtures: ${fx.association.code} (${fx.association.members} current members), ${fx.w1Persons.length} W1 persons, ${fx.w2Persons.length} W2 persons`,
    );
    const selected = (id: string) => !args.only || args.only.has(id) || args.only.has(id.split('-')[0]!);
    const specs = (await buildWorkloads(pool, fx, trust, membershipPool, selected)).filter((w) =>
      selected(w.id),
    );
    log('starting the stack (NODE_ENV=production) …');
    stack = await startStack({
      adminUrl: db.adminUrl,
      trust,
      nodeEnv: 'production',
      withHive: args.hive,
      withProbe: true,
      // the 500-member page of the scale probes exceeds the default operation cost (5,000)
      probeGatewayEnv: { MAX_COST: PROBE_MAX_COST },
      dataDir,
      nodeFlags,
      log,
    });
    log(
      `stack ready: ${Object.entries(stack.pids())
        .map(([n, p]) => `${n} ${p}`)
        .join(', ')}`,
    );
    for (const spec of specs) {
      if (!args.hive) spec.targets = spec.targets.filter((t) => t !== 'hive' && t !== 'hive-rust');
      workloads.push(await runWorkload(spec, stack, db, pool, settings));
    }
    let scaleProbes: ScaleProbes | undefined;
    if (!args.only || args.only.has('PROBES')) {
      log('scale probes (issues 6, 7): member page 500 vs 10, EXPLAIN of people(search: "ヤマ") …');
      const pages = await probePages(stack, pool, fx.association.id, await trust.accessToken(fx.staff));
      const jma = await pool.query<{ id: string }>(
        `SELECT id::text FROM membership.association WHERE tier = 'NATIONAL' ORDER BY code LIMIT 1`,
      );
      const explain = jma.rows[0]
        ? await explainKanaSearch(membershipPool, {
            kind: 'STAFF',
            sub: 'bench-jma-staff',
            associationId: jma.rows[0].id,
            associationTier: 'NATIONAL',
            role: 'ADMIN',
            scopes: [],
          })
        : undefined;
      scaleProbes = { probeGatewayMaxCost: PROBE_MAX_COST, pages, ...(explain ? { explain } : {}) };
      for (const pg of pages)
        log(
          `probe page ${pg.first}: ${pg.sqlStatements} SQL, ${pg.fetches} fetches${pg.ok ? '' : ` WRONG (${pg.problem})`}`,
        );
      if (explain)
        log(
          `probe EXPLAIN people(search: "${explain.search}"): kana index ${explain.usesIndex ?? 'NOT used'}`,
        );
    }
    await stack.stop();
    stack = undefined;

    // W5: W3 (100 members) through our gateway with the shield on and off. The switch is refused
    // in production, so BOTH sides run with NODE_ENV=development: the only difference is the shield.
    const w3 = specs.find((s) => s.id === 'W3');
    if (w3 && (!args.only || args.only.has('W5'))) {
      const w3Gateway = workloads.find((w) => w.id === 'W3')?.targets.find((t) => t.target === 'gateway');
      const rate = Math.max(2, Math.floor((w3Gateway?.closed?.rps ?? 4) * settings.rateFraction));
      const targets: TargetResult[] = [];
      for (const shieldOff of [false, true]) {
        const target: TargetName = shieldOff ? 'shield-off' : 'shield-on';
        log(`W5: starting the stack (NODE_ENV=development, ${target}) …`);
        stack = await startStack({
          adminUrl: db.adminUrl,
          trust,
          nodeEnv: 'development',
          shieldOff,
          dataDir,
          nodeFlags,
          log,
        });
        const url = stack.gateway.url;
        const procs = stack.pids();
        await runHttp({
          url,
          variants: await w3.variants('gateway', url),
          durationS: settings.warmS,
          amount: settings.amount,
          connections: settings.closedConnections,
          procs: {},
        });
        const closed = await runHttp({
          url,
          variants: await w3.variants('gateway', url),
          durationS: settings.durationS,
          amount: settings.amount,
          connections: settings.closedConnections,
          procs,
          postmasterPid: db.postmasterPid,
        });
        const rated = await runHttp({
          url,
          variants: await w3.variants('gateway', url),
          durationS: settings.durationS,
          amount: settings.amount,
          connections: settings.rateConnections,
          rate,
          procs,
          postmasterPid: db.postmasterPid,
        });
        targets.push({ target, closed, rate: rated });
        log(
          `W5 ${target}: ${closed.rps} req/s closed loop; at ${rate} req/s p50 ${rated.latencyMs.p50} ms${closed.void || rated.void ? ` VOID (${closed.firstProblem ?? rated.firstProblem})` : ''}`,
        );
        await stack.stop();
        stack = undefined;
      }
      workloads.push({
        id: 'W5',
        title: 'W3 (100 members) with the access shield on / off (NODE_ENV=development both)',
        status: 'ran',
        targets,
      });
    }
    workloads.push(...missingWorkloads());

    let startTimes: BenchResults['startTimes'];
    if (args.startTimes) {
      const dir = path.join(dataDir, 'start-demo');
      rmSync(dir, { recursive: true, force: true });
      log('measuring `npm start` (demo scale): first start, then a start reusing its data …');
      const firstStartS = await measureStart(dir);
      const reusedStartS = await measureStart(dir);
      startTimes = { firstStartS, reusedStartS };
      log(`npm start: first ${firstStartS ?? '?'} s, reusing data ${reusedStartS ?? '?'} s`);
    }

    const voidReasons: string[] = [];
    for (const pg of scaleProbes?.pages ?? [])
      if (!pg.ok) voidReasons.push(`probe page ${pg.first}: ${pg.problem ?? 'wrong'}`);
    for (const w of workloads)
      for (const t of w.targets)
        for (const run of [t.closed, t.rate, t.sequential].filter(Boolean) as RunResult[])
          if (run.void)
            voidReasons.push(
              `${w.id} ${t.target} (${run.mode}): ${run.errors} errors, ${run.wrong} wrong — ${run.firstProblem ?? 'no responses'}`,
            );
    const results: BenchResults = {
      startedAt,
      finishedAt: new Date().toISOString(),
      scale: args.scale,
      smoke: args.smoke,
      machine: { cpus: os.cpus().length, node: process.version, uptimeBefore, uptimeAfter: uptime() },
      data: {
        seedVersion: db.marker.seedVersion,
        seed: db.marker.seed,
        counts: db.marker.counts,
        loadSeconds: db.marker.loadSeconds,
        loadedThisRun: db.loadSeconds !== undefined,
      },
      settings: {
        durationS: settings.durationS,
        amount: settings.amount,
        closedConnections: settings.closedConnections,
        rateConnections: settings.rateConnections,
        rateFraction: settings.rateFraction,
      },
      ...(startTimes ? { startTimes } : {}),
      ...(scaleProbes ? { scaleProbes } : {}),
      workloads,
      checks: [],
      void: voidReasons.length > 0,
      voidReasons,
    };
    results.checks = checkTargets(results);
    const md = markdownSummary(results);
    const stamp = startedAt.replace(/[:.]/g, '-');
    const outDir = args.smoke ? path.join(dataDir, 'results') : path.join(__dirname, 'results');
    mkdirSync(outDir, { recursive: true });
    await writeFormatted(
      path.join(outDir, `${stamp}${args.smoke ? '-smoke' : ''}.json`),
      JSON.stringify(results),
    );
    await writeFormatted(path.join(outDir, `${stamp}${args.smoke ? '-smoke' : ''}.md`), md);
    process.stdout.write(`\n${md}\n`);
    log(`results: ${path.join(outDir, `${stamp}${args.smoke ? '-smoke' : ''}`)}.{json,md}`);
    if (results.void) {
      log(`VOID: ${voidReasons.length} run(s) had wrong or error responses`);
      process.exitCode = 1;
    }
  } finally {
    await stack?.stop().catch(() => undefined);
    await pool.end().catch(() => undefined);
    await membershipPool.end().catch(() => undefined);
    await trust.close();
    await db.stop();
  }
}

/** Results files are checked in: write them as the repository's prettier would (`npm run lint`). */
async function writeFormatted(file: string, text: string) {
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(file, await prettier.format(text, { ...options, filepath: file }));
}

/** `--render <results.json>`: recompute the checks of a results file and rewrite its markdown. */
async function render(file: string) {
  const results = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
  results.checks = checkTargets(results);
  await writeFormatted(file, JSON.stringify(results));
  await writeFormatted(file.replace(/\.json$/, '.md'), markdownSummary(results));
  log(`rewrote ${file} and its .md`);
}

const renderIndex = process.argv.indexOf('--render');
(renderIndex >= 0 ? render(process.argv[renderIndex + 1]!) : main())
  .then(() => process.exit(process.exitCode ?? 0))
  .catch((err: unknown) => {
    process.stderr.write(`[bench] ✖ ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
