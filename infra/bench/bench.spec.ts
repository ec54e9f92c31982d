import { canonical } from './expected';
import { AnswerChecker, fixedRateOf, percentiles } from './load';
import { checkTargets, markdownSummary, type BenchResults } from './report';
import { hasAttendanceRecording, hasStatistics, missingWorkloads } from './workloads';
import { rotate, sessionDay, W4_CREDITS, W4_MUTATION } from './attendance';
import type { RunResult } from './load';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { repoRoot } from '../dev/process-runner';
import { AGGREGATES, Publisher, queryOf, UNMEASURED, withNet, withRate } from './statistics';
import { shortenStatement, summariseStatements, type StatementsOfRun } from './statement-stats';

describe('canonical answers', () => {
  it('ignores key order and the order of nested lists, but not the order of a page', () => {
    const a = { person: { id: '1', memberships: [{ code: 'M' }, { code: 'P' }], name: 'x' } };
    const b = { person: { name: 'x', memberships: [{ code: 'P' }, { code: 'M' }], id: '1' } };
    expect(canonical(a)).toBe(canonical(b));
    const page1 = { members: { nodes: [{ id: '1' }, { id: '2' }] } };
    const page2 = { members: { nodes: [{ id: '2' }, { id: '1' }] } };
    expect(canonical(page1)).not.toBe(canonical(page2));
  });

  it('tells a value from its absence and numbers from strings', () => {
    expect(canonical({ units: 1.5 })).not.toBe(canonical({ units: '1.5' }));
    expect(canonical({ leftOn: null })).not.toBe(canonical({}));
  });
});

describe('AnswerChecker', () => {
  const expected = canonical({ person: { id: 'p1', familyName: '佐藤' } });
  const ok = JSON.stringify({ data: { person: { familyName: '佐藤', id: 'p1' } } });

  it('accepts the known-good answer, counts wrong data and errors separately', () => {
    const c = new AnswerChecker([{ body: '', headers: {}, expected }]);
    c.check(0, 200, ok);
    c.check(0, 200, ok); // the verified body again (fast path)
    expect([c.errors, c.wrong]).toEqual([0, 0]);
    c.check(0, 200, JSON.stringify({ data: { person: null } }));
    expect(c.wrong).toBe(1);
    c.check(0, 200, JSON.stringify({ data: { person: null }, errors: [{ message: 'Forbidden' }] }));
    c.check(0, 401, '{"errors":[{"message":"Unauthorized"}]}');
    c.check(0, 200, 'not json');
    expect(c.errors).toBe(3);
    expect(c.firstProblem).toMatch(/^wrong answer: HTTP 200/);
  });
});

describe('fixed rate', () => {
  it('is half the slowest target, whole requests per second, and none below 1 (no run that only queues)', () => {
    expect(fixedRateOf(307.3, 0.5)).toBe(153);
    expect(fixedRateOf(2.6, 0.5)).toBe(1);
    expect(fixedRateOf(1.9, 0.5)).toBeUndefined();
    expect(fixedRateOf(0.6, 0.5)).toBeUndefined();
    expect(fixedRateOf(Infinity, 0.5)).toBe(Infinity);
  });
});

describe('percentiles', () => {
  it('takes nearest-rank percentiles', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentiles(samples)).toMatchObject({ p50: 50, p95: 95, p99: 99, max: 100, mean: 50.5 });
  });
});

const run = (over: Partial<RunResult>): RunResult => ({
  mode: 'rate',
  connections: 2,
  durationS: 10,
  requests: 100,
  rps: 10,
  latencyMs: { p50: 1, p95: 2, p99: 3, mean: 1, max: 4 },
  errors: 0,
  wrong: 0,
  cpuSecondsPer1000: { total: 1 },
  peakRssMiB: {},
  void: false,
  ...over,
});

describe('target checks', () => {
  const results: BenchResults = {
    startedAt: '2026-11-25T07:00:00.000Z',
    finishedAt: '2026-11-25T07:10:00.000Z',
    scale: 'full',
    smoke: false,
    machine: { cpus: 2, node: 'v20', uptimeBefore: 'load 1', uptimeAfter: 'load 1' },
    data: { seedVersion: 2, seed: 1, counts: { a: 10 }, loadSeconds: 95, loadedThisRun: true },
    settings: { durationS: 10, closedConnections: 8, rateConnections: 2, rateFraction: 0.5 },
    workloads: [
      {
        id: 'W1',
        title: 'w1',
        status: 'ran',
        targets: [
          { target: 'direct', rate: run({ latencyMs: { p50: 2, p95: 3, p99: 4, mean: 2, max: 5 } }) },
          { target: 'gateway', rate: run({ latencyMs: { p50: 2.5, p95: 5, p99: 8, mean: 3, max: 9 } }) },
        ],
      },
      {
        id: 'W3',
        title: 'w3',
        status: 'ran',
        targets: [
          {
            target: 'gateway',
            closed: run({ rps: 50 }),
            probe: { fetches: 4, sqlStatements: 7, perSubgraph: {}, ok: true },
          },
          { target: 'hive', closed: run({ rps: 40 }) },
        ],
      },
      {
        id: 'W3-10',
        title: 'w3-10',
        status: 'ran',
        targets: [{ target: 'gateway', probe: { fetches: 4, sqlStatements: 7, perSubgraph: {}, ok: true } }],
      },
    ],
    checks: [],
    void: false,
    voidReasons: [],
  };

  it('computes the target ratios and says which are met', () => {
    const checks = checkTargets(results);
    const by = (t: string) => checks.find((c) => c.target.startsWith(t))!;
    expect(by('W1 gateway / direct, p50')).toMatchObject({ ratio: 1.25, met: true });
    expect(by('W1 gateway / direct, p99')).toMatchObject({ ratio: 2, met: false });
    expect(by('W3 throughput')).toMatchObject({ ratio: 1.25, met: true });
    expect(by('W2 throughput').met).toBeNull(); // not measured
    expect(by('W5').met).toBeNull();
    expect(by('W3 SQL statements').met).toBe(true);
    expect(by('full-scale data load').met).toBe(false);
  });

  it('checks every W6 aggregate (answer time one at a time, gateway / the same SQL, p50 ≤ 1.5×) and the scale probes', () => {
    const lat = (p50: number, p99: number) => ({ latencyMs: { p50, p95: p99, p99, mean: p50, max: p99 } });
    const withW6: BenchResults = {
      ...results,
      workloads: [
        ...results.workloads,
        {
          id: 'W6-a',
          title: 'members by CATEGORY',
          status: 'ran',
          targets: [
            { target: 'gateway', sequential: run(lat(16, 30)), rate: run(lat(24, 40)) },
            { target: 'sql-rls', sequential: run(lat(10, 15)), rate: run(lat(20, 30)) },
          ],
        },
        {
          id: 'W6-b',
          title: 'trainingCredits',
          status: 'ran',
          targets: [
            { target: 'gateway', sequential: run(lat(1400, 1500)), rate: run(lat(2000, 2600)) },
            { target: 'sql-rls', sequential: run(lat(1000, 1100)), rate: run(lat(1600, 2000)) },
          ],
        },
        {
          // a void run (a wrong answer) measures nothing
          id: 'W6-c',
          title: 'memberFlow',
          status: 'ran',
          targets: [
            {
              target: 'gateway',
              sequential: run({ ...lat(5, 6), wrong: 1, void: true }),
              rate: run(lat(5, 6)),
            },
            { target: 'sql-rls', sequential: run(lat(4, 5)), rate: run(lat(4, 5)) },
          ],
        },
        {
          id: 'W6-i',
          title: 'duesCollection',
          status: 'not-measurable',
          reason: 'refused at this scale: population 0 < k = 10',
          targets: [],
        },
      ],
      scaleProbes: {
        pages: [
          { first: 500, sqlStatements: 9, fetches: 3, perSubgraph: {}, ok: true },
          { first: 10, sqlStatements: 9, fetches: 3, perSubgraph: {}, ok: true },
        ],
        explain: {
          search: 'ヤマ',
          viewer: 'STAFF',
          plan: 'Seq Scan on person p',
          usesIndex: null,
        },
      },
    };
    const checks = checkTargets(withW6);
    const by = (t: string) => checks.find((c) => c.target.startsWith(t))!;
    // one target row per aggregate, plus the reported p99 and fixed-rate rows
    expect(
      checks.filter((c) => c.target.startsWith('W6') && c.limit === '≤ 1.5×').map((c) => c.target),
    ).toEqual([
      expect.stringMatching(/^W6-a members by CATEGORY: answer time one at a time/),
      expect.stringMatching(/^W6-b trainingCredits: /),
      expect.stringMatching(/^W6-c memberFlow: /),
      expect.stringMatching(/^W6-i duesCollection: /),
    ]);
    expect(by('W6-a members')).toMatchObject({ ratio: 1.6, met: false, measured: '16 ms / 10 ms' });
    expect(by('W6-a the same, p99')).toMatchObject({ ratio: 2, met: null });
    expect(by('W6-a the same at the fixed rate')).toMatchObject({ ratio: 1.2, met: null });
    expect(by('W6-b trainingCredits')).toMatchObject({ ratio: 1.4, met: true });
    expect(by('W6-c memberFlow')).toMatchObject({ ratio: undefined, met: null });
    expect(by('W6-c the same at the fixed rate')).toMatchObject({ ratio: 1.25 });
    expect(by('W6-i duesCollection')).toMatchObject({ met: null });
    expect(by('W6-i duesCollection').measured).toMatch(/^not measurable: refused at this scale/);
    // every aggregate one at a time through the gateway within 100 ms: a row each
    const within100 = (id: string) => by(`${id} answer time one at a time through the gateway`);
    expect(within100('W6-a')).toMatchObject({ limit: '≤ 100 ms', measured: '16 ms', met: true });
    expect(within100('W6-b')).toMatchObject({ measured: '1400 ms', met: false });
    expect(within100('W6-c')).toMatchObject({ measured: 'W6-c gateway: one-at-a-time run void', met: null });
    expect(within100('W6-i')).toMatchObject({ measured: 'not measurable', met: null });
    expect(checks.filter((c) => c.limit === '≤ 100 ms')).toHaveLength(4);
    expect(by('member page with trainingSummary').met).toBe(true);
    expect(by('people(search').met).toBe(false);
    // the kana range alone is not enough: a hash of the whole visible set first is a miss too
    const ranged = (plan: string) =>
      checkTargets({
        ...withW6,
        scaleProbes: {
          ...withW6.scaleProbes!,
          explain: { search: 'ヤマ', viewer: 'STAFF', plan, usesIndex: 'person_kana_idx', executionMs: 5 },
        },
      }).find((c) => c.target.startsWith('people(search'))!;
    expect(ranged('Index Only Scan using person_kana_idx\n  Filter: (EXISTS(SubPlan 1))').met).toBe(true);
    expect(
      ranged('Index Only Scan using person_kana_idx\n  Filter: (ANY (id = (hashed SubPlan 3).col1))'),
    ).toMatchObject({
      met: false,
      measured: expect.stringContaining('hashes a whole visible set'),
    });
    const md = markdownSummary({ ...withW6, checks });
    expect(md).toContain('| 500 | 9 | 3 |');
    expect(md).toContain(
      '| W6-i duesCollection | — | not measurable: refused at this scale: population 0 < k = 10 |',
    );
    expect(md).toContain('| W6-c memberFlow | gateway **VOID** |');
  });

  it('says W6 was not measured when the run has no W6 workload', () => {
    const w6 = checkTargets(results).filter((c) => c.target.startsWith('W6'));
    expect(w6).toEqual([
      expect.objectContaining({ limit: '≤ 1.5×', met: null }),
      expect.objectContaining({ limit: '≤ 100 ms', met: null }),
    ]);
  });

  it('writes a markdown summary with the checks and every target', () => {
    const md = markdownSummary({ ...results, checks: checkTargets(results) });
    expect(md).toContain('| W1 gateway / direct, p99 | ≤ 1.5× | 8 ms / 4 ms | 2.00× | **no** |');
    expect(md).toContain('| W3 w3 | hive |');
  });
});

describe('targets against the expert floor and the peers', () => {
  const at = (p50: number) => ({ latencyMs: { p50, p95: p50, p99: p50, mean: p50, max: p50 } });
  const closed = (rps: number, cpu: Record<string, number> = { total: 1 }) =>
    run({ mode: 'closed', connections: 8, rps, cpuSecondsPer1000: cpu });
  const statements: StatementsOfRun = summariseStatements(
    [
      {
        query: 'SELECT p.id FROM membership.person p\n   WHERE p.id = $1',
        role: 'membership',
        calls: 200,
        total_exec_time: 30,
        rows: 200,
        shared_blks_hit: 800,
        shared_blks_read: 4,
      },
      {
        query: 'INSERT INTO audit.entry (a) VALUES ($1)',
        role: 'membership',
        calls: '100',
        total_exec_time: '90',
        rows: '100',
        shared_blks_hit: '1000',
        shared_blks_read: '0',
      },
    ],
    100,
  );
  const results: BenchResults = {
    startedAt: '2025-01-06T09:00:00.000Z',
    finishedAt: '2025-01-06T09:10:00.000Z',
    scale: 'full',
    smoke: false,
    machine: { cpus: 2, node: 'v20', uptimeBefore: 'load 1', uptimeAfter: 'load 1' },
    data: { seedVersion: 3, seed: 1, counts: { a: 10 }, loadSeconds: 80, loadedThisRun: false },
    settings: { durationS: 10, closedConnections: 8, rateConnections: 2, rateFraction: 0.5 },
    workloads: [
      {
        id: 'W1',
        title: 'person by id',
        status: 'ran',
        targets: [
          {
            target: 'gateway',
            closed: closed(650, {
              gateway: 1.2,
              membership: 2,
              postgres: 3.5,
              'hive-gateway': 0.05,
              'hive-gateway-rust': 0.04,
              total: 6.79,
            }),
            rate: run(at(2.5)),
            statements,
          },
          { target: 'hive', closed: closed(500) },
          { target: 'hive-rust', closed: closed(700) },
          {
            target: 'floor',
            closed: closed(5000, { 'sql-client': 0.1, postgres: 0.2, total: 0.3 }),
            rate: run(at(0.6)),
            statements,
          },
        ],
      },
      {
        id: 'W2',
        title: 'profile',
        status: 'ran',
        targets: [
          { target: 'gateway', closed: closed(80), rate: run(at(12)) },
          { target: 'hive', closed: closed(60) },
        ],
      },
      {
        id: 'W3',
        title: 'page 100',
        status: 'ran',
        targets: [
          { target: 'gateway', closed: closed(40), rate: run(at(25)) },
          { target: 'floor', closed: closed(90), rate: run(at(10)) },
        ],
      },
      {
        id: 'W3-10',
        title: 'page 10',
        status: 'ran',
        targets: [
          { target: 'gateway', closed: closed(60), rate: run(at(20)) },
          { target: 'floor', closed: closed(400), rate: run(at(5)) },
        ],
      },
      {
        // a wrong answer voids the fixed-rate run: no figure
        id: 'W3-J',
        title: 'JMA page',
        status: 'ran',
        targets: [
          { target: 'gateway', closed: closed(10), rate: run({ ...at(20), wrong: 1, void: true }) },
          { target: 'floor', closed: closed(90), rate: run(at(9)) },
        ],
      },
      // W3-L and W4 not run
    ],
    checks: [],
    void: false,
    voidReasons: [],
  };
  const by = (checks: ReturnType<typeof checkTargets>, t: string) => {
    const found = checks.find((c) => c.target === t);
    if (!found) throw new Error(`no row ${t}`);
    return found;
  };

  it('judges the absolute answer times and W1 throughput of our gateway, and says what was not measured', () => {
    const checks = checkTargets(results);
    const row = (t: string) => by(checks, t);
    expect(row('W1 ours p50 at the fixed rate')).toMatchObject({
      limit: '≤ 3 ms',
      measured: '2.5 ms',
      met: true,
    });
    expect(row('W1 ours throughput, closed loop')).toMatchObject({ limit: '≥ 600 req/s', met: true });
    expect(row('W2 ours p50 at the fixed rate')).toMatchObject({ limit: '≤ 10 ms', met: false });
    expect(row('W3 ours p50 at the fixed rate')).toMatchObject({ limit: '≤ 30 ms', met: true });
    expect(row('W3-10 ours p50 at the fixed rate')).toMatchObject({ limit: '≤ 15 ms', met: false });
    expect(row('W3-L ours p50 at the fixed rate')).toMatchObject({ measured: 'W3-L not run', met: null });
    expect(row('W3-J ours p50 at the fixed rate')).toMatchObject({
      limit: '≤ 30 ms',
      measured: 'W3-J gateway: fixed-rate run void',
      met: null,
    });
    expect(row('W4 ours p50 at the fixed rate')).toMatchObject({
      limit: '≤ 15 ms',
      measured: 'W4 not run',
      met: null,
    });
  });

  it('judges the member pages within 3× of the expert floor', () => {
    const checks = checkTargets(results);
    const row = (id: string) => by(checks, `${id} ours / the expert floor, p50 at the fixed rate`);
    expect(row('W3')).toMatchObject({ limit: '≤ 3×', ratio: 2.5, measured: '25 ms / 10 ms', met: true });
    expect(row('W3-10')).toMatchObject({ ratio: 4, met: false });
    expect(row('W3-L')).toMatchObject({ met: null, measured: 'W3-L not run / W3-L not run' });
    expect(row('W3-J')).toMatchObject({ met: null, measured: 'W3-J gateway: fixed-rate run void / 9 ms' });
  });

  it('has a throughput row for each peer on W1–W4, Hive Gateway and its Rust planner apart', () => {
    const checks = checkTargets(results);
    const peer = (id: string, name: string) => by(checks, `${id} throughput, ours / ${name}`);
    const rust = 'Hive Gateway with the Rust query planner';
    expect(peer('W1', 'Hive Gateway')).toMatchObject({ ratio: 1.3, met: true });
    expect(peer('W1', rust)).toMatchObject({ ratio: 0.929, met: false, measured: '650 / 700 req/s' });
    expect(peer('W2', 'Hive Gateway')).toMatchObject({ met: true });
    expect(peer('W2', rust)).toMatchObject({ met: null, measured: '80 req/s / W2 hive-rust not run' });
    expect(peer('W3', rust).met).toBeNull();
    expect(peer('W4', 'Hive Gateway')).toMatchObject({ met: null, measured: 'W4 not run / W4 not run' });
    expect(checks.filter((c) => c.target.includes('throughput, ours /'))).toHaveLength(8);
  });

  it('reports the CPU-ms per request of each process serving our gateway, the idle peers left out', () => {
    const checks = checkTargets(results);
    expect(by(checks, 'W1 ours CPU-ms per request per process (closed loop)')).toMatchObject({
      limit: 'reported',
      measured: '6.79 in all: postgres 3.50, membership 2.00, gateway 1.20',
      met: null,
      note: 'reported',
    });
    expect(by(checks, 'W4 ours CPU-ms per request per process (closed loop)')).toMatchObject({
      measured: 'W4 not run',
      met: null,
    });
    const md = markdownSummary({ ...results, checks });
    expect(md).toContain('## CPU-ms per request per process (closed loop)');
    expect(md).toContain(
      '| workload | target | its gateway | membership | PostgreSQL | SQL client | total |',
    );
    expect(md).toContain('| W1 | gateway | 1.20 | 2.00 | 3.50 | – | 6.70 |');
    expect(md).toContain('| W1 | hive-rust | – |');
    expect(md).toContain('| W1 | floor | – | – | 0.20 | 0.10 | 0.30 |');
    // reported rows say so; rows without a figure say "not measured"
    expect(md).toMatch(
      /\| W1 ours CPU-ms per request per process \(closed loop\) \| reported \| .* \| reported \|/,
    );
    expect(md).toMatch(/\| W4 ours p50 at the fixed rate \| ≤ 15 ms \| W4 not run \| {2}\| not measured \|/);
  });

  it('shows the figures of another scale without judging them', () => {
    const checks = checkTargets({ ...results, scale: 'demo' });
    expect(by(checks, 'W1 ours p50 at the fixed rate')).toMatchObject({
      measured: '2.5 ms',
      met: null,
      note: 'not judged: demo scale',
    });
    expect(by(checks, 'W3 ours / the expert floor, p50 at the fixed rate')).toMatchObject({
      ratio: 2.5,
      met: null,
    });
    expect(by(checks, 'W1 throughput, ours / Hive Gateway')).toMatchObject({
      ratio: 1.3,
      met: null,
      note: 'not judged: demo scale',
    });
    expect(markdownSummary({ ...results, scale: 'demo', checks })).toContain(
      '| W1 ours p50 at the fixed rate | ≤ 3 ms | 2.5 ms |  | not judged: demo scale |',
    );
  });

  it("prints the statements of our gateway and the floor per workload (every target's in the JSON)", () => {
    const md = markdownSummary({ ...results, checks: checkTargets(results) });
    expect(md).toContain('## PostgreSQL statements per workload (pg_stat_statements, closed loop)');
    expect(md).toContain(
      '### W1 gateway: 3.00 statements / request, 1.200 ms execution / request (2 distinct, 100 requests)',
    );
    expect(md).toContain('### W1 floor:');
    expect(md).toContain(
      '| 1.00 | 0.900 | 75.0% | 1.0 | 10.0 | 0.0 | membership | `INSERT INTO audit.entry (a) VALUES ($1)` |',
    );
    expect(md).toContain(
      '| 2.00 | 0.150 | 25.0% | 1.0 | 4.0 | 0.0 | membership | `SELECT p.id FROM membership.person p WHERE p.id = $1` |',
    );
    const noStatements = {
      ...results,
      workloads: results.workloads.map((w) => ({
        ...w,
        targets: w.targets.map(({ statements: _, ...t }) => t),
      })),
    };
    expect(markdownSummary({ ...noStatements, checks: [] })).not.toContain('pg_stat_statements');
  });
});

describe('statement statistics of a run', () => {
  it('orders by execution time, divides by the requests, shortens the text', () => {
    const long = `SELECT ${Array.from({ length: 40 }, (_, i) => `c${i}`).join(',\n   ')} FROM t`;
    const s = summariseStatements(
      [
        {
          query: 'COMMIT',
          role: 'r',
          calls: 400,
          total_exec_time: 2,
          rows: 0,
          shared_blks_hit: 0,
          shared_blks_read: 0,
        },
        {
          query: long,
          role: 'r',
          calls: 100,
          total_exec_time: 18,
          rows: 5000,
          shared_blks_hit: 300,
          shared_blks_read: 10,
        },
      ],
      200,
      1,
    );
    expect(s).toMatchObject({ requests: 200, distinct: 2, callsPerRequest: 2.5, execMsPerRequest: 0.1 });
    expect(s.top).toHaveLength(1);
    expect(s.top[0]).toMatchObject({
      calls: 100,
      callsPerRequest: 0.5,
      meanMs: 0.18,
      totalMs: 18,
      share: 0.9,
      rowsPerCall: 50,
      sharedBlksHitPerCall: 3,
      sharedBlksReadPerCall: 0.1,
    });
    expect(s.top[0]!.query).toHaveLength(120);
    expect(s.top[0]!.query).toMatch(/^SELECT c0, c1, c2, .*…$/);
    expect(shortenStatement('  SELECT\n\t1  ')).toBe('SELECT 1');
  });
});

describe('workloads not built yet', () => {
  it('reports W4 and W6 as missing, naming what they wait for', () => {
    const missing = missingWorkloads('type Query {\n  person(id: ID!): Person\n}\n');
    expect(missing.map((w) => [w.id, w.status])).toEqual([
      ['W4', 'missing'],
      ['W6', 'missing'],
    ]);
    expect(missing[0]!.reason).toMatch(/recordAttendance/);
    expect(missing[1]!.reason).toMatch(/statistics/);
  });

  it('stops reporting W4 and W6 once the fields exist (run.ts runs them)', () => {
    const sdl =
      'type Mutation {\n  recordAttendance(input: X!): Y\n}\ntype Query {\n  statistics: Statistics\n}\n';
    expect(missingWorkloads(sdl)).toEqual([]);
    expect(hasAttendanceRecording(sdl)).toBe(true);
    expect(hasStatistics(sdl)).toBe(true);
  });

  it('wants recordAttendance as a mutation, not any field or type of that name', () => {
    const elsewhere =
      'type Query {\n  recordAttendance(id: ID!): Y\n  statistics: Statistics\n}\ninput RecordAttendanceInput {\n  x: ID\n}\n';
    expect(hasAttendanceRecording(elsewhere)).toBe(false);
    expect(missingWorkloads(elsewhere).map((w) => w.id)).toEqual(['W4']);
    // the repository's own supergraph has it
    expect(hasAttendanceRecording()).toBe(true);
  });
});

describe('W4 attendance recording', () => {
  it('gives every session a day of its own, from the day after the seeded sessions', () => {
    expect(sessionDay(0)).toBe('2025-07-01');
    expect(sessionDay(31)).toBe('2025-08-01');
    expect(sessionDay(365)).toBe('2026-07-01');
    expect(new Set(Array.from({ length: 400 }, (_, n) => sessionDay(n))).size).toBe(400);
  });

  it('registers every candidate once per slice, starting at a different person each slice', () => {
    const people = Array.from({ length: 10 }, (_, i) => `p${i}`);
    const starts = new Set<string>();
    for (let n = 0; n < 10; n++) {
      const slice = rotate(people, n, 100);
      expect([...slice].sort()).toEqual([...people].sort());
      starts.add(slice[0]!);
    }
    expect(starts.size).toBeGreaterThan(5);
    expect(rotate(people, 3, 4)).toHaveLength(4);
    expect(rotate([], 3, 4)).toEqual([]);
  });

  it('asks for the ledger of the session day, so entries appended twice would show', () => {
    const schema = buildSchema(readFileSync(path.join(repoRoot, 'schema/supergraph.graphql'), 'utf8'));
    expect(validate(schema, parse(W4_MUTATION))).toEqual([]);
    expect(validate(schema, parse(W4_MUTATION.replace('checkInMethod', 'checkedInBy')))).not.toEqual([]);
    expect(W4_MUTATION).toMatch(/recordAttendance\(input: \$input\)/);
    expect(W4_MUTATION).toMatch(/creditLedger\(program: \$program, from: \$on, to: \$on\)/);
    expect(W4_CREDITS.length).toBeGreaterThan(0);
    // units in 0.5 steps, as the ledger accepts
    for (const c of W4_CREDITS) expect(Number.isInteger(c.units * 2) && c.units > 0).toBe(true);
  });
});

describe('W6 aggregates', () => {
  it('asks valid queries of the composed schema, one workload id each', () => {
    const schema = buildSchema(readFileSync(path.join(repoRoot, 'schema/supergraph.graphql'), 'utf8'));
    for (const a of AGGREGATES) expect([a.id, validate(schema, parse(queryOf(a)))]).toEqual([a.id, []]);
    expect(validate(schema, parse(queryOf({ ...AGGREGATES[0]!, field: 'nope' })))).not.toEqual([]);
    const ids = [...AGGREGATES, ...UNMEASURED].map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^W6-[a-z]$/.test(id))).toBe(true);
  });

  it("adds memberFlow's NET only where both counts are published", async () => {
    const flows: [string, number, number][] = [
      ['2019', 40, 25],
      ['2020', 30, 3],
      ['2021', 50, 20],
      ['2022', 60, 45],
      ['2023', 70, 30],
    ];
    const t = withNet(
      await new Publisher().publish(
        'memberFlow',
        ['FISCAL_YEAR', 'FLOW'],
        flows.flatMap(([y, j, l]) => [
          { keys: [y, 'JOIN'], count: j },
          { keys: [y, 'LEAVE'], count: l },
        ]),
        { zerosListed: true, auditFilters: { FISCAL_YEAR: flows.map(([y]) => y) } },
      ),
      2019,
      2023,
    );
    const cell = (y: string, kind: string) => t.cells.find((c) => c.keys[0] === y && c.keys[1] === kind)!;
    const published = flows.filter(([y]) => !cell(y, 'JOIN').suppressed && !cell(y, 'LEAVE').suppressed);
    expect(published.length).toBeGreaterThan(0);
    expect(published.length).toBeLessThan(flows.length); // 2020's 3 leaves are below k
    for (const [y, j, l] of flows)
      expect(cell(y, 'NET')).toEqual(
        published.some(([p]) => p === y)
          ? { keys: [y, 'NET'], count: j - l, suppressed: false }
          : { keys: [y, 'NET'], count: null, suppressed: true },
      );
  });

  it("gives insuranceEnrolment's rate only when every ENROLLED cell is published", async () => {
    const two = (enrolled: number) =>
      new Publisher().publish(
        'insuranceEnrolment:2024',
        ['STATUS'],
        [
          { keys: ['ENROLLED'], count: enrolled },
          { keys: ['NOT_ENROLLED'], count: 60 },
        ],
      );
    expect(withRate(await two(40)).rate).toBe(0.4);
    expect(withRate(await two(4)).rate).toBeNull(); // 4 < k: suppressed
  });

  it('publishes as the service does: the audit of the same family follows the order asked, and a repeat keeps its decision', async () => {
    const p = new Publisher();
    // C = 7 hidden beside A and B; then A's total alone would give C = 141 − 74 − 60
    const byCategory = [
      { keys: ['A'], count: 60 },
      { keys: ['B'], count: 74 },
      { keys: ['C'], count: 7 },
    ];
    const first = await p.publish('members', ['CATEGORY'], byCategory);
    expect(first.cells.map((c) => c.count)).toEqual([null, 74, null]);
    expect(await p.publish('members', ['CATEGORY'], byCategory)).toBe(first);
    await expect(
      p.publish('members', [], [{ keys: [], count: 60 }], { auditFilters: { CATEGORY: ['A'] } }),
    ).rejects.toThrow(/refuses members/);
    // another family is audited apart
    const other = await p.publish('memberFlow', [], [{ keys: [], count: 60 }], {
      auditFilters: { CATEGORY: ['A'] },
    });
    expect(other.total).toBe(60);
  });
});
