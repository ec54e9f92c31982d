import { canonicalFilters, differencingRisk, suppressTable, type Cell } from '../src/statistics/disclosure';

const k = 10;
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
