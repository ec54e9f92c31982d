import { attackScenario } from '../../../test/support/statistics-scenarios';

/**
 * The whole seeded family of differencing attacks on the statistics guard (generated scenarios:
 * test/support/statistics-scenarios.ts). It needs no database: it sits in the integration tier
 * because it is heavy for the unit tier (hundreds of integer programs: the audit's and the
 * attacker's); disclosure.spec.ts runs the family's attack seeds and the hand-made cases.
 */
const k = 10;
const margin = k;
const SEEDS = Array.from({ length: 25 }, (_, i) => i + 1);

describe('audit of the published linear system: the seeded family of differencing attacks', () => {
  it('the method before leaks small counts, the audit none', async () => {
    let oldLeaks = 0;
    let answered = 0;
    let asked = 0;
    for (const seed of SEEDS) {
      const outcome = await attackScenario(seed, k, margin);
      oldLeaks += outcome.leakedBefore ? 1 : 0;
      asked += outcome.asked;
      answered += outcome.answered;
      expect({ seed, leaks: outcome.leaks }).toEqual({ seed, leaks: [] });
    }
    // the family is a real test: it breaks the method before the audit ...
    expect(oldLeaks).toBeGreaterThanOrEqual(3);
    // ... and the audit does not get there by refusing everything
    expect(answered / asked).toBeGreaterThan(0.5);
    console.info(
      `old method: leaks in ${oldLeaks}/${SEEDS.length} scenarios; audit: ${answered}/${asked} answered, no leak`,
    );
  }, 300_000);
});
