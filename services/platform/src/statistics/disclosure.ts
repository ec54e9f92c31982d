/**
 * Statistical disclosure control for aggregate statistics (the source document allows
 * statistics "that identify no individual"). Two mechanisms, both documented in README.md
 * ("Analytics: disclosure control"):
 *
 * 1. Cell suppression. A count below k (0 < n < k) is suppressed (primary). Then complementary
 *    suppression: in every line of the table (each row and each column of a two-way table, the
 *    single line of a one-way table) that has exactly one suppressed cell, a second cell is
 *    suppressed too — the smallest remaining non-zero cell, else the smallest cell — and this is
 *    repeated until no line has exactly one suppressed cell. Totals are published; with at least
 *    two cells hidden in every line that hides any, a hidden cell cannot be recovered as
 *    total − visible cells. A total below k is itself suppressed (and then its line's cells too).
 * 2. Differencing control (query level), see `differencingRisk`.
 * 3. The audit of everything a requester has been answered about one aggregate of one population,
 *    as one linear system (`linear-audit.ts`), run on every new answer by the guard.
 */

export interface Cell {
  /** The value of each group-by dimension, in the order of the table's dimensions. */
  keys: string[];
  count: number;
}

export interface PublishedCell {
  keys: string[];
  /** null when suppressed. */
  count: number | null;
  suppressed: boolean;
}

export interface PublishedTable {
  dimensions: string[];
  cells: PublishedCell[];
  /** The total over all cells (null when below k). */
  total: number | null;
  suppressedCells: number;
  k: number;
}

const lineKey = (cell: Cell, dim: number) => `${dim}|${cell.keys.filter((_, i) => i !== dim).join('\u0000')}`;

/**
 * Suppress a one- or two-dimensional table of counts. `cells` must list every combination that
 * exists in the population (zero cells may be left out). More than two dimensions: every line
 * along every dimension is protected the same way.
 */
export function suppressTable(dimensions: string[], cells: Cell[], k: number): PublishedTable {
  const total = cells.reduce((s, c) => s + c.count, 0);
  const hidden = new Set<number>();
  cells.forEach((c, i) => {
    if (c.count > 0 && c.count < k) hidden.add(i);
  });
  // a total below k: nothing of the table can be published
  if (total > 0 && total < k) cells.forEach((_, i) => hidden.add(i));
  const dims = Math.max(1, dimensions.length);
  // lines: for each dimension, the cells that share all OTHER keys (a one-way table: one line)
  const lines = new Map<string, number[]>();
  cells.forEach((c, i) => {
    for (let d = 0; d < dims; d++) {
      const key = dimensions.length <= 1 ? 'all' : lineKey(c, d);
      const list = lines.get(key) ?? [];
      list.push(i);
      lines.set(key, list);
    }
  });
  const linesOf = new Map<number, number[][]>();
  for (const members of lines.values())
    for (const i of members) linesOf.set(i, [...(linesOf.get(i) ?? []), members]);
  /**
   * The complement for a line: prefer a cell that opens no new line with a single hidden cell
   * (its other lines already hide one), then the one whose new lines would cost least to protect,
   * then a non-zero cell (a hidden zero protects little), then the smallest.
   */
  const cost = (i: number, line: number[]) => {
    let opened = 0;
    let next = 0;
    for (const other of linesOf.get(i) ?? []) {
      if (other === line || other.some((j) => hidden.has(j))) continue;
      opened++;
      const rest = other.filter((j) => j !== i).map((j) => cells[j]!.count);
      next += rest.length ? Math.min(...rest) : 0;
    }
    return [opened, next, cells[i]!.count > 0 ? 0 : 1, cells[i]!.count];
  };
  const better = (a: number[], b: number[]) => {
    for (let x = 0; x < a.length; x++) if (a[x] !== b[x]) return a[x]! < b[x]!;
    return false;
  };
  for (let changed = true; changed;) {
    changed = false;
    for (const members of lines.values()) {
      const hiddenHere = members.filter((i) => hidden.has(i));
      if (hiddenHere.length !== 1) continue;
      const candidates = members.filter((i) => !hidden.has(i));
      if (candidates.length === 0) continue;
      let pick = candidates[0]!;
      let best = cost(pick, members);
      for (const i of candidates.slice(1)) {
        const c = cost(i, members);
        if (better(c, best)) [pick, best] = [i, c];
      }
      hidden.add(pick);
      changed = true;
    }
  }
  return {
    dimensions,
    cells: cells.map((c, i) => ({
      keys: c.keys,
      count: hidden.has(i) ? null : c.count,
      suppressed: hidden.has(i),
    })),
    total: total > 0 && total < k ? null : total,
    suppressedCells: hidden.size,
    k,
  };
}

/** A statistics query as the differencing control sees it: an aggregate over a filtered population. */
export interface AnsweredQuery {
  aggregate: string;
  /** Filter dimension → value (canonical strings); absent dimension = not filtered. */
  filters: Record<string, string>;
  /** Size of the filtered population the aggregate was computed over. */
  population: number;
  /**
   * Whether filters narrow the population (the population floor applies only then: a query of
   * the whole population is answered, its small cells and small total suppressed). Default: any
   * filter.
   */
  narrowed?: boolean;
}

/**
 * Differencing control: may `next` be answered after `previous` (the same actor's earlier answered
 * queries within the retention window)?
 * - a population narrowed by filters must have none or at least k persons (a query of the whole
 *   population is never refused for its size: suppression hides a small total);
 * - for every earlier query whose filters are a subset of next's (next is a refinement of it) or a
 *   superset (next is a coarsening), the two populations are nested; if they differ by 1..k-1
 *   persons, answering both would describe that small difference group: refused.
 * Limits (README): only pairs of nested filter sets are compared; sums over three or more queries
 * and changes of the data between queries are not modelled — the fixed filter lattice (explicit
 * arguments, no free-form predicates) and the population floor are what keep those attacks coarse.
 */
export function differencingRisk(
  next: AnsweredQuery,
  previous: readonly AnsweredQuery[],
  k: number,
):
  | { refused: false }
  | { refused: true; reason: 'POPULATION_BELOW_K' | 'DIFFERENCE_BELOW_K'; against?: AnsweredQuery } {
  const narrowed = next.narrowed ?? Object.keys(next.filters).length > 0;
  if (narrowed && next.population > 0 && next.population < k)
    return { refused: true, reason: 'POPULATION_BELOW_K' };
  const subset = (a: Record<string, string>, b: Record<string, string>) =>
    Object.entries(a).every(([dim, v]) => b[dim] === v);
  for (const p of previous) {
    if (p.aggregate !== next.aggregate) continue;
    const nested = subset(p.filters, next.filters) || subset(next.filters, p.filters);
    if (!nested) continue;
    const diff = Math.abs(p.population - next.population);
    if (diff > 0 && diff < k) return { refused: true, reason: 'DIFFERENCE_BELOW_K', against: p };
  }
  return { refused: false };
}

/** Canonical filter map from GraphQL filter input (undefined/null/empty arrays dropped, arrays sorted). */
export function canonicalFilters(input: Record<string, unknown> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(input ?? {})) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) {
      if (v.length === 0) continue;
      out[k] = [...v].map(String).sort().join(',');
    } else out[k] = String(v);
  }
  return out;
}
