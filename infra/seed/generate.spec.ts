import { createHash } from 'node:crypto';
import { text, textArray } from './copy-format';
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
import { generateDataset, type Dataset } from './generate';
import { REFERENCE_DAY, RegistryAllocator, type PersonBundle } from './generate-persons';
import { Rng } from './random';
import type { AssociationRow, MembershipRow } from './tables';

const demo = generateDataset({ scale: 'demo' });
const full = generateDataset({ scale: 'full' });

function tableDigests(ds: Dataset): Record<string, string> {
  const digests: Record<string, string> = {};
  for (const t of ds.tables) {
    const hash = createHash('sha256');
    for (const l of t.copyLines()) hash.update(l);
    digests[t.name] = hash.digest('hex');
  }
  return digests;
}

/** The first `n` bundles of a data set. */
function take(ds: Dataset, n: number): PersonBundle[] {
  const out: PersonBundle[] = [];
  for (const b of ds.persons()) {
    out.push(b);
    if (out.length === n) break;
  }
  return out;
}

const byId = (ds: Dataset) => new Map(ds.tree.rows.map((r) => [r.id, r]));
const activeTiers = (ds: Dataset, b: PersonBundle) => {
  const assoc = byId(ds);
  return b.memberships.filter((m) => m.status === 'ACTIVE').map((m) => assoc.get(m.associationId)!.tier);
};

describe('random', () => {
  it('repeats its sequence for a seed and draws v4-shaped uuids', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const xs = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(xs);
    expect(new Rng(43).nextUint32()).not.toBe(xs[0]);
    const id = new Rng(7).uuid();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('COPY text encoding', () => {
  it('escapes backslash, tab, newline and carriage return', () => {
    expect(text('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(text('内科')).toBe('内科');
  });

  it('quotes array elements when needed', () => {
    expect(textArray(['内科', '外科'])).toBe('{内科,外科}');
    expect(textArray(['a b', 'x,y', 'q"'])).toBe('{"a b","x,y","q\\\\""}');
    expect(textArray([])).toBe('{}');
  });
});

describe('determinism', () => {
  it('produces byte-identical tables for the same seed and scale', () => {
    const first = tableDigests(demo);
    const again = tableDigests(generateDataset({ scale: 'demo' }));
    expect(again).toEqual(first);
  });

  it('produces different data for another seed', () => {
    const other = tableDigests(generateDataset({ scale: 'demo', seed: 7 }));
    const base = tableDigests(demo);
    expect(other['membership.person']).not.toBe(base['membership.person']);
    expect(other['membership.membership']).not.toBe(base['membership.membership']);
  });

  it('is deterministic at full scale too (first persons)', () => {
    const a = take(full, 3_000).map((b) => JSON.stringify(b));
    const b = take(generateDataset({ scale: 'full' }), 3_000).map((x) => JSON.stringify(x));
    expect(b).toEqual(a);
  });
});

describe('association tree', () => {
  const rows = demo.tree.rows;
  const of = (tier: AssociationRow['tier']) => rows.filter((r) => r.tier === tier);
  const assoc = byId(demo);

  it('has the JMA at the root', () => {
    expect(of('NATIONAL')).toEqual([
      expect.objectContaining({ code: 'JMA', name: '日本医師会', parentId: null }),
    ]);
  });

  it('has the 47 prefectural associations with real names under the JMA', () => {
    const prefs = of('PREFECTURAL');
    expect(prefs).toHaveLength(47);
    expect(prefs.map((p) => p.code)).toEqual(
      Array.from({ length: 47 }, (_, i) => `P${String(i + 1).padStart(2, '0')}`),
    );
    expect(prefs.every((p) => p.parentId === demo.tree.national.id)).toBe(true);
    const named = (code: string) => prefs.find((p) => p.code === code)!;
    expect(named('P01')).toMatchObject({
      name: '北海道医師会',
      nameKana: 'ホッカイドウイシカイ',
      prefectureCode: 1,
    });
    expect(named('P13')).toMatchObject({
      name: '東京都医師会',
      nameKana: 'トウキョウトイシカイ',
      prefectureCode: 13,
    });
    expect(named('P27')).toMatchObject({ name: '大阪府医師会', prefectureCode: 27 });
    expect(named('P47')).toMatchObject({
      name: '沖縄県医師会',
      nameKana: 'オキナワケンイシカイ',
      prefectureCode: 47,
    });
    expect(PREFECTURES.map((p) => p.name)).toContain('鹿児島県');
  });

  it('has about 920 municipal associations, each under the prefecture it is in', () => {
    const municipal = of('MUNICIPAL');
    expect(municipal.length).toBeGreaterThanOrEqual(880);
    expect(municipal.length).toBeLessThanOrEqual(960);
    for (const m of municipal) {
      expect(m.code).toMatch(/^M\d{2}\d{3}$/);
      const parent = assoc.get(m.parentId!)!;
      expect(parent.tier).toBe('PREFECTURAL');
      expect(parent.prefectureCode).toBe(m.prefectureCode);
      expect(m.code.slice(1, 3)).toBe(parent.code.slice(1));
    }
    // Spread by population: Tokyo has many more than Tottori.
    const count = (pref: number) => municipal.filter((m) => m.prefectureCode === pref).length;
    expect(count(13)).toBeGreaterThan(3 * count(31));
  });

  it('has district associations under municipal ones, 64 in Osaka', () => {
    const districts = of('DISTRICT');
    for (const d of districts) expect(assoc.get(d.parentId!)!.tier).toBe('MUNICIPAL');
    expect(districts.filter((d) => d.prefectureCode === 27)).toHaveLength(64);
  });

  it('has university and company workplace associations attached to prefectures', () => {
    const workplaces = of('WORKPLACE');
    expect(new Set(workplaces.map((w) => w.kind))).toEqual(new Set(['UNIVERSITY', 'COMPANY']));
    expect(workplaces.filter((w) => w.kind === 'UNIVERSITY').length).toBeGreaterThanOrEqual(80);
    for (const w of workplaces) {
      const parent = assoc.get(w.parentId!)!;
      expect(parent.tier).toBe('PREFECTURAL');
      expect(parent.prefectureCode).toBe(w.prefectureCode);
    }
  });

  it('has unique codes and the well-known demo codes', () => {
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
    const code = (c: string) => demo.tree.byCode.get(c)!;
    expect(code(DEMO_MUNICIPAL_CODE)).toMatchObject({
      name: '文京区医師会',
      tier: 'MUNICIPAL',
      parentId: code(DEMO_PREFECTURAL_CODE).id,
    });
    expect(code(DEMO_DISTRICT_CODE)).toMatchObject({
      tier: 'DISTRICT',
      parentId: code(DEMO_MUNICIPAL_CODE).id,
    });
    expect(code(DEMO_WORKPLACE_CODE)).toMatchObject({
      name: '東京大学医師会',
      tier: 'WORKPLACE',
      kind: 'UNIVERSITY',
      prefectureCode: 13,
    });
  });
});

describe('persons', () => {
  const sample = take(full, 20_000).filter((b) => b.pattern !== 'FIXTURE');
  const assoc = byId(full);

  it('has the scale sizes', () => {
    expect([...demo.persons()]).toHaveLength(2_000);
    expect(full.config.persons).toBe(350_000);
  });

  it('joins the municipal association ~61% of the time, ~84% of those also the JMA', () => {
    const tiers = sample.map((b) => activeTiers(full, b));
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
        b.memberships.filter((m) => m.associationId === full.tree.national.id).map((m) => m.category),
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
      if (p.departments.length === 0 || !p.email.includes('@')) problems.push(`profile ${p.registryNumber}`);
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
            (m: MembershipRow) => m.associationId === full.tree.national.id && m.category === ins.category,
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
    const sessions = new Map(full.catalogue.sessions.map((s) => [s.row.id, s]));
    const nonMembers = sample.filter((b) => activeTiers(full, b).length === 0);
    expect(nonMembers.some((b) => b.attendance.length > 0)).toBe(true);
    const hostTiers = new Set(full.catalogue.sessions.map((s) => assoc.get(s.row.hostAssociationId)!.tier));
    expect(hostTiers).toEqual(new Set(['NATIONAL', 'PREFECTURAL', 'MUNICIPAL', 'DISTRICT', 'WORKPLACE']));
    expect(new Set(full.catalogue.sessions.map((s) => s.row.programCode))).toEqual(
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

  it('has one terms version 1.01 of 2024-09-27 requiring acceptance', () => {
    expect([...demo.table('consent.terms_version').rows()]).toEqual([
      expect.objectContaining({ version: '1.01', effectiveFrom: '2024-09-27', requiresAcceptance: true }),
    ]);
    expect(demo.termsVersion.bodyJa).toContain('共同利用');
    expect(demo.termsVersion.bodyEn).toContain('jointly used');
  });

  it('has unique 6-digit registry numbers', () => {
    const numbers = sample.map((b) => b.person.registryNumber);
    expect(numbers.filter((n) => !/^\d{6}$/.test(n))).toEqual([]);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('keeps 350,000 registry numbers unique and rising with the registration year', () => {
    // The allocator at full volume, fed with the registry dates of the sample (cycled).
    const allocator = new RegistryAllocator();
    const days = sample.map((b) => parseDay(b.person.registryDate));
    const rng = new Rng(1);
    const seen = new Set<string>();
    for (let i = 0; i < 350_000; i++) seen.add(allocator.allocate(days[i % days.length]!, rng.next()));
    expect(seen.size).toBe(350_000);
    expect([...seen].every((n) => /^\d{6}$/.test(n) && !n.startsWith('9000'))).toBe(true);
    const byYear = (year: number) =>
      sample
        .filter((b) => b.person.registryDate.startsWith(String(year)))
        .map((b) => Number(b.person.registryNumber));
    expect(Math.max(...byYear(1990))).toBeLessThan(Math.min(...byYear(2020)));
  });

  it('has about 1.5M memberships at full scale', () => {
    const perPerson = sample.reduce((n, b) => n + b.memberships.length, 0) / sample.length;
    expect(perPerson * full.config.persons).toBeGreaterThan(1_400_000);
    expect(perPerson * full.config.persons).toBeLessThan(1_600_000);
  });
});

describe('demo fixtures', () => {
  for (const [label, ds] of [
    ['demo', demo],
    ['full', full],
  ] as const) {
    describe(`at ${label} scale`, () => {
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

  it('do not collide with generated registry numbers', () => {
    const numbers = [...demo.persons()].map((b) => b.person.registryNumber);
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});
