import { MANUAL_LAST_DAY } from './generate-credits';
import { generateDataset } from './generate';
import { formatDay } from './dates';

describe('credit ledger (demo scale)', () => {
  const dataset = generateDataset({ scale: 'demo' });
  const bundles = [...dataset.persons()];
  const programOf = new Map(dataset.catalogue.sessions.map((s) => [s.row.id, s.row.programCode]));

  it('has about 19 entries per person', () => {
    const total = bundles.reduce((n, b) => n + b.credits.length, 0);
    expect(total / bundles.length).toBeGreaterThan(15);
    expect(total / bundles.length).toBeLessThan(25);
  });

  it('credits every attendance at a JMA-program session, and nothing else, from sessions', () => {
    for (const b of bundles) {
      const attended = b.attendance
        .filter((a) => a.status === 'ATTENDED' && programOf.get(a.sessionId) !== 'OWN')
        .map((a) => `${a.sessionId}:${a.units}`)
        .sort();
      const credited = b.credits
        .filter((c) => c.source === 'SESSION')
        .map((c) => `${c.sessionId}:${c.units}`)
        .sort();
      expect(credited).toEqual(attended);
    }
  });

  it('dates manual entries before the recorded sessions, with evidence; reversals undo one entry of the same person', () => {
    const last = formatDay(MANUAL_LAST_DAY);
    let reversals = 0;
    const problems: string[] = [];
    for (const b of bundles) {
      const byId = new Map(b.credits.map((c) => [c.id, c]));
      for (const c of b.credits) {
        if (c.personId !== b.person.id) problems.push(`${c.id}: another person`);
        if (c.source === 'MANUAL' && !c.evidence) problems.push(`${c.id}: manual without evidence`);
        if (c.source === 'MANUAL' && !(c.earnedOn <= last && c.earnedOn >= b.person.registryDate))
          problems.push(`${c.id}: earned ${c.earnedOn}`);
        if (c.reversesEntryId) {
          reversals++;
          const original = byId.get(c.reversesEntryId);
          if (!original || Number(c.units) !== -Number(original.units) || original.reversesEntryId !== null)
            problems.push(`${c.id}: reversal of ${c.reversesEntryId}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(reversals).toBeGreaterThan(0);
  });

  it('gives every entry a distinct id, ordered in generation order', () => {
    const ids = bundles.flatMap((b) => b.credits.map((c) => c.id));
    expect(new Set(ids).size).toBe(ids.length);
    const generated = bundles.slice(7).flatMap((b) => b.credits.map((c) => c.id));
    expect([...generated].sort()).toEqual(generated);
  });
});
