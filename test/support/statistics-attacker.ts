import loadHighs from 'highs';
import type { PublishedAnswer } from '../../services/platform/src/statistics/linear-audit';

/**
 * An attacker of aggregate statistics, independent of the audit it tests: it knows the TRUE
 * finest cells of a population (every value of every dimension, so also which values exist) and
 * everything that was published to it, and computes integer bounds (HiGHS) of every combination
 * of dimension values whose true count is 1..k-1. A leak: such a cell is known to be non-empty
 * (lo ≥ 1) and confined to fewer than `margin` + 1 values.
 *
 * What it takes from an answer: each published count (an equation), each combination an answer
 * does not list or lists as 0 (empty), each listed hidden cell (non-empty: these answers list
 * non-empty combinations only), each published total.
 */
export interface Truth {
  dims: string[];
  domains: string[][];
  /** Atom (values joined by '|') → count. */
  counts: Map<string, number>;
}

export const product = (domains: string[][]): string[][] =>
  domains.reduce<string[][]>((acc, d) => acc.flatMap((p) => d.map((v) => [...p, v])), [[]]);

type Highs = Awaited<ReturnType<typeof loadHighs>>;
/** One HiGHS instance per test file (loading the WebAssembly module costs more than a solve). */
let highsInstance: Promise<Highs> | undefined;
const highs = () => (highsInstance ??= loadHighs());

/**
 * `firstOnly`: stop at the first leak found (enough to tell whether a method leaks at all).
 *
 * Solves are the cost (each one parses and presolves the model): every optimal point a solve
 * returns is a feasible integer point of the same system, so its value over a combination bounds
 * that combination's interval (lo ≤ value ≤ hi). A combination some known point puts at 0
 * (lo = 0), or that two known points put at least `margin` apart, cannot be a leak and is passed
 * over without a solve; the leaks found are the same.
 */
export async function leaks(
  t: Truth,
  published: PublishedAnswer[],
  k: number,
  margin: number,
  { firstOnly = false }: { firstOnly?: boolean } = {},
) {
  const solver = await highs();
  const atoms = product(t.domains);
  const rows: string[] = [];
  const zero = new Set<number>();
  for (const p of published) {
    const inF = atoms
      .map((a, i) => [a, i] as const)
      .filter(([a]) => Object.entries(p.filters).every(([d, vs]) => vs.includes(a[t.dims.indexOf(d)]!)));
    const keyOf = (a: string[]) => p.dimensions.map((d) => a[t.dims.indexOf(d)]).join('|');
    const listed = new Map(p.cells.map((c) => [c.keys.join('|'), c.count]));
    for (const [a, i] of inF) if (!listed.has(keyOf(a)) || listed.get(keyOf(a)) === 0) zero.add(i);
    if (p.total !== null && inF.length) rows.push(`${inF.map(([, i]) => `x${i}`).join(' + ')} = ${p.total}`);
    for (const c of p.cells) {
      const members = inF.filter(([a]) => keyOf(a) === c.keys.join('|'));
      if (!members.length) continue;
      const sum = members.map(([, i]) => `x${i}`).join(' + ');
      rows.push(c.count === null ? `${sum} >= 1` : `${sum} = ${c.count}`);
    }
  }
  const bounds = atoms.map((_, i) => (zero.has(i) ? ` x${i} = 0` : ` x${i} >= 0`)).join('\n');
  const constraints = rows.length ? rows.map((r, j) => ` c${j}: ${r}`).join('\n') : ' c0: x0 >= 0';
  const model = (sense: string, obj: string) =>
    `${sense}\n obj: ${obj}\nSubject To\n${constraints}\nBounds\n${bounds}\nGeneral\n ${atoms.map((_, i) => `x${i}`).join(' ')}\nEnd`;
  const points: number[][] = [];
  const solve = (sense: string, obj: string) => {
    const r = solver.solve(model(sense, obj), { output_flag: false });
    if (r.Status === 'Optimal') points.push(atoms.map((_, i) => Math.round(r.Columns[`x${i}`]?.Primal ?? 0)));
    return r;
  };
  const found: string[] = [];
  // every combination: each dimension either any value ('*') or one value
  for (const pattern of product(t.domains.map((d) => ['*', ...d]))) {
    const members = atoms
      .map((a, i) => (pattern.every((v, d) => v === '*' || a[d] === v) ? i : -1))
      .filter((i) => i >= 0);
    const truth = members.reduce((s, i) => s + (t.counts.get(atoms[i]!.join('|')) ?? 0), 0);
    if (truth < 1 || truth >= k) continue;
    const known = points.map((p) => members.reduce((s, i) => s + p[i]!, 0));
    if (known.length && (Math.min(...known) === 0 || Math.max(...known) - Math.min(...known) >= margin))
      continue;
    const obj = members.map((i) => `x${i}`).join(' + ');
    const lo = solve('Minimize', obj);
    if (lo.Status !== 'Optimal') throw new Error(`attacker model: ${lo.Status}`);
    const low = Math.round(lo.ObjectiveValue);
    if (low < 1) continue;
    if (known.length && Math.max(...known) - low >= margin) continue;
    const hi = solve('Maximize', obj);
    const high = hi.Status === 'Optimal' ? Math.round(hi.ObjectiveValue) : Infinity;
    if (high - low < margin) {
      found.push(`${pattern.join(',')} = ${truth} in [${low}, ${high}]`);
      if (firstOnly) break;
    }
  }
  return found;
}
