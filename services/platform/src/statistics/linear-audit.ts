import loadHighs from 'highs';
import { seededRandom } from '../seeded-random';

/**
 * Audit of the published linear system (statistical disclosure control's "audit" / interval
 * protection, Fischetti & Salazar-González): everything one requester has been answered about
 * one aggregate family of one population, taken together, must not confine the count of any
 * conjunction cell (a combination of dimension values — any cell some query could ask for) to an
 * interval [lo, hi] with 1 ≤ lo ≤ k−1 and hi − lo < margin.
 *
 * Model. The unknowns are the counts of the ATOMS: the finest cells over every dimension any of
 * the answers filters or groups by, each dimension's values being those seen in the answers plus
 * one OTHER value (every value not seen). Counts are non-negative integers. Each answer gives
 *  - for every published cell: Σ atoms of (its filters ∧ its keys) = count (a published zero, or a
 *    combination the answer does not list — answers list every non-empty combination —, fixes its
 *    atoms to zero and removes them);
 *  - for a published total: Σ atoms of its filters = total;
 *  - for a suppressed cell of an answer that lists non-empty combinations only: Σ atoms ≥ 1.
 * Beyond that, suppressed cells and totals give nothing (not "small": what every cell-suppression
 * method tells by suppressing is not modelled, as in the standard audit).
 *
 * Method. Bounds of a cell are exact INTEGER bounds, min and max of Σ atoms of the cell over the
 * integer points of the system, by mixed-integer programming (HiGHS, WebAssembly). Most cells are
 * settled without a solve: a feasible integer point where the cell is 0 (a "witness": a few are
 * computed up front with random objectives, and every solve adds its optimum) proves lo = 0; a
 * published count ≥ k inside the cell proves lo ≥ k; a witness with the cell ≥ lo + margin proves
 * the width. The rest cost one or two solves each.
 *
 * Bounded work (fail closed): at most `maxAtoms` atoms, `maxQuantities` cells and `maxSolves`
 * solves within `timeBudgetMs`; beyond any of them the answer is refused (AUDIT_LIMIT), never
 * published unaudited.
 *
 * Length: one algorithm (`auditJoint`: atoms, equations, witnesses, solves, bounds) whose steps
 * share the same atom and witness structures; it stays in one file, read top to bottom with this
 * comment. disclosure.spec.ts checks it on generated scenarios (no leak, answers kept).
 */

/** The value of a dimension no answer has named (all the unnamed values together). */
const OTHER_VALUE = '\u0000other';
const SEP = '\u0001';

/** One published answer, in the audit's terms. */
export interface PublishedAnswer {
  /** Dimension → the values the answer is restricted to (a filter); absent: unrestricted. */
  filters: Record<string, string[]>;
  /** The group-by dimensions, in the order of each cell's keys. */
  dimensions: string[];
  /** Every non-empty combination (zero cells may be listed); null = suppressed. */
  cells: { keys: string[]; count: number | null }[];
  /** The published total over the filtered population; null = suppressed. */
  total: number | null;
  /**
   * Whether the answer lists empty combinations too (a fixed list of keys, e.g. fiscal years ×
   * JOIN/LEAVE). When not, a listed cell is known to be non-empty, even when suppressed.
   */
  zerosListed?: boolean;
}

export interface AuditLimits {
  maxAtoms: number;
  maxQuantities: number;
  maxSolves: number;
  timeBudgetMs: number;
}

/** Dimensions whose unnamed values may or may not exist, audited both ways (2^n worlds). */
const MAX_OPEN_DIMENSIONS = 4;

export const DEFAULT_AUDIT_LIMITS: AuditLimits = {
  maxAtoms: 2000,
  maxQuantities: 20000,
  maxSolves: 150,
  timeBudgetMs: 10000,
};

export type AuditVerdict =
  | {
      safe: true;
      atoms: number;
      quantities: number;
      solves: number;
      /** Some combination of values holds all but fewer than `margin` of the population. */
      nearAll?: boolean;
    }
  | {
      safe: false;
      reason: 'COMBINATION_BELOW_K';
      /** The exposed cell: dimension → value (absent: any value). */
      cell: Record<string, string>;
      interval: [number, number];
    }
  | { safe: false; reason: 'AUDIT_LIMIT'; detail: string }
  | { safe: false; reason: 'INCONSISTENT' };

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let highsPromise: Promise<Highs> | undefined;
const highs = () => (highsPromise ??= loadHighs());

interface Row {
  atoms: number[];
  value: number;
  /** `=` (a published count) or `>=` (a listed, suppressed, non-empty cell: at least 1). */
  sense: '=' | '>=';
}

/**
 * Audit a requester's answers of one aggregate family of one population (the candidate answer
 * last). `k`: the smallest count that may be confined; `margin`: the narrowest interval a small
 * count may be confined to.
 */
export async function auditAnswers(
  answers: readonly PublishedAnswer[],
  k: number,
  margin: number,
  limits: AuditLimits = DEFAULT_AUDIT_LIMITS,
): Promise<AuditVerdict> {
  const budget: Budget = { started: Date.now(), solves: 0 };
  const components = dimensionComponents(answers);
  if (components.length > 1) {
    const wholeTotals = answers.filter((a) => Object.keys(a.filters).length === 0 && a.total !== null);
    const population = wholeTotals[0]?.total;
    if (population !== undefined && population !== null) {
      if (wholeTotals.some((a) => a.total !== population)) return { safe: false, reason: 'INCONSISTENT' };
      const total: PublishedAnswer = {
        filters: {},
        dimensions: [],
        cells: [{ keys: [], count: population }],
        total: population,
      };
      let atoms = 0;
      let quantities = 0;
      let nearAll = false;
      for (const component of components) {
        const verdict = await auditJoint([...component, total], k, margin, limits, budget, population);
        if (!verdict.safe) return verdict;
        atoms += verdict.atoms;
        quantities += verdict.quantities;
        nearAll ||= !!verdict.nearAll;
      }
      if (!nearAll) return { safe: true, atoms, quantities, solves: budget.solves };
    }
  }
  return auditJoint(answers, k, margin, limits, budget);
}

/**
 * The answers in groups that share no dimension (answers without any dimension — totals of the
 * whole population — belong to none). Groups that share no dimension are tied together only by
 * the population's size N: when N is published, every combination of tables consistent with N is
 * possible, so a combination C = C1 ∧ … ∧ Cm of cells of different groups has the exact bounds
 * max(0, Σ lo(Ci) − (m−1)·N) and min hi(Ci) (Fréchet). Its lower bound is positive only when all
 * but one of the Ci hold nearly everyone: each unsafe C needs, for every part but the one with the
 * smallest upper bound, N − lo(Ci) < margin. So the groups are audited one by one (each with N),
 * and only when some group has such a near-everyone cell is the whole system audited together.
 */
function dimensionComponents(answers: readonly PublishedAnswer[]): PublishedAnswer[][] {
  const parent = new Map<string, string>();
  const find = (d: string): string => {
    const p = parent.get(d) ?? d;
    if (p === d) return d;
    const root = find(p);
    parent.set(d, root);
    return root;
  };
  const dimsOf = (a: PublishedAnswer) => [...new Set([...Object.keys(a.filters), ...a.dimensions])];
  for (const a of answers) {
    const ds = dimsOf(a);
    for (const d of ds) if (!parent.has(d)) parent.set(d, d);
    for (const d of ds.slice(1)) parent.set(find(d), find(ds[0]!));
  }
  const groups = new Map<string, PublishedAnswer[]>();
  for (const a of answers) {
    const ds = dimsOf(a);
    if (ds.length === 0) continue;
    const root = find(ds[0]!);
    groups.set(root, [...(groups.get(root) ?? []), a]);
  }
  return [...groups.values()];
}

/** The work done so far for one answer (shared by the audits of its groups). */
interface Budget {
  started: number;
  solves: number;
}

/**
 * The audit of a system of answers as one (the method above). With `population` (N, published),
 * a safe verdict also says whether some combination of values is known to hold all but fewer than
 * `margin` persons (`nearAll`: see dimensionComponents).
 */
async function auditJoint(
  answers: readonly PublishedAnswer[],
  k: number,
  margin: number,
  limits: AuditLimits,
  budget: Budget,
  population?: number,
): Promise<AuditVerdict> {
  const started = budget.started;
  const dims = [...new Set(answers.flatMap((a) => [...Object.keys(a.filters), ...a.dimensions]))].sort();
  const dimIndex = new Map(dims.map((d, i) => [d, i]));
  const domains = dims.map((d) => {
    const values = new Set<string>();
    for (const a of answers) {
      for (const v of a.filters[d] ?? []) values.add(v);
      const at = a.dimensions.indexOf(d);
      if (at >= 0) for (const c of a.cells) values.add(c.keys[at]!);
    }
    values.delete(OTHER_VALUE);
    return [...[...values].sort(), OTHER_VALUE];
  });

  // Each answer as index tests over atom tuples (value indexes per dimension).
  const compiled = answers.map((a) => {
    const filter = Object.entries(a.filters).map(([d, vs]) => {
      const i = dimIndex.get(d)!;
      const allowed = new Set(vs.map((v) => domains[i]!.indexOf(v)));
      return { i, allowed };
    });
    const groupDims = a.dimensions.map((d) => dimIndex.get(d)!);
    const positive = new Map<string, number | null>();
    const nonEmpty = !a.zerosListed;
    for (const c of a.cells) {
      const key = c.keys.map((v, j) => domains[groupDims[j]!]!.indexOf(v)).join(SEP);
      if (c.count !== 0) positive.set(key, c.count);
    }
    const used = [...filter.map((f) => f.i), ...groupDims];
    const last = used.length ? Math.max(...used) : -1;
    return { filter, groupDims, positive, nonEmpty, total: a.total, last };
  });
  const inFilter = (c: (typeof compiled)[number], t: number[]) =>
    c.filter.every((f) => f.allowed.has(t[f.i]!));
  const keyOf = (c: (typeof compiled)[number], t: number[]) => c.groupDims.map((i) => t[i]!).join(SEP);

  // Atoms, depth first, pruning every prefix an answer already shows to be empty.
  const allAtoms: number[][] = [];
  const byDepth = dims.map((_, i) => compiled.filter((c) => c.last === i));
  const prefix: number[] = [];
  let tooMany = false;
  const walk = (depth: number) => {
    if (tooMany) return;
    if (depth === dims.length) {
      if (allAtoms.length >= limits.maxAtoms) tooMany = true;
      else allAtoms.push([...prefix]);
      return;
    }
    for (let v = 0; v < domains[depth]!.length; v++) {
      prefix[depth] = v;
      const empty = byDepth[depth]!.some((c) => inFilter(c, prefix) && !c.positive.has(keyOf(c, prefix)));
      if (!empty) walk(depth + 1);
    }
  };
  // an answer that constrains no dimension (a total of the whole population) has no depth
  const zeroWhole = compiled.some((c) => c.last === -1 && c.groupDims.length === 0 && c.positive.size === 0);
  if (!zeroWhole) walk(0);
  if (tooMany) return { safe: false, reason: 'AUDIT_LIMIT', detail: `more than ${limits.maxAtoms} atoms` };

  /**
   * Worlds. OTHER stands for the values no answer has named; the requester may know that there are
   * none (a closed list such as sex or age band, all of whose values were named). For every
   * dimension whose OTHER cells are still open, both are audited: with OTHER, and with OTHER known
   * empty — every combination (at most 2^maxOpenDimensions) —, a world whose answers cannot all
   * hold is not the real one and is skipped; a cell exposed in any world is refused.
   */
  const solver = await highs();
  const counter = budget;
  const open = dims.map((_, d) => d).filter((d) => allAtoms.some((t) => t[d] === domains[d]!.length - 1));
  if (open.length > MAX_OPEN_DIMENSIONS)
    return { safe: false, reason: 'AUDIT_LIMIT', detail: `more than ${MAX_OPEN_DIMENSIONS} open dimensions` };
  let result: AuditVerdict | undefined;
  for (let w = 0; w < 1 << open.length; w++) {
    const closed = open.filter((_, j) => w & (1 << j));
    const atoms = allAtoms.filter((t) => closed.every((d) => t[d] !== domains[d]!.length - 1));
    const verdict = await auditWorld(atoms);
    if (!verdict.safe && verdict.reason === 'INCONSISTENT' && w > 0) continue;
    if (!verdict.safe) return verdict;
    const nearAll = (result?.safe && result.nearAll) || verdict.nearAll;
    result = { ...verdict, atoms: allAtoms.length, nearAll: !!nearAll };
  }
  return result!;

  async function auditWorld(atoms: number[][]): Promise<AuditVerdict> {
    // Equations.
    const rowsByKey = new Map<string, Row>();
    const addRow = (list: number[], value: number): boolean => {
      if (list.length === 0) return value === 0;
      const key = list.join(',');
      const seen = rowsByKey.get(key);
      if (seen?.sense === '=') return seen.value === value;
      rowsByKey.set(key, { atoms: list, value, sense: '=' });
      return true;
    };
    const nonEmpty = (list: number[]) => {
      if (list.length === 0) return false;
      const key = list.join(',');
      if (!rowsByKey.has(key)) rowsByKey.set(key, { atoms: list, value: 1, sense: '>=' });
      return true;
    };
    for (const c of compiled) {
      const members = atoms.map((t, i) => (inFilter(c, t) ? i : -1)).filter((i) => i >= 0);
      if (c.total !== null && !addRow(members, c.total)) return { safe: false, reason: 'INCONSISTENT' };
      const cells = new Map<string, number[]>();
      for (const i of members) {
        const key = keyOf(c, atoms[i]!);
        const list = cells.get(key);
        if (list) list.push(i);
        else cells.set(key, [i]);
      }
      for (const [key, count] of c.positive) {
        if (count === null) {
          if (c.nonEmpty && !nonEmpty(cells.get(key) ?? [])) return { safe: false, reason: 'INCONSISTENT' };
          continue;
        }
        if (!addRow(cells.get(key) ?? [], count)) return { safe: false, reason: 'INCONSISTENT' };
      }
    }
    const rows = [...rowsByKey.values()];

    // Conjunction cells: every atom counts towards 2^dims of them (each subset of its dimensions).
    const quantities = new Map<string, number[]>();
    const subsets = 1 << dims.length;
    for (let i = 0; i < atoms.length; i++) {
      for (let s = 0; s < subsets; s++) {
        const key = atoms[i]!.map((v, d) => (s & (1 << d) ? v : '*')).join(SEP);
        const list = quantities.get(key);
        if (list) list.push(i);
        else {
          if (quantities.size >= limits.maxQuantities)
            return { safe: false, reason: 'AUDIT_LIMIT', detail: `more than ${limits.maxQuantities} cells` };
          quantities.set(key, [i]);
        }
      }
    }

    const constraints = rows.map(
      (r, j) => ` r${j}: ${r.atoms.map((i) => `x${i}`).join(' + ')} ${r.sense} ${r.value}`,
    );
    const generals = atoms.map((_, i) => `x${i}`);
    const lp = (sense: 'Minimize' | 'Maximize', objective: string) =>
      `${sense}\n obj: ${objective}\nSubject To\n${constraints.length ? constraints.join('\n') : ' r0: x0 >= 0'}\nGeneral\n ${generals.join(' ')}\nEnd`;
    const overBudget = () => counter.solves >= limits.maxSolves || Date.now() - started > limits.timeBudgetMs;
    const witnesses: number[][] = [];
    const solve = (sense: 'Minimize' | 'Maximize', objective: string) => {
      counter.solves++;
      const r = solver.solve(lp(sense, objective), {
        output_flag: false,
        time_limit: Math.max(1, (limits.timeBudgetMs - (Date.now() - started)) / 1000),
        mip_rel_gap: 0,
      });
      if (r.Status === 'Optimal') {
        const point = atoms.map((_, i) => Math.round(r.Columns[`x${i}`]?.Primal ?? 0));
        witnesses.push(point);
        return { status: 'optimal' as const, value: Math.round(r.ObjectiveValue), point };
      }
      if (r.Status === 'Infeasible') return { status: 'infeasible' as const };
      if (r.Status === 'Unbounded' || r.Status === 'Primal infeasible or unbounded')
        return { status: 'unbounded' as const };
      return { status: 'failed' as const, detail: r.Status };
    };

    if (atoms.length === 0) return { safe: true, atoms: 0, quantities: 0, solves: counter.solves };
    // witnesses: minimise random positive weights (sparse integer points)
    // a deterministic generator: the audit is reproducible
    const rnd = seededRandom(0x5eed ^ atoms.length ^ (rows.length << 12));
    for (let w = 0; w < 3; w++) {
      const r = solve('Minimize', atoms.map((_, i) => `${1 + Math.floor(rnd() * 97)} x${i}`).join(' + '));
      if (r.status === 'infeasible') return { safe: false, reason: 'INCONSISTENT' };
      if (r.status !== 'optimal')
        return { safe: false, reason: 'AUDIT_LIMIT', detail: `solver: ${r.status}` };
    }

    const sumOver = (point: number[], list: number[]) => list.reduce((s, i) => s + point[i]!, 0);
    const marks = new Uint8Array(atoms.length);
    const containsPublished = (list: number[]) => {
      marks.fill(0);
      for (const i of list) marks[i] = 1;
      return rows.some((r) => r.sense === '=' && r.value >= k && r.atoms.every((i) => marks[i]));
    };
    const describe = (key: string): Record<string, string> => {
      const out: Record<string, string> = {};
      key.split(SEP).forEach((v, d) => {
        if (v === '*') return;
        const value = domains[d]![Number(v)]!;
        out[dims[d]!] = value === OTHER_VALUE ? '(other)' : value;
      });
      return out;
    };

    const limit = (): AuditVerdict => ({
      safe: false,
      reason: 'AUDIT_LIMIT',
      detail: `more than ${limits.maxSolves} solves or ${limits.timeBudgetMs} ms`,
    });
    for (const [key, list] of quantities) {
      // every witness is a feasible point: lo ≤ its smallest value, hi ≥ its largest
      const values = witnesses.map((w) => sumOver(w, list));
      const low = Math.min(...values);
      if (low === 0 || Math.max(...values) - low >= margin) continue;
      if (containsPublished(list)) continue;
      if (overBudget()) return limit();
      const objective = list.map((i) => `x${i}`).join(' + ');
      const max = solve('Maximize', objective);
      if (max.status === 'unbounded') continue;
      if (max.status !== 'optimal')
        return { safe: false, reason: 'AUDIT_LIMIT', detail: `solver: ${max.status}` };
      if (max.value - low >= margin) continue;
      if (overBudget()) return limit();
      const min = solve('Minimize', objective);
      if (min.status !== 'optimal')
        return { safe: false, reason: 'AUDIT_LIMIT', detail: `solver: ${min.status}` };
      const lo = min.value;
      if (lo === 0 || lo >= k) continue;
      if (max.value - lo < margin)
        return { safe: false, reason: 'COMBINATION_BELOW_K', cell: describe(key), interval: [lo, max.value] };
    }
    const nearAll = population === undefined ? false : await holdsNearlyAll(population);
    if (nearAll === null) return limit();
    return { safe: true, atoms: atoms.length, quantities: quantities.size, solves: counter.solves, nearAll };

    /** Whether some combination (not the whole population) has lo > N − margin; null: over budget. */
    async function holdsNearlyAll(n: number): Promise<boolean | null> {
      const everyone = dims.map(() => '*').join(SEP);
      for (const [key, list] of quantities) {
        if (key === everyone) continue;
        if (witnesses.some((w) => sumOver(w, list) <= n - margin)) continue;
        if (overBudget()) return null;
        const min = solve('Minimize', list.map((i) => `x${i}`).join(' + '));
        if (min.status !== 'optimal') return null;
        if (min.value > n - margin) return true;
      }
      return false;
    }
  }
}

/**
 * One answer alone (nothing published before), exactly and without a solver. Its system is: the
 * published cells (each 0 or at least k), the hidden cells (each ≥ 1 when the answer lists
 * non-empty combinations only, else ≥ 0), and the total (when published: the hidden cells sum to
 * H = total − published cells). A combination of dimension values (within the answer's filters;
 * outside them nothing is known) is a set of the answer's cells: published part P, h of the n
 * hidden cells; lo = P + h·b and hi = P + H − (n − h)·b (b the hidden cells' floor; hi unbounded
 * without a total), and lo = hi = P when h = 0.
 */
export function auditSingleAnswer(answer: PublishedAnswer, k: number, margin: number): AuditVerdict {
  const b = answer.zerosListed ? 0 : 1;
  const dims = answer.dimensions;
  const published = answer.cells.filter((c) => c.count !== null).reduce((s, c) => s + c.count!, 0);
  const hiddenCells = answer.cells.filter((c) => c.count === null);
  const n = hiddenCells.length;
  const H = answer.total === null ? null : answer.total - published;
  if (H !== null && H < n * b) return { safe: false, reason: 'INCONSISTENT' };
  const groups = new Map<string, { p: number; h: number; cell: Record<string, string> }>();
  for (let s = 0; s < 1 << dims.length; s++)
    for (const c of answer.cells) {
      const cell: Record<string, string> = {};
      dims.forEach((d, i) => {
        if (s & (1 << i)) cell[d] = c.keys[i]!;
      });
      const key = `${s}|${JSON.stringify(cell)}`;
      const g = groups.get(key) ?? { p: 0, h: 0, cell };
      if (c.count === null) g.h++;
      else g.p += c.count;
      groups.set(key, g);
    }
  for (const { p, h, cell } of groups.values()) {
    const lo = p + h * b;
    const hi = h === 0 ? p : H === null ? Infinity : p + H - (n - h) * b;
    if (lo >= 1 && lo <= k - 1 && hi - lo < margin)
      return { safe: false, reason: 'COMBINATION_BELOW_K', cell: { ...cell }, interval: [lo, hi] };
  }
  return { safe: true, atoms: answer.cells.length, quantities: groups.size, solves: 0 };
}
