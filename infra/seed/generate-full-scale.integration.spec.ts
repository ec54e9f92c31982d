import { byId, describeFixtureChecks, describePersonChecks, take } from './dataset.checks';
import { generateDataset } from './generate';

/**
 * The generator at the full scale (350,000 persons), on the first persons: the unit tier's checks
 * (`generate.spec.ts`, demo scale) on a sample large enough for the shares to settle, and what
 * only the full scale has. No database: it is in the integration tier for its run time (minutes).
 */
const full = generateDataset({ scale: 'full' });

describe('full data set', () => {
  it('has the scale size', () => {
    // with the persons checks' 4.0–4.6 membership rows per person: 1.4–1.6 M memberships
    expect(full.config.persons).toBe(350_000);
  });

  it('is deterministic (first persons)', () => {
    const a = take(full, 3_000).map((b) => JSON.stringify(b));
    const b = take(generateDataset({ scale: 'full' }), 3_000).map((x) => JSON.stringify(x));
    expect(b).toEqual(a);
  });

  it('has sessions hosted by associations of the tree', () => {
    const assoc = byId(full);
    expect(full.catalogue.sessions.every((s) => assoc.has(s.row.hostAssociationId))).toBe(true);
  });
});

describePersonChecks(full, 20_000);
describeFixtureChecks(full);
