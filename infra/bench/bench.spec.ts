import { canonical } from './expected';
import { AnswerChecker, percentiles } from './load';
import { checkTargets, markdownSummary, type BenchResults } from './report';
import { hasStatistics, missingWorkloads } from './workloads';
import type { RunResult } from './load';

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

  it('computes the ratios of issue 11 and says which are met', () => {
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

  it('checks W6 (answer time one at a time, gateway / the same SQL, p50 ≤ 1.5×) and the scale probes', () => {
    const withW6: BenchResults = {
      ...results,
      workloads: [
        ...results.workloads,
        {
          id: 'W6',
          title: 'w6',
          status: 'ran',
          targets: [
            {
              target: 'gateway',
              sequential: run({ latencyMs: { p50: 16, p95: 20, p99: 30, mean: 16, max: 40 } }),
              rate: run({ latencyMs: { p50: 24, p95: 30, p99: 40, mean: 24, max: 50 } }),
            },
            {
              target: 'sql-rls',
              sequential: run({ latencyMs: { p50: 10, p95: 12, p99: 15, mean: 10, max: 20 } }),
              rate: run({ latencyMs: { p50: 20, p95: 25, p99: 30, mean: 20, max: 40 } }),
            },
            { target: 'floor', rate: run({ latencyMs: { p50: 9, p95: 11, p99: 14, mean: 9, max: 19 } }) },
          ],
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
    expect(by('W6 analytics aggregate answer time')).toMatchObject({ ratio: 1.6, met: false });
    expect(by('W6 the same, p99')).toMatchObject({ ratio: 2 });
    expect(by('W6 the same at the fixed rate')).toMatchObject({ ratio: 1.2, met: null });
    expect(by('member page with trainingSummary').met).toBe(true);
    expect(by('people(search').met).toBe(false);
    expect(markdownSummary({ ...withW6, checks })).toContain('| 500 | 9 | 3 |');
  });

  it('writes a markdown summary with the checks and every target', () => {
    const md = markdownSummary({ ...results, checks: checkTargets(results) });
    expect(md).toContain('| W1 gateway / direct, p99 | ≤ 1.5× | 8 ms / 4 ms | 2.00× | **no** |');
    expect(md).toContain('| W3 w3 | hive |');
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

  it('notices when the fields exist', () => {
    const sdl =
      'type Mutation {\n  recordAttendance(input: X!): Y\n}\ntype Query {\n  statistics: Statistics\n}\n';
    const missing = missingWorkloads(sdl);
    expect(missing[0]!.reason).toMatch(/Mutation\.recordAttendance exists/);
    // W6 is wired (run.ts) once Query.statistics exists: it is no longer reported missing
    expect(missing.map((w) => w.id)).toEqual(['W4']);
    expect(hasStatistics(sdl)).toBe(true);
  });
});
