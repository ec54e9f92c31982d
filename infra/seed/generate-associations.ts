/**
 * The association tree: the JMA, 47 prefectural, ~920 municipal, district and workplace
 * (university and company) associations, with lookups the person generator needs.
 */
import {
  COMPANY_ASSOCIATIONS,
  DISTRICT_AREAS,
  DISTRICT_PLAN,
  NATIONAL_ASSOCIATION,
} from './data/associations';
import { PREFECTURES, type Municipality, type Prefecture } from './data/prefectures';
import { MEDICAL_SCHOOLS, type MedicalSchool } from './data/schools';
import { Rng, WeightedTable } from './random';
import type { AssociationRow } from './tables';

export interface MunicipalEntry {
  association: AssociationRow;
  municipality: Municipality;
  prefecture: Prefecture;
  districts: AssociationRow[];
}

export interface WorkplaceEntry {
  association: AssociationRow;
  /** The university, for university associations. */
  school: MedicalSchool | null;
}

export interface AssociationTree {
  rows: AssociationRow[];
  byCode: ReadonlyMap<string, AssociationRow>;
  national: AssociationRow;
  /** Index = prefecture code (index 0 unused). */
  prefectural: readonly AssociationRow[];
  municipalByPrefecture: ReadonlyMap<number, readonly MunicipalEntry[]>;
  /** Where people of a prefecture live and work, weighted towards the larger municipalities. */
  municipalPicker: ReadonlyMap<number, WeightedTable<MunicipalEntry>>;
  workplaceByPrefecture: ReadonlyMap<number, readonly WorkplaceEntry[]>;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function association(rng: Rng, fields: Omit<AssociationRow, 'id'>): AssociationRow {
  return { id: rng.uuid(), ...fields };
}

/** Build the whole tree from one generator (ids depend on the seed, codes do not). */
export function buildAssociationTree(seed: number): AssociationTree {
  const rng = Rng.derive(seed, 0xa550c);
  const national = association(rng, {
    code: NATIONAL_ASSOCIATION.code,
    name: NATIONAL_ASSOCIATION.name,
    nameKana: NATIONAL_ASSOCIATION.kana,
    tier: 'NATIONAL',
    kind: null,
    prefectureCode: null,
    parentId: null,
  });
  const rows: AssociationRow[] = [national];
  const prefectural: AssociationRow[] = [];
  const municipalByPrefecture = new Map<number, MunicipalEntry[]>();
  for (const p of PREFECTURES) {
    const row = association(rng, {
      code: `P${pad(p.code, 2)}`,
      name: `${p.name}医師会`,
      nameKana: `${p.kana}イシカイ`,
      tier: 'PREFECTURAL',
      kind: null,
      prefectureCode: p.code,
      parentId: national.id,
    });
    prefectural[p.code] = row;
    rows.push(row);
  }
  for (const p of PREFECTURES) {
    const entries = p.municipalities.map((m, i) => ({
      association: association(rng, {
        code: `M${pad(p.code, 2)}${pad(i + 1, 3)}`,
        name: `${m.name}医師会`,
        nameKana: `${m.kana}イシカイ`,
        tier: 'MUNICIPAL',
        kind: null,
        prefectureCode: p.code,
        parentId: prefectural[p.code]!.id,
      }),
      municipality: m,
      prefecture: p,
      districts: [],
    }));
    municipalByPrefecture.set(p.code, entries);
    rows.push(...entries.map((e) => e.association));
  }
  rows.push(...buildDistricts(rng, municipalByPrefecture));
  const workplaceByPrefecture = buildWorkplaces(rng, prefectural);
  for (const list of workplaceByPrefecture.values()) rows.push(...list.map((w) => w.association));
  return {
    rows,
    byCode: new Map(rows.map((r) => [r.code, r])),
    national,
    prefectural,
    municipalByPrefecture,
    municipalPicker: municipalPickers(municipalByPrefecture),
    workplaceByPrefecture,
  };
}

/** District associations as planned in DISTRICT_PLAN, numbered D<pp><nnn> per prefecture. */
function buildDistricts(rng: Rng, municipalByPrefecture: Map<number, MunicipalEntry[]>): AssociationRow[] {
  const rows: AssociationRow[] = [];
  const counters = new Map<number, number>();
  for (const [prefCode, target, count] of DISTRICT_PLAN) {
    const entries = municipalByPrefecture.get(prefCode)!;
    const parents = entries.filter((e) =>
      target === '*CITIES*' ? e.municipality.name.endsWith('市') : e.municipality.name === target,
    );
    if (parents.length === 0)
      throw new Error(`district plan: no municipality ${target} in prefecture ${prefCode}`);
    for (const parent of parents) {
      for (let i = 0; i < count; i++) {
        const n = (counters.get(prefCode) ?? 0) + 1;
        counters.set(prefCode, n);
        const [area, areaKana] = DISTRICT_AREAS[i % DISTRICT_AREAS.length]!;
        const row = association(rng, {
          code: `D${pad(prefCode, 2)}${pad(n, 3)}`,
          name: `${parent.municipality.name}${area}地区医師会`,
          nameKana: `${parent.municipality.kana}${areaKana}チクイシカイ`,
          tier: 'DISTRICT',
          kind: null,
          prefectureCode: prefCode,
          parentId: parent.association.id,
        });
        parent.districts.push(row);
        rows.push(row);
      }
    }
  }
  return rows;
}

/** University associations (one per medical school) then company ones, W<pp><nnn> per prefecture. */
function buildWorkplaces(rng: Rng, prefectural: readonly AssociationRow[]): Map<number, WorkplaceEntry[]> {
  const byPrefecture = new Map<number, WorkplaceEntry[]>();
  const add = (
    prefCode: number,
    name: string,
    kana: string,
    kind: 'UNIVERSITY' | 'COMPANY',
    school: MedicalSchool | null,
  ) => {
    const list = byPrefecture.get(prefCode) ?? [];
    byPrefecture.set(prefCode, list);
    list.push({
      association: association(rng, {
        code: `W${pad(prefCode, 2)}${pad(list.length + 1, 3)}`,
        name,
        nameKana: kana,
        tier: 'WORKPLACE',
        kind,
        prefectureCode: prefCode,
        parentId: prefectural[prefCode]!.id,
      }),
      school,
    });
  };
  for (const s of MEDICAL_SCHOOLS)
    add(s.prefectureCode, `${s.name}医師会`, `${s.kana}イシカイ`, 'UNIVERSITY', s);
  for (const [prefCode, name, kana] of COMPANY_ASSOCIATIONS) add(prefCode, name, kana, 'COMPANY', null);
  return new Map([...byPrefecture.entries()].sort((a, b) => a[0] - b[0]));
}

/** A designated city's ward (横浜市鶴見区), as opposed to a city, Tokyo special ward or county. */
function isCityWard(m: Municipality): boolean {
  return /市.+区$/.test(m.name);
}

/**
 * Where people live: lists are ordered by importance, so cities weigh 1/sqrt(rank among the
 * non-ward entries); wards of designated cities 0.5 each; counties half of their rank weight.
 */
function municipalPickers(
  municipalByPrefecture: Map<number, MunicipalEntry[]>,
): Map<number, WeightedTable<MunicipalEntry>> {
  const pickers = new Map<number, WeightedTable<MunicipalEntry>>();
  for (const [code, entries] of municipalByPrefecture) {
    let rank = 0;
    const weights = entries.map((e) => {
      if (isCityWard(e.municipality)) return 0.5;
      const w = 1 / Math.sqrt(++rank);
      return e.municipality.name.endsWith('郡') ? w / 2 : w;
    });
    pickers.set(code, new WeightedTable(entries, weights));
  }
  return pickers;
}
