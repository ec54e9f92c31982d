import {
  ASSOCIATION_OPERATION_NAMES,
  FIELD_GROUPS,
  grantsFor,
  isVisible,
  mayOperate,
  mayWrite,
  OPERATION_GROUP,
  PERSON_OPERATIONS,
  RELATIONS,
  scopeOf,
} from '../src/access/policy';
import type { AssociationTierName } from '../src/viewer';
import { oracleAllows as oracle, oracleMayApprove, oracleMayEdit } from '../../../test/support/access-oracle';

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

describe('the write rules of the policy table', () => {
  const ROLES = ['ADMIN', 'CLERK', 'VIEWER', undefined] as const;

  it('editing a person agrees with the oracle for every relation set, tier and role', () => {
    let cases = 0;
    const wrong: string[] = [];
    for (const rels of subsets(RELATIONS))
      for (const tier of [...TIERS, undefined])
        for (const role of ROLES)
          for (const op of ['EDIT_CONTACT', 'EDIT_PERSON'] as const) {
            cases++;
            const expected = oracleMayEdit(rels, tier, role, op);
            const actual = mayWrite(rels, op, tier, role) !== undefined;
            if (expected !== actual)
              wrong.push(`${rels.join('+') || 'none'} @${tier}/${role} ${op}: ${actual}`);
          }
    console.log(`write rules: ${cases} cases, ${wrong.length} wrong`);
    expect(wrong).toEqual([]);
  });

  it('approvals and other association operations: only CLERK/ADMIN of that association, never a parent or child', () => {
    for (const tier of TIERS)
      for (const role of ROLES) {
        expect(mayOperate('DECIDE_APPLICATION_STEP', tier, role)).toBe(oracleMayApprove('a', role, 'a'));
      }
    // the JMA's own operations are the JMA's
    expect(mayOperate('APPROVE_CERTIFICATION_APPLICATION', 'PREFECTURAL', 'ADMIN')).toBe(false);
    expect(mayOperate('DECIDE_ERASURE', 'NATIONAL', 'CLERK')).toBe(false);
    expect(mayOperate('DECIDE_ERASURE', 'NATIONAL', 'ADMIN')).toBe(true);
    // office administration: the association's own ADMIN at every tier, never a CLERK
    for (const tier of TIERS) {
      expect(mayOperate('MANAGE_STAFF', tier, 'ADMIN')).toBe(true);
      expect(mayOperate('MANAGE_STAFF', tier, 'CLERK')).toBe(false);
    }
    // a VIEWER may list members but changes nothing (accepting the terms for their own staff
    // account is not a change to the association's records)
    const changing = ASSOCIATION_OPERATION_NAMES.filter(
      (op) =>
        op !== 'LIST_MEMBERS' &&
        op !== 'READ_STATISTICS' &&
        op !== 'ACCEPT_STAFF_TERMS' &&
        op !== 'LIST_CERTIFICATES' &&
        op !== 'READ_SURVEY_RESULTS' &&
        op !== 'READ_OFFICE_OPERATIONS',
    );
    for (const tier of TIERS) expect(mayOperate('ACCEPT_STAFF_TERMS', tier, 'VIEWER')).toBe(true);
    for (const op of changing) for (const tier of TIERS) expect(mayOperate(op, tier, 'VIEWER')).toBe(false);
  });

  it('office operations (処理状況): every staff role of the association reads them', () => {
    for (const tier of TIERS)
      for (const role of ROLES)
        expect(mayOperate('READ_OFFICE_OPERATIONS', tier, role)).toBe(role !== undefined);
  });

  it('surveys: editors send and read answers per member; every staff role reads the suppressed aggregates', () => {
    for (const tier of TIERS) {
      for (const role of ['ADMIN', 'CLERK'] as const) {
        expect(mayOperate('MANAGE_SURVEYS', tier, role)).toBe(true);
        expect(mayOperate('READ_SURVEY_ANSWERS', tier, role)).toBe(true);
      }
      for (const role of ROLES)
        expect(mayOperate('READ_SURVEY_RESULTS', tier, role)).toBe(role !== undefined);
      expect(mayOperate('READ_SURVEY_ANSWERS', tier, 'VIEWER')).toBe(false);
    }
    // only the person themself answers (no staff relation answers for a member)
    expect(mayWrite(['SELF'], 'ANSWER_SURVEY', undefined, undefined)).toBe('SELF');
    for (const rel of RELATIONS.filter((r) => r !== 'SELF'))
      for (const role of ROLES) expect(mayWrite([rel], 'ANSWER_SURVEY', 'MUNICIPAL', role)).toBeUndefined();
  });

  it('REGISTER_ATTENDEE: the host registers by registry number only a person its association knows', () => {
    for (const rels of subsets(RELATIONS))
      for (const tier of TIERS)
        for (const role of ROLES) {
          const knows = rels.includes('MEMBER') || rels.includes('TRAINING_HOST');
          const expected = knows && (role === 'CLERK' || role === 'ADMIN');
          expect([rels, tier, role, mayWrite(rels, 'REGISTER_ATTENDEE', tier, role) !== undefined]).toEqual([
            rels,
            tier,
            role,
            expected,
          ]);
        }
  });

  it('every person-keyed operation writes one field group (assistants need its write right)', () => {
    for (const op of PERSON_OPERATIONS) expect(FIELD_GROUPS).toContain(OPERATION_GROUP[op]);
  });
});
