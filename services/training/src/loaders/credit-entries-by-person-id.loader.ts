import DataLoader from 'dataloader';
import type { CreditEntryEntity } from '../entities';
import type { Repositories } from '../repositories';

export interface LedgerKey {
  personId: string;
  programCode?: string | null;
  from?: string | null;
  to?: string | null;
}

const filterKey = (k: LedgerKey) => `${k.programCode ?? ''}|${k.from ?? ''}|${k.to ?? ''}`;

/**
 * Ledger entries per person, with the field's filter pushed into SQL: one statement per distinct
 * filter in the batch (a page asks with the same arguments for every person: one statement).
 */
export const creditEntriesByPersonIdLoader = (repos: Repositories) =>
  new DataLoader<LedgerKey, CreditEntryEntity[], string>(
    async (keys) => {
      const groups = new Map<string, LedgerKey[]>();
      for (const k of keys) groups.set(filterKey(k), [...(groups.get(filterKey(k)) ?? []), k]);
      const results = new Map<string, CreditEntryEntity[]>();
      await Promise.all(
        [...groups.entries()].map(async ([fk, group]) => {
          const rows = await repos.creditLedger.byPersonIds(
            group.map((k) => k.personId),
            group[0]!,
          );
          for (const row of rows) {
            const key = `${row.personId}|${fk}`;
            results.set(key, [...(results.get(key) ?? []), row]);
          }
        }),
      );
      return keys.map((k) => results.get(`${k.personId}|${filterKey(k)}`) ?? []);
    },
    { cacheKeyFn: (k) => `${k.personId}|${filterKey(k)}`, maxBatchSize: 1000 },
  );
