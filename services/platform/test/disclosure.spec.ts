import { canonicalFilters, differencingRisk, suppressTable, type Cell } from '../src/statistics/disclosure';
import { auditedTable, decideAnswer, publishedAnswerOf, type EarlierAnswer } from '../src/statistics/guard';
import {
  auditAnswers,
  auditSingleAnswer,
  DEFAULT_AUDIT_LIMITS,
  type PublishedAnswer,
} from '../src/statistics/linear-audit';
import { seededRandom } from '../src/seeded-random';
import { leaks as attackerLeaks, type Truth } from '../../../test/support/statistics-attacker';
import {
  attackScenario,
  runAudited,
  runBeforeAudit,
  type ScenarioQuery,
} from '../../../test/support/statistics-scenarios';

const k = 10;
/** Seeds of the generated family whose scenario the method before the audit leaks. */
const ATTACK_SEEDS = [8, 13, 14, 24];
const cell = (keys: string[], count: number): Cell => ({ keys, count });
const counts = (t: ReturnType<typeof suppressTable>) => t.cells.map((c) => c.count);

/** Can a suppressed cell be recovered as (line total − published cells of its line)? */
function recoverable(t: ReturnType<typeof suppressTable>, dims: number): string[] {
  const out: string[] = [];
  const lines = new Map<string, typeof t.cells>();
  for (const c of t.cells)
    for (let d = 0; d < Math.max(1, dims); d++) {
      const key = dims <= 1 ? 'all' : `${d}|${c.keys.filter((_, i) => i !== d).join(',')}`;
      lines.set(key, [...(lines.get(key) ?? []), c]);
    }
  for (const [key, members] of lines) {
    const hidden = members.filter((c) => c.suppressed);
    if (hidden.length === 1) out.push(`${key}: ${hidden[0]!.keys.join(',')}`);
  }
  return out;
}

describe('cell suppression', () => {
  it('publishes cells of at least k and suppresses 1..k-1; zero cells stay published', () => {
    const t = suppressTable(['SEX'], [cell(['F'], 40), cell(['M'], 55), cell(['OTHER'], 0)], k);
    expect(counts(t)).toEqual([40, 55, 0]);
    expect(t.total).toBe(95);
    expect(t.suppressedCells).toBe(0);
  });

  it('one-way table: a single small cell gets a complementary cell so total − others does not reveal it', () => {
    const t = suppressTable(['SEX'], [cell(['F'], 3), cell(['M'], 55), cell(['OTHER'], 12)], k);
    expect(t.cells.map((c) => c.suppressed)).toEqual([true, false, true]); // 12 is the smallest other
    expect(t.total).toBe(70);
    expect(recoverable(t, 1)).toEqual([]);
  });

  it('two-way table: complementary suppression in every row and column, iterated', () => {
    const rows = ['A', 'B', 'C'];
    const cols = ['x', 'y', 'z'];
    const values = [
      [4, 30, 25],
      [20, 18, 40],
      [33, 26, 50],
    ];
    const cells = rows.flatMap((r, i) => cols.map((c, j) => cell([r, c], values[i]![j]!)));
    const t = suppressTable(['ROW', 'COL'], cells, k);
    // the primary cell is hidden, and no row or column has exactly one hidden cell
    expect(t.cells.find((c) => c.keys.join() === 'A,x')!.suppressed).toBe(true);
    expect(recoverable(t, 2)).toEqual([]);
    expect(t.suppressedCells).toBeGreaterThanOrEqual(4);
    // the published cells keep their values
    for (const c of t.cells)
      if (!c.suppressed) expect(c.count).toBe(values[rows.indexOf(c.keys[0]!)]![cols.indexOf(c.keys[1]!)]);
  });

  it('prefers complements that close a line over hiding large counts (a flow table with zeros)', () => {
    // fiscal year × JOIN/LEAVE: 70 joined in 2015, 5 left in 2024, nothing else
    const cells = ['2015', '2016', '2017', '2024'].flatMap((fy) => [
      cell([fy, 'JOIN'], fy === '2015' ? 70 : 0),
      cell([fy, 'LEAVE'], fy === '2024' ? 5 : 0),
    ]);
    const t = suppressTable(['FY', 'FLOW'], cells, k);
    expect(t.cells.find((c) => c.keys.join() === '2015,JOIN')).toMatchObject({
      count: 70,
      suppressed: false,
    });
    expect(t.cells.find((c) => c.keys.join() === '2024,LEAVE')!.suppressed).toBe(true);
    expect(recoverable(t, 2)).toEqual([]);
  });

  it('a total below k hides the whole table', () => {
    const t = suppressTable(['SEX'], [cell(['F'], 4), cell(['M'], 3)], k);
    expect(t.total).toBeNull();
    expect(t.cells.every((c) => c.suppressed && c.count === null)).toBe(true);
  });
});

describe('differencing control', () => {
  const q = (filters: Record<string, string>, population: number) => ({
    aggregate: 'members',
    filters,
    population,
  });

  it('refuses a population below k', () => {
    expect(differencingRisk(q({ sex: 'F' }, 9), [], k)).toMatchObject({
      refused: true,
      reason: 'POPULATION_BELOW_K',
    });
    expect(differencingRisk(q({ sex: 'F' }, 10), [], k)).toEqual({ refused: false });
  });

  it('refuses a refinement that differs from an earlier query by 1..k-1 persons (and the reverse)', () => {
    const earlier = [q({ prefectureCode: '13' }, 120)];
    expect(differencingRisk(q({ prefectureCode: '13', department: '内科' }, 119), earlier, k)).toMatchObject({
      refused: true,
      reason: 'DIFFERENCE_BELOW_K',
    });
    expect(differencingRisk(q({}, 125), earlier, k)).toMatchObject({ refused: true });
    // far enough apart, not nested, or another aggregate: answered
    expect(differencingRisk(q({ prefectureCode: '13', department: '内科' }, 60), earlier, k)).toEqual({
      refused: false,
    });
    expect(differencingRisk(q({ prefectureCode: '14' }, 118), earlier, k)).toEqual({ refused: false });
    expect(differencingRisk({ aggregate: 'memberFlow', filters: {}, population: 119 }, earlier, k)).toEqual({
      refused: false,
    });
  });

  it('canonical filters drop empty values and sort lists', () => {
    expect(canonicalFilters({ a: null, b: undefined, c: [], d: ['y', 'x'], e: 13 })).toEqual({
      d: 'x,y',
      e: '13',
    });
  });
});

/**
 * The audit of everything a requester has been answered (a suppressed cell must not be recovered
 * in two queries). The pipeline under test is the guard's own decision (`decideAnswer`: population
 * floor, nested differencing, suppression, audit: test/support/statistics-scenarios.ts); the
 * attacker is modelled independently (test/support/statistics-attacker.ts): integer bounds (HiGHS)
 * over the TRUE finest cells of a generated population, from exactly what was published.
 */
describe('audit of the published linear system', () => {
  const margin = k;
  const leaks = (t: Truth, published: PublishedAnswer[]) => attackerLeaks(t, published, k, margin);
  const runOld = (t: Truth, queries: ScenarioQuery[]) => runBeforeAudit(t, queries, k);
  const runNew = (t: Truth, queries: ScenarioQuery[]) => runAudited(t, queries, k, margin);

  it('refuses the two-query attack: A?, B 74, C?, total 141, then the total of A (60) would give C = 7', async () => {
    const truth: Truth = {
      dims: ['CATEGORY'],
      domains: [['A', 'B', 'C']],
      counts: new Map([
        ['A', 60],
        ['B', 74],
        ['C', 7],
      ]),
    };
    const queries: ScenarioQuery[] = [
      { filters: {}, groupBy: ['CATEGORY'] },
      { filters: { CATEGORY: 'A' }, groupBy: [] },
    ];
    // before the audit, both were answered and C was recovered
    expect(await leaks(truth, runOld(truth, queries))).toEqual(['C = 7 in [7, 7]']);
    const { published, refused } = await runNew(truth, queries);
    expect(published[0]!.cells).toEqual([
      { keys: ['A'], count: null },
      { keys: ['B'], count: 74 },
      { keys: ['C'], count: null },
    ]);
    expect(refused).toBe(1);
    expect(await leaks(truth, published)).toEqual([]);
  });

  it('seeded differencing attacks that broke the method before the audit: the audit leaks none', async () => {
    // the seeds of the family (disclosure-family.integration.spec.ts runs all of it) whose
    // scenario the method before the audit leaks: each a real attack, each answered without a leak
    for (const seed of ATTACK_SEEDS) {
      const outcome = await attackScenario(seed, k, margin);
      expect(outcome).toMatchObject({ seed, leakedBefore: true, leaks: [] });
      // ... and the audit does not get there by refusing everything
      expect(outcome.answered / outcome.asked).toBeGreaterThan(0.5);
    }
  });

  it('one table alone: two listed (so non-empty) hidden cells of 1 and 1 beside 139 would both be 1; more is hidden', async () => {
    const truth: Truth = {
      dims: ['CATEGORY'],
      domains: [['A', 'B', 'C']],
      counts: new Map([
        ['A', 1],
        ['B', 139],
        ['C', 1],
      ]),
    };
    const queries: ScenarioQuery[] = [{ filters: {}, groupBy: ['CATEGORY'] }];
    expect(await leaks(truth, runOld(truth, queries))).toEqual(['A = 1 in [1, 1]', 'C = 1 in [1, 1]']);
    const { published, refused } = await runNew(truth, queries);
    expect(refused).toBe(0);
    // B is hidden too: A and C are each somewhere in 1..139
    expect(published[0]!.cells.map((c) => c.count)).toEqual([null, null, null]);
    expect(published[0]!.total).toBe(141);
    expect(await leaks(truth, published)).toEqual([]);
  });

  it('one answer alone: the exact formula agrees with the solver on generated tables', async () => {
    const r = seededRandom(7);
    let unsafe = 0;
    for (let n = 0; n < 30; n++) {
      const rows = 1 + Math.floor(r() * 4);
      const cols = 1 + Math.floor(r() * 3);
      const cells: Cell[] = [];
      for (let i = 0; i < rows; i++)
        for (let j = 0; j < cols; j++) {
          const x = r();
          const count = x < 0.2 ? 0 : x < 0.55 ? 1 + Math.floor(r() * 9) : 10 + Math.floor(r() * 30);
          if (count) cells.push({ keys: [`r${i}`, `c${j}`], count });
        }
      const table = suppressTable(['R', 'C'], cells, k);
      const answer = publishedAnswerOf({}, table, false);
      const exact = auditSingleAnswer(answer, k, margin);
      const solved = await auditAnswers([answer], k, margin);
      expect({ n, safe: exact.safe }).toEqual({ n, safe: solved.safe });
      unsafe += exact.safe ? 0 : 1;
    }
    // both verdicts occur among them
    expect(unsafe).toBeGreaterThan(0);
    expect(unsafe).toBeLessThan(30);
  });

  it('tables over different dimensions are audited one by one: three marginals of a national population stay within bounds', async () => {
    // category, age band × sex and prefecture: their joint atoms (13 × 17 × 48) are far beyond
    // maxAtoms, but tables that share no dimension are tied only by the published total
    const categories = Array.from({ length: 12 }, (_, i) => `C${i}`);
    const bands = ['<30', '30-39', '40-49', '50-59', '60-69', '70-79', '80+', '(none)'];
    const prefectures = Array.from({ length: 47 }, (_, i) => String(i + 1).padStart(2, '0'));
    const categoryCells = categories.map((c, i) => cell([c], i === 11 ? 4 : 200 + i * 37));
    const sexCells = bands.flatMap((b, i) => [
      cell([b, 'F'], 40 + i * 11),
      cell([b, 'M'], i === 7 ? 3 : 300 + i * 17),
    ]);
    const prefectureCells = prefectures.map((p, i) => cell([p], i === 30 ? 6 : 30 + i * 3));
    // one population: scale the last cell of each table so all totals agree
    const totalOf = (cs: Cell[]) => cs.reduce((s, c) => s + c.count, 0);
    const population = Math.max(totalOf(categoryCells), totalOf(sexCells), totalOf(prefectureCells)) + 100;
    for (const cs of [categoryCells, sexCells, prefectureCells]) cs[0]!.count += population - totalOf(cs);
    const previous: EarlierAnswer[] = [];
    for (const [dims, cells] of [
      [['CATEGORY'], categoryCells],
      [['AGE_BAND', 'SEX'], sexCells],
      [['PREFECTURE'], prefectureCells],
    ] as const) {
      const d = await decideAnswer(
        previous,
        { aggregate: 'members', filters: {}, logged: {}, population, auditFilters: {} },
        [...dims],
        [...cells],
        { k, margin },
      );
      expect(d.refused).toBeNull();
      // the audit adds nothing to plain suppression here: no combination is confined
      expect(d.table).toEqual(suppressTable([...dims], [...cells], k));
      previous.push({ filters: {}, population, published: publishedAnswerOf({}, d.table!, false) });
    }
  }, 60_000);

  it('a combination across tables of different dimensions is still audited (Fréchet bounds): A holds all but 9, Tokyo 12', async () => {
    // A ∧ Tokyo ≥ 91 + 12 − 100 = 3 and ≤ 12: a count of 3..12 confined to an interval of 9 < margin
    const byCategory: PublishedAnswer = {
      filters: {},
      dimensions: ['CATEGORY'],
      cells: [
        { keys: ['A'], count: 91 },
        { keys: ['B'], count: null },
        { keys: ['C'], count: null },
      ],
      total: 100,
      zerosListed: true,
    };
    const byPrefecture: PublishedAnswer = {
      filters: {},
      dimensions: ['PREFECTURE'],
      cells: [
        { keys: ['13'], count: 12 },
        { keys: ['27'], count: 88 },
      ],
      total: 100,
    };
    expect(await auditAnswers([byCategory], k, margin)).toMatchObject({ safe: true });
    expect(await auditAnswers([byPrefecture], k, margin)).toMatchObject({ safe: true });
    expect(await auditAnswers([byCategory, byPrefecture], k, margin)).toMatchObject({
      safe: false,
      reason: 'COMBINATION_BELOW_K',
      cell: { CATEGORY: 'A', PREFECTURE: '13' },
    });
    // with A at 90 (all but 10), the same tables are safe: A ∧ Tokyo ∈ [2, 12]
    const lessSkewed = {
      ...byCategory,
      cells: [
        { keys: ['A'], count: 80 },
        { keys: ['B'], count: 10 },
        { keys: ['C'], count: 10 },
      ],
    };
    expect(await auditAnswers([lessSkewed, byPrefecture], k, margin)).toMatchObject({ safe: true });
  });

  it('fails closed beyond its bounds: more atoms than allowed is a refusal, not an unaudited answer', async () => {
    const wide: PublishedAnswer = {
      filters: {},
      dimensions: ['X', 'Y'],
      // one small cell: suppression hides it and its complements, so the audit has to run
      cells: Array.from({ length: 40 }, (_, i) => ({ keys: [`x${i % 20}`, `y${i}`], count: i ? 10 : 3 })),
      total: 393,
    };
    const verdict = await auditAnswers([wide], k, margin, { ...DEFAULT_AUDIT_LIMITS, maxAtoms: 30 });
    expect(verdict).toMatchObject({ safe: false, reason: 'AUDIT_LIMIT' });
    // (one answer alone needs no solver: with an earlier answer, the solver's bounds apply)
    const table = suppressTable(['X', 'Y'], wide.cells as Cell[], k);
    const earlier: PublishedAnswer = {
      filters: {},
      dimensions: [],
      cells: [{ keys: [], count: 393 }],
      total: 393,
    };
    expect(
      await auditedTable([earlier], {}, table, k, margin, { ...DEFAULT_AUDIT_LIMITS, maxAtoms: 30 }),
    ).toMatchObject({ refused: 'AUDIT_LIMIT' });
  });
});
