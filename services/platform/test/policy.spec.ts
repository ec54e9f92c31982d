import { grantsFor, isVisible, scopeOf, FIELD_GROUPS, RELATIONS } from '../src/access/policy';
import type { AssociationTierName } from '../src/viewer';
import { oracleAllows as oracle } from '../../../test/support/access-oracle';

const TIERS: AssociationTierName[] = ['NATIONAL', 'PREFECTURAL', 'MUNICIPAL', 'DISTRICT', 'WORKPLACE'];

/** All subsets of the relations (2^7 = 128). */
const subsets = <T>(items: readonly T[]): T[][] =>
  items.reduce<T[][]>((acc, item) => acc.concat(acc.map((s) => [...s, item])), [[]]);

describe('the policy table', () => {
  it('agrees with the oracle for every combination of relations, tier and group', () => {
    let cases = 0;
    const wrong: string[] = [];
    for (const rels of subsets(RELATIONS)) {
      for (const tier of [...TIERS, undefined]) {
        const grants = grantsFor(rels, tier);
        for (const group of FIELD_GROUPS) {
          cases++;
          const expected = rels.some((r) => oracle(r, tier, group));
          const actual = scopeOf(grants, group) !== undefined;
          if (expected !== actual)
            wrong.push(`${rels.join('+') || 'none'} @${tier ?? '-'} ${group}: ${actual}`);
        }
      }
    }
    console.log(`policy table: ${cases} cases, ${wrong.length} wrong`);
    expect(wrong).toEqual([]);
    expect(cases).toBe(128 * 6 * 9);
  });

  it('makes a person with no relation invisible, not partially visible', () => {
    for (const tier of TIERS) expect(isVisible(grantsFor([], tier))).toBe(false);
  });

  it('gives training hosts and the JMA as issuer IDENTITY and TRAINING only, narrowed to their sessions', () => {
    const host = grantsFor(['TRAINING_HOST'], 'MUNICIPAL');
    expect(Object.keys(host).sort()).toEqual(['IDENTITY', 'TRAINING']);
    expect(scopeOf(host, 'TRAINING')).toBe('HOSTED_SESSIONS');
    const issuer = grantsFor(['TRAINING_ISSUER'], 'NATIONAL');
    expect(Object.keys(issuer).sort()).toEqual(['IDENTITY', 'TRAINING']);
    expect(scopeOf(issuer, 'TRAINING')).toBe('JMA_PROGRAMS');
  });

  it('lets the widest scope win when relations overlap (member and host → all training)', () => {
    const g = grantsFor(['TRAINING_HOST', 'MEMBER'], 'MUNICIPAL');
    expect(scopeOf(g, 'TRAINING')).toBe('ALL');
    expect(g.TRAINING).toEqual(['ALL', 'HOSTED_SESSIONS']);
  });

  it('never gives municipal or district associations insurance or pension', () => {
    for (const tier of ['MUNICIPAL', 'DISTRICT', 'WORKPLACE'] as const) {
      const g = grantsFor(
        RELATIONS.filter((r) => r !== 'SELF'),
        tier,
      );
      expect(scopeOf(g, 'INSURANCE')).toBeUndefined();
      expect(scopeOf(g, 'PENSION')).toBeUndefined();
    }
    expect(scopeOf(grantsFor(['MEMBER'], 'PREFECTURAL'), 'PENSION')).toBeUndefined();
  });
});
