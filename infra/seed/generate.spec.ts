import { createHash } from 'node:crypto';
import { text, textArray } from './copy-format';
import { PREFECTURES } from './data/prefectures';
import { byId, describeFixtureChecks, describePersonChecks } from './dataset.checks';
import {
  DEMO_DISTRICT_CODE,
  DEMO_MUNICIPAL_CODE,
  DEMO_PREFECTURAL_CODE,
  DEMO_WORKPLACE_CODE,
} from './fixtures';
import { generateDataset, PERSON_TABLE_ROWS, type Dataset, type PersonTableName } from './generate';
import type { PersonBundle } from './generate-persons';
import { Rng } from './random';
import { CODECS, type AssociationRow } from './tables';

/**
 * The generator at the demo scale (2,000 persons: seconds). The same person and fixture checks on a
 * sample of the full scale (350,000 persons) run in the integration tier:
 * `generate-full-scale.integration.spec.ts`.
 */
const demo = generateDataset({ scale: 'demo' });

/**
 * A sha256 of each table's COPY lines (every table, or the ones named), as the loader writes them
 * (load.ts): the static tables' lines, and the person tables' rows from ONE pass over the persons
 * (each table's own `copyLines()` would generate the persons again).
 */
function tableDigests(ds: Dataset, only?: readonly string[]): Record<string, string> {
  const wanted = (name: string) => !only || only.includes(name);
  const hashes = new Map(ds.tables.filter((t) => wanted(t.name)).map((t) => [t.name, createHash('sha256')]));
  for (const t of ds.tables)
    if (t.source === 'STATIC' && hashes.has(t.name))
      for (const l of t.copyLines()) hashes.get(t.name)!.update(l);
  const personTables = (Object.keys(PERSON_TABLE_ROWS) as PersonTableName[]).filter((n) => hashes.has(n));
  if (personTables.length)
    for (const b of ds.persons())
      for (const name of personTables) {
        const encode = CODECS[name].encode as (row: unknown) => string;
        for (const row of PERSON_TABLE_ROWS[name](b)) hashes.get(name)!.update(encode(row));
      }
  return Object.fromEntries([...hashes].map(([name, h]) => [name, h.digest('hex')]));
}
let demoDigests: Record<string, string> | undefined;
const digestsOfDemo = () => (demoDigests ??= tableDigests(demo));
let demoBundles: PersonBundle[] | undefined;
const bundlesOfDemo = () => (demoBundles ??= [...demo.persons()]);

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
    const first = digestsOfDemo();
    expect(Object.keys(first).sort()).toEqual(demo.tables.map((t) => t.name).sort());
    const again = tableDigests(generateDataset({ scale: 'demo' }));
    expect(again).toEqual(first);
  });

  it('produces different data for another seed', () => {
    const tables = ['membership.person', 'membership.membership'];
    const other = tableDigests(generateDataset({ scale: 'demo', seed: 7 }), tables);
    const base = digestsOfDemo();
    expect(other['membership.person']).not.toBe(base['membership.person']);
    expect(other['membership.membership']).not.toBe(base['membership.membership']);
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

describe('demo data set', () => {
  it('has the scale size', () => {
    expect(bundlesOfDemo()).toHaveLength(2_000);
    expect(demo.config.persons).toBe(2_000);
  });

  it('has one terms version 1.01 of 2024-09-27 requiring acceptance', () => {
    expect([...demo.table('consent.terms_version').rows()]).toEqual([
      expect.objectContaining({ version: '1.01', effectiveFrom: '2024-09-27', requiresAcceptance: true }),
    ]);
    expect(demo.termsVersion.bodyJa).toContain('共同利用');
    expect(demo.termsVersion.bodyEn).toContain('jointly used');
  });

  it('has registry numbers that do not collide with the demo fixtures', () => {
    const numbers = bundlesOfDemo().map((b) => b.person.registryNumber);
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});

describePersonChecks(demo, 2_000);
describeFixtureChecks(demo);
