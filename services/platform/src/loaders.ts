import DataLoader from 'dataloader';

/**
 * A loader for rows keyed by a unique column: the batch function gets all keys of one tick and
 * returns rows in any order; results are lined up with the keys (missing → null).
 */
export function keyedLoader<K extends string, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(
    async (keys) => {
      const rows = await fetch(keys);
      const byKey = new Map<K, V>();
      for (const row of rows) byKey.set(keyOf(row), row);
      return keys.map((k) => byKey.get(k) ?? null);
    },
    { maxBatchSize: 1000 },
  );
}

/** A loader for one-to-many: all rows whose group key is among the batch's keys, grouped. */
export function groupedLoader<K extends string, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  groupOf: (row: V) => K,
): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(
    async (keys) => {
      const rows = await fetch(keys);
      const groups = new Map<K, V[]>();
      for (const row of rows) {
        const g = groupOf(row);
        const list = groups.get(g);
        if (list) list.push(row);
        else groups.set(g, [row]);
      }
      return keys.map((k) => groups.get(k) ?? []);
    },
    { maxBatchSize: 1000 },
  );
}

export type LoaderMap = Record<string, DataLoader<never, unknown>>;
