/**
 * A small seeded PRNG (sfc32, seeded through splitmix32) with the helpers the seed generator
 * needs. Pure integer arithmetic: the same seed yields the same sequence on every platform.
 */

/** splitmix32 step: a well-mixed 32-bit value from a 32-bit state. */
function splitmix32(state: number): number {
  let z = (state + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Hash any number of 32-bit integers into one seed (used to derive independent streams). */
export function mixSeed(...parts: number[]): number {
  let h = 0x2545f491;
  for (const p of parts) h = splitmix32((h ^ (p | 0)) + Math.imul(h, 31));
  return h >>> 0;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = splitmix32(seed);
    this.b = splitmix32(this.a ^ 0x6a09e667);
    this.c = splitmix32(this.b ^ 0xbb67ae85);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** A fresh, independent generator for a sub-stream (e.g. one person, one table). */
  static derive(seed: number, ...parts: number[]): Rng {
    return new Rng(mixSeed(seed, ...parts));
  }

  /** Uniform unsigned 32-bit integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Pick by weights (same length as items). Prefer `WeightedTable` for hot paths. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i]!;
      if (r < 0) return items[i]!;
    }
    return items[items.length - 1]!;
  }

  /** `count` distinct items (or all of them when fewer), in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = items.slice();
    const n = Math.min(count, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, n);
  }

  /** A random (version 4, variant 1) UUID drawn from this generator: deterministic ids. */
  uuid(): string {
    const w0 = this.nextUint32();
    const w1 = this.nextUint32();
    const w2 = this.nextUint32();
    const w3 = this.nextUint32();
    const b6 = ((w1 >>> 8) & 0x0f) | 0x40;
    const b8 = ((w2 >>> 24) & 0x3f) | 0x80;
    return (
      HEX[w0 >>> 24]! +
      HEX[(w0 >>> 16) & 255]! +
      HEX[(w0 >>> 8) & 255]! +
      HEX[w0 & 255]! +
      '-' +
      HEX[w1 >>> 24]! +
      HEX[(w1 >>> 16) & 255]! +
      '-' +
      HEX[b6]! +
      HEX[w1 & 255]! +
      '-' +
      HEX[b8]! +
      HEX[(w2 >>> 16) & 255]! +
      '-' +
      HEX[(w2 >>> 8) & 255]! +
      HEX[w2 & 255]! +
      HEX[w3 >>> 24]! +
      HEX[(w3 >>> 16) & 255]! +
      HEX[(w3 >>> 8) & 255]! +
      HEX[w3 & 255]!
    );
  }
}

/** Precomputed cumulative weights: O(log n) weighted picks for large or hot tables. */
export class WeightedTable<T> {
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(
    readonly items: readonly T[],
    weights: readonly number[],
  ) {
    if (items.length === 0 || items.length !== weights.length)
      throw new Error('weighted table needs items and matching weights');
    this.cumulative = new Float64Array(items.length);
    let sum = 0;
    for (let i = 0; i < items.length; i++) {
      sum += weights[i]!;
      this.cumulative[i] = sum;
    }
    this.total = sum;
  }

  static of<T>(pairs: readonly (readonly [T, number])[]): WeightedTable<T> {
    return new WeightedTable(
      pairs.map((p) => p[0]),
      pairs.map((p) => p[1]),
    );
  }

  /** The weight given to item `index`. */
  weightOf(index: number): number {
    return this.cumulative[index]! - (index > 0 ? this.cumulative[index - 1]! : 0);
  }

  pick(rng: Rng): T {
    const r = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}
