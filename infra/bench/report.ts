/**
 * Benchmark results: the JSON written to `infra/bench/results/<timestamp>.json`, the checks of the
 * performance targets (ratios measured in one run; infra/bench/README.md), and the markdown summary.
 */
import { floorPlansMarkdown, type FloorPlan } from './floor-plans';
import type { RunResult } from './load';
import type { ScaleProbes } from './scale-probes';

/** `sql-rls`: a workload's SQL through `pg` as the service role with the viewer's row-security settings (W6). */
export type TargetName =
  'direct' | 'gateway' | 'hive' | 'hive-rust' | 'floor' | 'sql-rls' | 'shield-on' | 'shield-off';

export interface TargetResult {
  target: TargetName;
  closed?: RunResult;
  rate?: RunResult;
  /** One request at a time (closed loop, 1 connection): the answer time without queueing (W6). */
  sequential?: RunResult;
  /** Per operation (probe gateway behind recording proxies): subgraph fetches and SQL statements. */
  probe?: {
    fetches: number;
    sqlStatements: number;
    perSubgraph: Record<string, { fetches: number; sql: number }>;
    /** false: a probe answer was wrong or an error (e.g. a subgraph timeout): the counts are not the operation's. */
    ok?: boolean;
  };
}

export interface WorkloadResult {
  id: string;
  title: string;
  /** `not-measurable`: the workload exists but the data set cannot answer it (W6: refused below k). */
  status: 'ran' | 'missing' | 'not-measurable';
  reason?: string;
  targets: TargetResult[];
  notes?: string[];
  /** The expert floor's statements with their plans (read floors only; floor-plans.ts). */
  floorPlans?: FloorPlan[];
}

export interface TargetCheck {
  target: string;
  limit: string;
  measured: string;
  ratio?: number;
  met: boolean | null;
  note?: string;
}

export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  scale: 'demo' | 'full';
  smoke: boolean;
  machine: { cpus: number; node: string; uptimeBefore: string; uptimeAfter: string };
  data: {
    seedVersion: number;
    seed: number;
    counts: Record<string, number>;
    loadSeconds: number;
    loadedThisRun: boolean;
  };
  settings: {
    durationS: number;
    amount?: number;
    closedConnections: number;
    rateConnections: number;
    rateFraction: number;
  };
  startTimes?: { firstStartS?: number; reusedStartS?: number; note?: string };
  /** Scale probes: SQL per request of a 500- vs 10-member page, EXPLAIN of the kana search. */
  scaleProbes?: ScaleProbes;
  workloads: WorkloadResult[];
  checks: TargetCheck[];
  void: boolean;
  voidReasons: string[];
}

/** A target's result, with void runs (and a probe that saw errors) left out: they measure nothing. */
const find = (r: BenchResults, id: string, target: TargetName): TargetResult | undefined => {
  const t = r.workloads.find((w) => w.id === id)?.targets.find((x) => x.target === target);
  if (!t) return undefined;
  return {
    ...t,
    closed: t.closed?.void ? undefined : t.closed,
    rate: t.rate?.void ? undefined : t.rate,
    sequential: t.sequential?.void ? undefined : t.sequential,
    probe: t.probe?.ok === true ? t.probe : undefined,
  };
};

const ratio = (a: number | undefined, b: number | undefined) =>
  a !== undefined && b !== undefined && b > 0 ? Math.round((a / b) * 1000) / 1000 : undefined;

/** The benchmark targets, from one run's results. */
export function checkTargets(r: BenchResults): TargetCheck[] {
  const out: TargetCheck[] = [];
  const w1g = find(r, 'W1', 'gateway')?.rate?.latencyMs;
  const w1d = find(r, 'W1', 'direct')?.rate?.latencyMs;
  const p50 = ratio(w1g?.p50, w1d?.p50);
  const p99 = ratio(w1g?.p99, w1d?.p99);
  out.push({
    target: 'W1 gateway / direct, p50',
    limit: '≤ 1.3×',
    measured: `${w1g?.p50 ?? '?'} ms / ${w1d?.p50 ?? '?'} ms`,
    ratio: p50,
    met: p50 === undefined ? null : p50 <= 1.3,
  });
  out.push({
    target: 'W1 gateway / direct, p99',
    limit: '≤ 1.5×',
    measured: `${w1g?.p99 ?? '?'} ms / ${w1d?.p99 ?? '?'} ms`,
    ratio: p99,
    met: p99 === undefined ? null : p99 <= 1.5,
  });
  const on = find(r, 'W5', 'shield-on')?.rate?.latencyMs;
  const off = find(r, 'W5', 'shield-off')?.rate?.latencyMs;
  const shield = ratio(on?.p50, off?.p50);
  out.push({
    target: 'W5 shield on / off, p50 (W3 100 members)',
    limit: '≤ 1.10×',
    measured: `${on?.p50 ?? '?'} ms / ${off?.p50 ?? '?'} ms`,
    ratio: shield,
    met: shield === undefined ? null : shield <= 1.1,
  });
  // W6 (each aggregate its own workload W6-a, W6-b, …): the answer time, one query at a
  // time, gateway / the same SQL run directly (the target); the fixed-rate figures are reported
  const w6 = r.workloads.filter((w) => w.id.startsWith('W6'));
  if (w6.length === 0)
    out.push({
      target: 'W6 analytics aggregates: answer time one at a time, gateway / the same SQL, p50',
      limit: '≤ 1.5×',
      measured: 'no W6 workload in this run',
      met: null,
    });
  for (const w of w6) {
    if (w.status !== 'ran') {
      out.push({
        target: `${w.id} ${w.title}: answer time one at a time, gateway / the same SQL, p50`,
        limit: '≤ 1.5×',
        measured: `${w.status === 'missing' ? 'missing' : 'not measurable'}: ${w.reason ?? ''}`,
        met: null,
      });
      continue;
    }
    const via = (run: 'sequential' | 'rate') => {
      const g = find(r, w.id, 'gateway')?.[run]?.latencyMs;
      const d = find(r, w.id, 'sql-rls')?.[run]?.latencyMs;
      return { g, d, p50: ratio(g?.p50, d?.p50), p99: ratio(g?.p99, d?.p99) };
    };
    const seq = via('sequential');
    const rated = via('rate');
    out.push({
      target: `${w.id} ${w.title}: answer time one at a time, gateway / the same SQL, p50`,
      limit: '≤ 1.5×',
      measured: `${seq.g?.p50 ?? '?'} ms / ${seq.d?.p50 ?? '?'} ms`,
      ratio: seq.p50,
      met: seq.p50 === undefined ? null : seq.p50 <= 1.5,
    });
    // the absolute target: an aggregate of a dashboard answers in under 100 ms at JMA scale
    out.push({
      target: `${w.id} answer time one at a time through the gateway, p50`,
      limit: '≤ 100 ms',
      measured: `${seq.g?.p50 ?? '?'} ms`,
      met: seq.g?.p50 === undefined ? null : seq.g.p50 <= 100,
    });
    out.push({
      target: `${w.id} the same, p99 one at a time`,
      limit: 'reported',
      measured: `${seq.g?.p99 ?? '?'} ms / ${seq.d?.p99 ?? '?'} ms`,
      ratio: seq.p99,
      met: null,
    });
    out.push({
      target: `${w.id} the same at the fixed rate, p50`,
      limit: 'reported',
      measured: `${rated.g?.p50 ?? '?'} ms / ${rated.d?.p50 ?? '?'} ms`,
      ratio: rated.p50,
      met: null,
    });
  }
  const peers = [
    ['hive', 'Hive Gateway'],
    ['hive-rust', 'Hive Gateway with the Rust query planner'],
  ] as const;
  for (const id of ['W1', 'W2', 'W3', 'W4'])
    for (const [peer, name] of peers) {
      const ours = find(r, id, 'gateway')?.closed?.rps;
      const theirs = find(r, id, peer)?.closed?.rps;
      if (theirs === undefined && (peer === 'hive-rust' || id === 'W1' || id === 'W4')) continue;
      const q = ratio(ours, theirs);
      out.push({
        target: `${id} throughput, ours / ${name}`,
        limit: '≥ 1.0×',
        measured: `${ours ?? '?'} / ${theirs ?? '?'} req/s`,
        ratio: q,
        met: q === undefined ? null : q >= 1,
      });
    }
  const pages = r.scaleProbes?.pages.filter((p) => p.ok) ?? [];
  const p500 = pages.find((p) => p.first === 500)?.sqlStatements;
  const p10 = pages.find((p) => p.first === 10)?.sqlStatements;
  if (r.scaleProbes)
    out.push({
      target: 'member page with trainingSummary: SQL statements per request, 500 vs 10 members',
      limit: 'equal',
      measured: `${p500 ?? '?'} vs ${p10 ?? '?'}`,
      met: p500 === undefined || p10 === undefined ? null : p500 === p10,
    });
  if (r.scaleProbes?.explain)
    out.push({
      target: `people(search: "${r.scaleProbes.explain.search}") uses a kana index range`,
      limit: 'index scan, per-row visibility',
      measured: r.scaleProbes.explain.usesIndex
        ? `${r.scaleProbes.explain.usesIndex}${hashesVisibleSet(r.scaleProbes.explain.plan) ? ', but hashes a whole visible set (hashed SubPlan)' : ''}; ${r.scaleProbes.explain.executionMs ?? '?'} ms`
        : `no kana index range in the plan (scans: ${(r.scaleProbes.explain.indexes ?? []).join(', ') || 'none'})`,
      met: r.scaleProbes.explain.usesIndex !== null && !hashesVisibleSet(r.scaleProbes.explain.plan),
    });
  const s10 = find(r, 'W3-10', 'gateway')?.probe?.sqlStatements;
  const s100 = find(r, 'W3', 'gateway')?.probe?.sqlStatements;
  out.push({
    target: 'W3 SQL statements per request, 10 vs 100 members',
    limit: 'equal',
    measured: `${s10 ?? '?'} vs ${s100 ?? '?'}`,
    met: s10 === undefined || s100 === undefined ? null : s10 === s100,
  });
  if (r.scale === 'full') {
    out.push({
      target: 'full-scale data load',
      limit: '≤ 90 s',
      measured: `${r.data.loadSeconds.toFixed(1)} s${r.data.loadedThisRun ? '' : ' (recorded when the data set was loaded)'}`,
      met: r.data.loadSeconds <= 90,
    });
  }
  if (r.startTimes?.reusedStartS !== undefined || r.startTimes?.firstStartS !== undefined) {
    const s = r.startTimes.firstStartS ?? r.startTimes.reusedStartS!;
    out.push({
      target: 'demo-scale `npm start` to ready',
      limit: '≤ 10 s',
      measured: [
        r.startTimes.firstStartS !== undefined ? `first start ${r.startTimes.firstStartS} s` : '',
        r.startTimes.reusedStartS !== undefined ? `reusing data ${r.startTimes.reusedStartS} s` : '',
      ]
        .filter(Boolean)
        .join(', '),
      met: s <= 10,
    });
  }
  return out;
}

const fmt = (x: number | null | undefined, digits = 1) =>
  x === undefined || x === null || Number.isNaN(x) ? '–' : x.toFixed(digits);

export function markdownSummary(r: BenchResults): string {
  const lines: string[] = [];
  lines.push(`# MAMIS benchmark ${r.startedAt} (${r.smoke ? 'smoke, ' : ''}${r.scale} scale)`);
  lines.push('');
  lines.push(
    `Machine: ${r.machine.cpus} CPUs, Node ${r.machine.node}; load before: \`${r.machine.uptimeBefore}\`; after: \`${r.machine.uptimeAfter}\``,
  );
  lines.push(
    `Data: seed ${r.data.seed} (version ${r.data.seedVersion}), ${Object.values(r.data.counts)
      .reduce((a, b) => a + b, 0)
      .toLocaleString(
        'en-US',
      )} rows, loaded in ${r.data.loadSeconds.toFixed(1)} s${r.data.loadedThisRun ? ' (this run)' : ''}.`,
  );
  lines.push(
    r.settings.amount
      ? `Runs: ${r.settings.amount} requests each (smoke: answers checked, timings not meaningful).`
      : `Runs: ${r.settings.durationS} s each; closed loop with ${r.settings.closedConnections} connections; fixed rate = ${r.settings.rateFraction * 100}% of the slowest target's closed-loop throughput, ${r.settings.rateConnections} connections.`,
  );
  lines.push('');
  lines.push(
    r.void
      ? `**VOID**: ${r.voidReasons.join('; ')}`
      : 'Every response of every run matched its known-good answer.',
  );
  lines.push('');
  lines.push('## Targets');
  lines.push('');
  lines.push('| target | limit | measured | ratio | met |');
  lines.push('| --- | --- | --- | ---: | --- |');
  for (const c of r.checks)
    lines.push(
      `| ${c.target} | ${c.limit} | ${c.measured} | ${c.ratio === undefined ? '' : `${c.ratio.toFixed(2)}×`} | ${c.met === null ? 'not measured' : c.met ? 'yes' : '**no**'} |`,
    );
  lines.push('');
  lines.push('## Workloads');
  lines.push('');
  lines.push(
    '| workload | target | closed req/s | rate req/s | p50 ms | p95 ms | p99 ms | CPU-s / 1k req | peak RSS MiB | SQL / req | fetches / op |',
  );
  lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const w of r.workloads) {
    if (w.status !== 'ran') {
      lines.push(
        `| ${w.id} ${w.title} | — | ${w.status === 'missing' ? 'missing' : 'not measurable'}: ${w.reason ?? ''} | | | | | | | | |`,
      );
      continue;
    }
    for (const t of w.targets) {
      const l = t.rate?.latencyMs;
      const rss = t.closed ? Object.values(t.closed.peakRssMiB).reduce((a, b) => a + b, 0) : undefined;
      const sql =
        t.probe?.sqlStatements ?? (t.target === 'direct' ? t.closed?.sqlStatementsPerRequest : undefined);
      lines.push(
        `| ${w.id} ${w.title} | ${t.target}${t.closed?.void || t.rate?.void || t.sequential?.void ? ' **VOID**' : ''} | ${fmt(t.closed?.rps)} | ${fmt(t.rate?.rate, 0)} | ${fmt(l?.p50, 2)} | ${fmt(l?.p95, 2)} | ${fmt(l?.p99, 2)} | ${fmt(t.closed?.cpuSecondsPer1000.total, 2)} | ${fmt(rss, 0)} | ${sql === undefined ? '–' : sql} | ${t.probe?.fetches ?? '–'} |`,
      );
    }
    for (const n of w.notes ?? []) lines.push(`|  | note: ${n} | | | | | | | | | |`);
  }
  lines.push('');
  if (r.scaleProbes) {
    lines.push('');
    lines.push('## Scale probes (issues 6, 7)');
    lines.push('');
    lines.push(
      `Probe gateway MAX_COST: ${r.scaleProbes.probeGatewayMaxCost ?? 'default'} (the gateway under load keeps its default).`,
    );
    lines.push('');
    lines.push('| member page | SQL / req | fetches / op | per subgraph (fetches / SQL) | answer |');
    lines.push('| ---: | ---: | ---: | --- | --- |');
    for (const p of r.scaleProbes.pages)
      lines.push(
        `| ${p.first} | ${p.sqlStatements} | ${p.fetches} | ${Object.entries(p.perSubgraph)
          .map(([n, c]) => `${n} ${c.fetches}/${c.sql}`)
          .join(', ')} | ${p.ok ? 'checked' : `**wrong**: ${p.problem ?? ''}`} |`,
      );
    const e = r.scaleProbes.explain;
    if (e) {
      lines.push('');
      lines.push(`\`EXPLAIN (ANALYZE, FORMAT TEXT)\` of \`people(search: "${e.search}")\` (${e.viewer}):`);
      lines.push('');
      lines.push('```text');
      lines.push(e.plan);
      lines.push('```');
    }
  }
  const planned = r.workloads.filter((w) => w.floorPlans?.length);
  if (planned.length) {
    lines.push('');
    lines.push('## Expert floors: statements and plans');
    lines.push('');
    lines.push(
      "Each read floor's statements as one request sends them, with `EXPLAIN (ANALYZE, BUFFERS)` taken right after its closed-loop run (floor-plans.ts).",
    );
    lines.push('');
    for (const w of planned) lines.push(...floorPlansMarkdown(w.id, w.floorPlans!));
  }
  lines.push('');
  lines.push(
    'CPU-s / 1k req: server processes (our gateway or Hive Gateway, the subgraphs, PostgreSQL with its backends; for the floor the SQL client in the harness and PostgreSQL) during the closed-loop run. Peak RSS: sum of the Node server processes (PostgreSQL excluded). SQL / req and fetches / op: from the probe gateway (recording proxies) or the `x-sql-statements` header of direct calls.',
  );
  return `${lines.join('\n')}\n`;
}

/**
 * A page must check visibility per row: a hashed SubPlan builds the viewer's whole visible set
 * first (~540k persons for the JMA: 874 ms for a 50-row page instead of ~5 ms).
 */
export const hashesVisibleSet = (plan: string | undefined) => /hashed SubPlan/.test(plan ?? '');
