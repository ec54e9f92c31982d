/**
 * Checks of a generated data set shared by the unit tier (`generate.spec.ts`, the demo scale: a
 * few seconds) and the integration tier (`generate-full-scale.integration.spec.ts`, a sample of the
 * full scale: minutes). Each `describe…` adds a Jest suite for one data set.
 */
import { PREFECTURES } from './data/prefectures';
import { parseDay, yearsBetween } from './dates';
import {
  DEMO_DISTRICT_CODE,
  DEMO_MUNICIPAL_CODE,
  DEMO_PERSON_IDS,
  DEMO_PERSONS,
  DEMO_PREFECTURAL_CODE,
  DEMO_SESSION_IDS,
  DEMO_WORKPLACE_CODE,
  NATIONAL_CODE,
  type DemoPersonKey,
} from './fixtures';
import type { Dataset } from './generate';
import { REFERENCE_DAY, RegistryAllocator, type PersonBundle } from './generate-persons';
import { Rng } from './random';
import type { MembershipRow } from './tables';

/** The first `n` bundles of a data set. */
export function take(ds: Dataset, n: number): PersonBundle[] {
  const out: PersonBundle[] = [];
  for (const b of ds.persons()) {
    out.push(b);
    if (out.length === n) break;
  }
  return out;
}

export const byId = (ds: Dataset) => new Map(ds.tree.rows.map((r) => [r.id, r]));
/** byId of each data set, made once (the checks look up every person's associations). */
const byIdOnce = new WeakMap<Dataset, ReturnType<typeof byId>>();
const activeTiers = (ds: Dataset, b: PersonBundle) => {
  const assoc = byIdOnce.get(ds) ?? byIdOnce.set(ds, byId(ds)).get(ds)!;
  return b.memberships.filter((m) => m.status === 'ACTIVE').map((m) => assoc.get(m.associationId)!.tier);
};

/** The generated persons' shares, histories and rows, on the first `sampleSize` persons of `ds`. */
export function describePersonChecks(ds: Dataset, sampleSize: number): void {
  describe(`persons (the first ${sampleSize.toLocaleString('en')} at ${ds.scale} scale)`, () => {
    const sample = take(ds, sampleSize).filter((b) => b.pattern !== 'FIXTURE');
    const assoc = byId(ds);

    it('joins the municipal association ~61% of the time, ~84% of those also the JMA', () => {
      const tiers = sample.map((b) => activeTiers(ds, b));
      const municipal = tiers.filter((t) => t.includes('MUNICIPAL'));
      const jma = municipal.filter((t) => t.includes('NATIONAL'));
      expect(Math.abs(municipal.length / sample.length - 0.61)).toBeLessThan(0.03);
      expect(Math.abs(jma.length / municipal.length - 0.84)).toBeLessThan(0.03);
    });

    it('has about 4.3 membership rows per person including history', () => {
      const rows = sample.reduce((n, b) => n + b.memberships.length, 0) / sample.length;
      expect(rows).toBeGreaterThan(4.0);
      expect(rows).toBeLessThan(4.6);
      const statuses = new Set(sample.flatMap((b) => b.memberships.map((m) => m.status)));
      expect(statuses).toEqual(new Set(['ACTIVE', 'LEFT', 'TRANSFERRED']));
    });

    it('uses the JMA categories for JMA memberships', () => {
      const categories = new Set(
        sample.flatMap((b) =>
          b.memberships.filter((m) => m.associationId === ds.tree.national.id).map((m) => m.category),
        ),
      );
      expect(categories).toEqual(new Set(['A①', 'A②(B)', 'A②(C)', 'B', 'C']));
    });

    it('keeps each history consistent', () => {
      const problems: string[] = [];
      for (const b of sample) {
        const active = new Set<string>();
        for (const m of b.memberships) {
          if (m.status === 'ACTIVE') {
            if (m.leftOn !== null || active.has(m.associationId)) problems.push(`active ${m.id}`);
            active.add(m.associationId);
          } else if (m.leftOn === null || m.leftOn < m.joinedOn) problems.push(`ended ${m.id}`);
          if (m.joinedOn < b.person.registryDate) problems.push(`joined before registry ${m.id}`);
        }
      }
      expect(problems).toEqual([]);
    });

    it('lives in the prefecture of their active prefectural and municipal associations', () => {
      const problems: string[] = [];
      let checked = 0;
      for (const b of sample) {
        const p = b.person;
        const pref = PREFECTURES[p.prefectureCode - 1]!;
        const postalPrefix = Number(p.postalCode.slice(0, 3));
        if (!p.address.startsWith(pref.name)) problems.push(`address ${p.registryNumber}`);
        if (!/^\d{7}$/.test(p.postalCode) || postalPrefix < pref.postal[0] || postalPrefix > pref.postal[1])
          problems.push(`postal ${p.registryNumber}`);
        for (const m of b.memberships.filter((x) => x.status === 'ACTIVE')) {
          const a = assoc.get(m.associationId)!;
          if (a.tier === 'NATIONAL') continue;
          checked++;
          if (a.prefectureCode !== p.prefectureCode) problems.push(`${a.code} vs ${p.registryNumber}`);
        }
      }
      expect(problems).toEqual([]);
      expect(checked).toBeGreaterThan(sample.length);
    });

    it('has plausible identity data', () => {
      const problems: string[] = [];
      const kana = /^[\u30A0-\u30FF]+$/;
      for (const { person: p } of sample) {
        const birth = parseDay(p.birthDate);
        const age = yearsBetween(birth, REFERENCE_DAY);
        if (age < 25 || age > 90) problems.push(`age ${p.registryNumber}`);
        if (yearsBetween(birth, parseDay(p.registryDate)) < 24 || parseDay(p.registryDate) > REFERENCE_DAY)
          problems.push(`registry date ${p.registryNumber}`);
        if (!kana.test(p.familyNameKana) || !kana.test(p.givenNameKana))
          problems.push(`kana ${p.registryNumber}`);
        if (p.departments.length === 0 || !p.email.includes('@'))
          problems.push(`profile ${p.registryNumber}`);
      }
      expect(problems).toEqual([]);
      const female = sample.filter((b) => b.person.sex === 'FEMALE').length / sample.length;
      expect(female).toBeGreaterThan(0.15);
      expect(female).toBeLessThan(0.35);
    });

    it('gives insurance only to JMA members in A①, A②(B), A②(C), one row per insurance year', () => {
      const problems: string[] = [];
      for (const b of sample) {
        const years = new Set<number>();
        for (const ins of b.insurance) {
          if (!['A①', 'A②(B)', 'A②(C)'].includes(ins.category) || years.has(ins.insuranceYear))
            problems.push(`category/year ${ins.id}`);
          years.add(ins.insuranceYear);
          if (ins.enrolledOn < `${ins.insuranceYear}-07-01`) problems.push(`enrolled ${ins.id}`);
          if (
            !b.memberships.some(
              (m: MembershipRow) => m.associationId === ds.tree.national.id && m.category === ins.category,
            )
          )
            problems.push(`no JMA ${ins.id}`);
          if (!ins.rider && ins.riderCoverageYen !== null) problems.push(`rider ${ins.id}`);
        }
      }
      expect(problems).toEqual([]);
      expect(sample.some((b) => b.insurance.some((i) => i.rider))).toBe(true);
    });

    it('has terms acceptances for ~70% of persons', () => {
      const share = sample.filter((b) => b.acceptance).length / sample.length;
      expect(Math.abs(share - 0.7)).toBeLessThan(0.02);
      expect(sample.filter((b) => b.acceptance && b.acceptance.acceptedAt < '2024-09-27')).toEqual([]);
    });

    it('has training attendance by members and non-members at sessions of every tier', () => {
      const sessions = new Map(ds.catalogue.sessions.map((s) => [s.row.id, s]));
      const nonMembers = sample.filter((b) => activeTiers(ds, b).length === 0);
      expect(nonMembers.some((b) => b.attendance.length > 0)).toBe(true);
      const hostTiers = new Set(ds.catalogue.sessions.map((s) => assoc.get(s.row.hostAssociationId)!.tier));
      expect(hostTiers).toEqual(new Set(['NATIONAL', 'PREFECTURAL', 'MUNICIPAL', 'DISTRICT', 'WORKPLACE']));
      expect(new Set(ds.catalogue.sessions.map((s) => s.row.programCode))).toEqual(
        new Set(['CME', 'OCCUPATIONAL', 'SPORTS', 'FAMILY_DOCTOR', 'OWN']),
      );
      const problems: string[] = [];
      for (const b of sample) {
        if (new Set(b.attendance.map((a) => a.sessionId)).size !== b.attendance.length)
          problems.push(`duplicate ${b.person.id}`);
        for (const a of b.attendance) {
          const expected = a.status === 'ATTENDED' ? sessions.get(a.sessionId)!.row.units : '0.0';
          if (a.units !== expected) problems.push(`units ${a.id}`);
        }
      }
      expect(problems).toEqual([]);
    });

    it('has unique 6-digit registry numbers', () => {
      const numbers = sample.map((b) => b.person.registryNumber);
      expect(numbers.filter((n) => !/^\d{6}$/.test(n))).toEqual([]);
      expect(new Set(numbers).size).toBe(numbers.length);
    });

    it('keeps registry numbers rising with the registration year', () => {
      const byYear = (year: number) =>
        sample
          .filter((b) => b.person.registryDate.startsWith(String(year)))
          .map((b) => Number(b.person.registryNumber));
      expect(Math.max(...byYear(1990))).toBeLessThan(Math.min(...byYear(2020)));
    });

    // the allocator at full volume (seconds): checked with the full scale, in the integration tier
    if (ds.scale === 'full')
      it('keeps 350,000 registry numbers unique', () => {
        // The allocator at full volume, fed with the registry dates of the sample (cycled).
        const allocator = new RegistryAllocator();
        const days = sample.map((b) => parseDay(b.person.registryDate));
        const rng = new Rng(1);
        const seen = new Set<string>();
        for (let i = 0; i < 350_000; i++) seen.add(allocator.allocate(days[i % days.length]!, rng.next()));
        expect(seen.size).toBe(350_000);
        expect([...seen].every((n) => /^\d{6}$/.test(n) && !n.startsWith('9000'))).toBe(true);
      });
  });
}

/** The seven demo fixtures: present at every scale with fixed ids and exactly their patterns. */
export function describeFixtureChecks(ds: Dataset): void {
  describe(`demo fixtures at ${ds.scale} scale`, () => {
    const fixtures = new Map(take(ds, 7).map((b) => [b.person.registryNumber, b]));
    const assoc = byId(ds);
    const fixture = (key: DemoPersonKey) => fixtures.get(DEMO_PERSONS[key])!;
    const codes = (b: PersonBundle, status: MembershipRow['status']) =>
      b.memberships
        .filter((m) => m.status === status)
        .map((m) => assoc.get(m.associationId)!.code)
        .sort();

    it('are all present, in Tokyo, with fixed ids', () => {
      expect(fixtures.size).toBe(7);
      for (const key of Object.keys(DEMO_PERSONS) as DemoPersonKey[]) {
        expect(fixture(key).person).toMatchObject({ id: DEMO_PERSON_IDS[key], prefectureCode: 13 });
        expect(fixture(key).person.address.startsWith('東京都文京区')).toBe(true);
      }
    });

    it('have exactly their membership patterns', () => {
      expect(codes(fixture('municipalOnly'), 'ACTIVE')).toEqual([DEMO_MUNICIPAL_CODE]);
      expect(codes(fixture('upToPrefectural'), 'ACTIVE')).toEqual(
        [DEMO_MUNICIPAL_CODE, DEMO_PREFECTURAL_CODE].sort(),
      );
      expect(codes(fixture('upToNational'), 'ACTIVE')).toEqual(
        [NATIONAL_CODE, DEMO_MUNICIPAL_CODE, DEMO_PREFECTURAL_CODE].sort(),
      );
      expect(fixture('trainingOnlyNonMember').memberships).toEqual([]);
      expect(codes(fixture('districtMember'), 'ACTIVE')).toEqual([DEMO_DISTRICT_CODE]);
      expect(codes(fixture('workplaceMember'), 'ACTIVE')).toEqual([DEMO_WORKPLACE_CODE]);
      expect(codes(fixture('formerMember'), 'ACTIVE')).toEqual([]);
      expect(codes(fixture('formerMember'), 'LEFT')).toEqual(
        [NATIONAL_CODE, DEMO_MUNICIPAL_CODE, DEMO_PREFECTURAL_CODE].sort(),
      );
      for (const key of Object.keys(DEMO_PERSONS) as DemoPersonKey[]) {
        if (key !== 'formerMember') expect(codes(fixture(key), 'LEFT')).toEqual([]);
        expect(codes(fixture(key), 'TRANSFERRED')).toEqual([]);
      }
    });

    it('give the up-to-national member an A① JMA membership, insurance with rider and a terms acceptance', () => {
      const b = fixture('upToNational');
      expect(b.memberships.find((m) => m.associationId === ds.tree.national.id)!.category).toBe('A①');
      expect(b.insurance).toEqual([
        expect.objectContaining({ rider: true, category: 'A①', status: 'ENROLLED' }),
      ]);
      expect(b.acceptance).toMatchObject({ termsVersionId: ds.termsVersion.id });
    });

    it('let the non-member attend a session of the demo municipal association and a JMA CME session', () => {
      const b = fixture('trainingOnlyNonMember');
      const sessions = new Map(ds.catalogue.sessions.map((s) => [s.row.id, s.row]));
      expect(b.attendance.map((a) => a.sessionId).sort()).toEqual(
        [DEMO_SESSION_IDS.municipalOwn, DEMO_SESSION_IDS.jmaCme].sort(),
      );
      expect(b.attendance.every((a) => a.status === 'ATTENDED')).toBe(true);
      expect(sessions.get(DEMO_SESSION_IDS.municipalOwn)!.hostAssociationId).toBe(
        ds.tree.byCode.get(DEMO_MUNICIPAL_CODE)!.id,
      );
      expect(sessions.get(DEMO_SESSION_IDS.jmaCme)).toMatchObject({
        hostAssociationId: ds.tree.national.id,
        programCode: 'CME',
      });
    });
  });
}
