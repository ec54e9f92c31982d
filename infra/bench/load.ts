/**
 * Load generation: autocannon against an HTTP GraphQL endpoint (closed loop, or a fixed request
 * rate), or an in-process loop over hand-written SQL (the floor). EVERY response is checked against
 * its known-good answer; any error or wrong answer voids the run.
 */
import autocannon from 'autocannon';
import { canonical } from './expected';
import { startSampling, type Sampled } from './processes';

/** One request of a workload: its body/headers and the canonical text of its known-good `data`. */
export interface Variant {
  body: string;
  headers: Record<string, string>;
  expected: string;
}

export interface LatencyMs {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

export interface RunResult {
  mode: 'closed' | 'rate';
  connections: number;
  /** Requested rate (fixed-rate runs). */
  rate?: number;
  durationS: number;
  requests: number;
  rps: number;
  latencyMs: LatencyMs;
  /** Non-200 answers, transport errors, timeouts, GraphQL errors. */
  errors: number;
  /** 200 answers whose data differ from the known-good answer. */
  wrong: number;
  /** The first problem seen (status and a body excerpt), for the report. */
  firstProblem?: string;
  /** Mean of the `x-sql-statements` header, when the target sends it (direct subgraph calls). */
  sqlStatementsPerRequest?: number;
  /** Server CPU seconds per 1,000 requests: total and per process (postgres included). */
  cpuSecondsPer1000: Record<string, number>;
  peakRssMiB: Record<string, number>;
  void: boolean;
}

export function percentiles(samples: number[]): LatencyMs {
  if (samples.length === 0) return { p50: NaN, p95: NaN, p99: NaN, mean: NaN, max: NaN };
  const s = Float64Array.from(samples).sort();
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
  const round = (x: number) => Math.round(x * 100) / 100;
  let sum = 0;
  for (const x of s) sum += x;
  return {
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    mean: round(sum / s.length),
    max: round(s[s.length - 1]!),
  };
}

/** Checks answers: exact bodies already verified are accepted without parsing again. */
export class AnswerChecker {
  errors = 0;
  wrong = 0;
  firstProblem: string | undefined;
  private readonly verified: Set<string>[];
  constructor(private readonly variants: Variant[]) {
    this.verified = variants.map(() => new Set());
  }
  check(index: number, status: number, body: string): void {
    const seen = this.verified[index]!;
    if (status === 200 && seen.has(body)) return;
    const problem = (kind: string) => {
      this.firstProblem ??= `${kind}: HTTP ${status} ${body.slice(0, 400)}`;
    };
    if (status !== 200) {
      this.errors++;
      return problem('error');
    }
    let parsed: { data?: unknown; errors?: unknown[] };
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      this.errors++;
      return problem('error (not JSON)');
    }
    if (parsed.errors?.length) {
      this.errors++;
      return problem('error (GraphQL errors)');
    }
    if (canonical(parsed.data) !== this.variants[index]!.expected) {
      this.wrong++;
      return problem('wrong answer');
    }
    if (seen.size < 16) seen.add(body);
  }
}

const mib = (b: number) => Math.round((b / 1048576) * 10) / 10;

function costs(sampled: Sampled, requests: number): Pick<RunResult, 'cpuSecondsPer1000' | 'peakRssMiB'> {
  const per = (s: number) => (requests > 0 ? Math.round((s / requests) * 1000 * 1000) / 1000 : NaN);
  const cpuSecondsPer1000: Record<string, number> = {};
  let total = 0;
  for (const [name, s] of Object.entries(sampled.cpuSeconds)) {
    cpuSecondsPer1000[name] = per(s);
    total += s;
  }
  cpuSecondsPer1000.total = per(total);
  const peakRssMiB: Record<string, number> = {};
  for (const [name, b] of Object.entries(sampled.peakRssBytes)) peakRssMiB[name] = mib(b);
  return { cpuSecondsPer1000, peakRssMiB };
}

export interface HttpRunOptions {
  url: string;
  variants: Variant[];
  durationS: number;
  connections: number;
  /** Requests per second over all connections (fixed-rate run); absent: closed loop. */
  rate?: number;
  /** Stop after this many requests instead of after `durationS` (smoke runs: answers, not timing). */
  amount?: number;
  /** Processes to account CPU/RSS to, and the postmaster. */
  procs: Record<string, number>;
  postmasterPid?: number;
}

export async function runHttp(opts: HttpRunOptions): Promise<RunResult> {
  const checker = new AnswerChecker(opts.variants);
  const latencies: number[] = [];
  let sqlSum = 0;
  let sqlCount = 0;
  // ONE request template; each request takes the next variant of a counter shared by all
  // connections (autocannon would otherwise start every connection at the first variant: with c
  // connections each variant is sent c times in a row — for W4's mutation, c−1 repeats). A
  // connection has one request in flight, so its context knows which variant it is checking.
  let next = 0;
  const variantOf = (context: unknown) => (context as { variant: number }).variant;
  const requests = [
    {
      method: 'POST' as const,
      path: new URL(opts.url).pathname,
      setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => {
        const i = next++ % opts.variants.length;
        context.variant = i;
        const v = opts.variants[i]!;
        return {
          ...req,
          headers: { 'content-type': 'application/json', accept: 'application/json', ...v.headers },
          body: v.body,
        };
      },
      onResponse: (status: number, body: string, context: unknown, headers?: Record<string, string>) => {
        checker.check(variantOf(context), status, body);
        const sql = headers?.['x-sql-statements'];
        if (sql !== undefined) {
          sqlSum += Number(sql);
          sqlCount++;
        }
      },
    },
  ];
  const stop = startSampling(opts.procs, opts.postmasterPid);
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: opts.url,
        connections: opts.connections,
        ...(opts.amount ? { amount: opts.amount } : { duration: opts.durationS }),
        ...(opts.rate ? { overallRate: opts.rate } : {}),
        requests: requests as unknown as autocannon.Request[],
        timeout: 30,
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
    });
  });
  const elapsed = (performance.now() - started) / 1000;
  const sampled = stop();
  const errors = checker.errors + result.errors + result.timeouts;
  const n = latencies.length;
  return {
    mode: opts.rate ? 'rate' : 'closed',
    connections: opts.connections,
    ...(opts.rate ? { rate: opts.rate } : {}),
    durationS: Math.round(elapsed * 10) / 10,
    requests: n,
    rps: Math.round((n / elapsed) * 10) / 10,
    latencyMs: percentiles(latencies),
    errors,
    wrong: checker.wrong,
    ...(checker.firstProblem
      ? { firstProblem: checker.firstProblem }
      : errors
        ? { firstProblem: `${result.errors} transport errors, ${result.timeouts} timeouts` }
        : {}),
    ...(sqlCount ? { sqlStatementsPerRequest: Math.round((sqlSum / sqlCount) * 100) / 100 } : {}),
    ...costs(sampled, n),
    void: errors > 0 || checker.wrong > 0 || n === 0,
  };
}

export interface FloorRunOptions {
  /** Fetch the answer of variant i by hand-written SQL (returns the `data` object). */
  fetch: (index: number) => Promise<unknown>;
  expected: string[];
  durationS: number;
  concurrency: number;
  rate?: number;
  /** Stop after this many requests (smoke runs). */
  amount?: number;
  procs: Record<string, number>;
  postmasterPid?: number;
}

/** The floor: the same answers by SQL through `pg`, closed loop or open loop at a fixed rate. */
export async function runFloor(opts: FloorRunOptions): Promise<RunResult> {
  const latencies: number[] = [];
  let errors = 0;
  let wrong = 0;
  let firstProblem: string | undefined;
  let next = 0;
  const more = () => (opts.amount ? next < opts.amount : performance.now() < deadline);
  const one = async () => {
    const i = next++ % opts.expected.length;
    const t = performance.now();
    try {
      const data = await opts.fetch(i);
      latencies.push(performance.now() - t);
      if (canonical(data) !== opts.expected[i]) {
        wrong++;
        firstProblem ??= 'wrong answer from the floor SQL';
      }
    } catch (err) {
      errors++;
      firstProblem ??= `error: ${(err as Error).message}`;
    }
  };
  const cpu0 = process.cpuUsage();
  const stop = startSampling(opts.procs, opts.postmasterPid);
  const started = performance.now();
  const deadline = started + opts.durationS * 1000;
  if (opts.rate) {
    // at most `concurrency` in flight, like autocannon's connections in the HTTP runs: a request
    // whose turn comes while all are busy waits for one (the schedule does not pile them up)
    const interval = 1000 / opts.rate;
    const inFlight = new Set<Promise<void>>();
    for (let at = started; opts.amount ? next < opts.amount : at < deadline; at += interval) {
      const wait = at - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      while (inFlight.size >= opts.concurrency) await Promise.race(inFlight);
      const p: Promise<void> = one().finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    await Promise.all(inFlight);
  } else {
    await Promise.all(
      Array.from({ length: opts.concurrency }, async () => {
        while (more()) await one();
      }),
    );
  }
  const elapsed = (performance.now() - started) / 1000;
  const sampled = stop();
  const used = process.cpuUsage(cpu0);
  // the floor's "server" is PostgreSQL plus the client code assembling the answer (this process)
  sampled.cpuSeconds = {
    'sql-client': (used.user + used.system) / 1e6,
    postgres: sampled.cpuSeconds.postgres ?? 0,
  };
  sampled.peakRssBytes = {};
  const n = latencies.length;
  return {
    mode: opts.rate ? 'rate' : 'closed',
    connections: opts.concurrency,
    ...(opts.rate ? { rate: opts.rate } : {}),
    durationS: Math.round(elapsed * 10) / 10,
    requests: n,
    rps: Math.round((n / elapsed) * 10) / 10,
    latencyMs: percentiles(latencies),
    errors,
    wrong,
    ...(firstProblem ? { firstProblem } : {}),
    ...costs(sampled, n),
    void: errors > 0 || wrong > 0 || n === 0,
  };
}

/**
 * The fixed rate of a workload: a share of its slowest target's closed-loop throughput, whole
 * requests per second (autocannon's `overallRate`), at least 1; none when even 1 request per second
 * would be half or more of what the slowest target serves (a W6 aggregate of 1–3 s at 2 req/s only
 * queues past the gateway's 5 s subgraph timeout: its one-at-a-time run is its measure).
 */
export function fixedRateOf(slowestRps: number, fraction: number): number | undefined {
  if (!(slowestRps * fraction >= 1)) return undefined;
  return Math.floor(slowestRps * fraction);
}
