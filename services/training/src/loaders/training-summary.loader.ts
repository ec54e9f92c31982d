import DataLoader from 'dataloader';
import { clock } from '@mamis/platform';
import type { Repositories } from '../repositories';
import { evaluate, type Progress, type RuleVersion } from '../rules/progress';

export interface SummaryKey {
  personId: string;
  programCode: string;
  /** YYYY-MM-DD; default today in Tokyo (the clock's). */
  asOf?: string;
  kind?: 'NEW' | 'RENEWAL';
}

/** All rule versions, read once per request. */
export const rulesLoader = (repos: Repositories) =>
  new DataLoader<'all', RuleVersion[]>(async (keys) => {
    const rules = await repos.trainingRules.allRules();
    return keys.map(() => rules);
  });

/**
 * Progress of many persons in one batch: one statement for the ledger lines of every person and
 * program asked for, one for their certificates, one for the rules (shared per request) — the
 * number of statements does not grow with the page (a 500-member summary is 3 statements).
 */
export const trainingSummaryLoader = (repos: Repositories, rules: DataLoader<'all', RuleVersion[]>) =>
  new DataLoader<SummaryKey, Progress, string>(
    async (keys) => {
      const personIds = [...new Set(keys.map((k) => k.personId))];
      const programs = [...new Set(keys.flatMap((k) => [k.programCode]))];
      const [allRules, lines, certificates] = await Promise.all([
        rules.load('all'),
        repos.trainingSummaries.lines(personIds, programs),
        repos.trainingSummaries.certificates(personIds),
      ]);
      const linesOf = new Map<string, { code: string; earnedOn: string; units: number }[]>();
      for (const l of lines) {
        const key = `${l.person_id}|${l.program_code}`;
        const list = linesOf.get(key) ?? [];
        list.push({ code: l.code, earnedOn: l.earned_on, units: Number(l.units) });
        linesOf.set(key, list);
      }
      const certsOf = new Map<
        string,
        { id: string; programCode: string; validFrom: string; validTo: string }[]
      >();
      for (const c of certificates) {
        const list = certsOf.get(c.person_id) ?? [];
        list.push({ id: c.id, programCode: c.program_code, validFrom: c.valid_from, validTo: c.valid_to });
        certsOf.set(c.person_id, list);
      }
      const today = clock.today();
      return keys.map((k) =>
        evaluate({
          programCode: k.programCode,
          asOf: k.asOf ?? today,
          kind: k.kind,
          rules: allRules,
          lines: linesOf.get(`${k.personId}|${k.programCode}`) ?? [],
          certificates: certsOf.get(k.personId) ?? [],
        }),
      );
    },
    {
      cacheKeyFn: (k) => `${k.personId}|${k.programCode}|${k.asOf ?? ''}|${k.kind ?? ''}`,
      maxBatchSize: 1000,
    },
  );
