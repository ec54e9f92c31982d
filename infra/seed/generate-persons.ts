/**
 * Generated physicians: one `PersonBundle` (the person and every row that hangs off them) per
 * index, each from its own PRNG stream so a bundle depends only on (seed, index) — apart from the
 * registry number, which a sequential allocator keeps unique within one pass.
 *
 * Model: a career of stints (residency → hospital posts → maybe own clinic), each in a
 * municipality; membership rows follow the stints (a new row when the association or the category
 * changes, the old one TRANSFERRED), so the history is consistent with the person's moves.
 */
import { INSURED_JMA_CATEGORIES } from './data/associations';
import {
  CLINIC_DEPARTMENTS,
  DEPARTMENTS,
  HOSPITAL_SUFFIXES,
  HOSPITAL_TYPE_WEIGHTS,
  ROLES,
  type FacilityType,
} from './data/clinical';
import {
  FAMILY_NAMES,
  FEMALE_GIVEN_NAMES,
  MALE_GIVEN_NAMES,
  type Generation,
  type GivenNameEntry,
} from './data/names';
import { PREFECTURES, TOWN_NAMES, type Municipality, type Prefecture } from './data/prefectures';
import { MEDICAL_SCHOOLS, type MedicalSchool } from './data/schools';
import {
  addYears,
  april1,
  dayOf,
  formatDay,
  formatJst,
  insuranceYearOf,
  july1,
  yearOf,
  yearsBetween,
} from './dates';
import type { AssociationTree, MunicipalEntry, WorkplaceEntry } from './generate-associations';
import { creditsFor } from './generate-credits';
import { attendanceRow, pickSessions, type TrainingCatalogue } from './generate-training';
import { Rng, WeightedTable } from './random';
import type {
  AttendanceRow,
  CreditEntryRow,
  InsuranceEnrolmentRow,
  MembershipRow,
  PersonRow,
  TermsAcceptanceRow,
} from './tables';

/** "Today" for the data set: the end of FY2024. Nothing is generated from the real clock. */
export const REFERENCE_DAY = dayOf(2025, 3, 31);
/** Terms ver 1.01 took effect on this day; acceptances fall between it and REFERENCE_DAY. */
export const TERMS_EFFECTIVE_DAY = dayOf(2024, 9, 27);
/** Insurance years with enrolment rows (July 2022 – June 2025). */
export const INSURANCE_YEARS = [2022, 2023, 2024] as const;

export type MembershipPattern =
  'NONE' | 'MUNICIPAL_ONLY' | 'UP_TO_PREFECTURAL' | 'UP_TO_NATIONAL' | 'WORKPLACE' | 'FORMER';

/**
 * Membership patterns by current position. Clinic owners/managers (about 30% of persons) nearly
 * all join, up to the JMA (category A①); employed doctors much less. Overall this gives ~61% of
 * persons in their municipal association and ~84% of those in the JMA (domain.md §1).
 * WORKPLACE: university association + prefecture + JMA without a municipal association.
 * FORMER: left every association.
 */
export const PATTERN_SHARES: Readonly<
  Record<'OWNER' | 'EMPLOYED', readonly (readonly [MembershipPattern, number])[]>
> = {
  OWNER: [
    ['MUNICIPAL_ONLY', 0.03],
    ['UP_TO_PREFECTURAL', 0.05],
    ['UP_TO_NATIONAL', 0.84],
    ['FORMER', 0.03],
    ['NONE', 0.05],
  ],
  EMPLOYED: [
    ['MUNICIPAL_ONLY', 0.045],
    ['UP_TO_PREFECTURAL', 0.06],
    ['UP_TO_NATIONAL', 0.375],
    ['WORKPLACE', 0.045],
    ['FORMER', 0.07],
    ['NONE', 0.405],
  ],
};
/** Share of municipal members living where district associations exist who join one. */
export const DISTRICT_JOIN_RATE = 0.75;
/** Credit-ledger ordinals of generated persons start here (the fixtures use 0, 1, …). */
export const GENERATED_ORDINAL_BASE = 1_000;

/** Share of persons with a terms acceptance. */
export const TERMS_ACCEPTANCE_RATE = 0.7;

export interface PersonBundle {
  person: PersonRow;
  memberships: MembershipRow[];
  attendance: AttendanceRow[];
  insurance: InsuranceEnrolmentRow[];
  acceptance: TermsAcceptanceRow | null;
  /** The credit ledger (generate-credits.ts). */
  credits: CreditEntryRow[];
  /** The membership pattern the generator chose (for tests and statistics; not stored). */
  pattern: MembershipPattern | 'FIXTURE';
}

export interface PersonContext {
  seed: number;
  tree: AssociationTree;
  catalogue: TrainingCatalogue;
  termsVersionId: string;
}

type StintKind = 'RESIDENT' | 'HOSPITAL' | 'OWNER';

interface Stint {
  start: number;
  kind: StintKind;
  place: MunicipalEntry;
}

interface Facility {
  type: FacilityType;
  name: string;
  role: string;
  /** The university association, for university hospitals. */
  university: WorkplaceEntry | null;
}

// ---------------------------------------------------------------------------------------------
// Lookup tables (built once)

const AGE_BANDS = WeightedTable.of<readonly [number, number]>([
  [[25, 29], 8],
  [[30, 34], 9],
  [[35, 39], 9],
  [[40, 44], 9.5],
  [[45, 49], 9.5],
  [[50, 54], 9.5],
  [[55, 59], 9],
  [[60, 64], 8.5],
  [[65, 69], 8],
  [[70, 74], 6.5],
  [[75, 79], 4.5],
  [[80, 84], 3],
  [[85, 90], 2],
]);
const FAMILY = new WeightedTable(
  FAMILY_NAMES,
  FAMILY_NAMES.map((_, rank) => 1 / (rank + 8)),
);
const PREFECTURE_BY_POPULATION = new WeightedTable(
  PREFECTURES,
  PREFECTURES.map((p) => p.population),
);
const DEPARTMENT = WeightedTable.of(DEPARTMENTS);
const HOSPITAL_TYPE = WeightedTable.of(HOSPITAL_TYPE_WEIGHTS);
const RESIDENT_HOSPITAL_TYPE = WeightedTable.of<FacilityType>([
  ['UNIVERSITY', 40],
  ['PUBLIC', 30],
  ['PUBLIC_BODY', 15],
  ['MEDICAL_CORPORATION', 15],
]);
const PATTERN = {
  OWNER: WeightedTable.of(PATTERN_SHARES.OWNER),
  EMPLOYED: WeightedTable.of(PATTERN_SHARES.EMPLOYED),
};
/** Years spent in one hospital post. */
const POST_YEARS = WeightedTable.of([
  [2, 3],
  [3, 5],
  [4, 5],
  [5, 4],
  [6, 3],
  [8, 2],
  [10, 2],
  [12, 1],
] as const);
const MEMBER_TRAININGS = WeightedTable.of([
  [0, 20],
  [1, 20],
  [2, 20],
  [3, 15],
  [4, 10],
  [5, 7],
  [6, 5],
  [8, 3],
] as const);
const NON_MEMBER_TRAININGS = WeightedTable.of([
  [0, 65],
  [1, 20],
  [2, 10],
  [3, 5],
] as const);
const EMAIL_DOMAINS = ['example.jp', 'example.ne.jp', 'example.or.jp', 'example.co.jp', 'example.com'];
const MAX_STINTS = 6;

function givenNameTables(
  names: readonly GivenNameEntry[],
): Record<Generation | 'ANY', readonly GivenNameEntry[]> {
  return {
    OLD: names.filter((n) => n.generation === 'OLD'),
    MID: names.filter((n) => n.generation === 'MID'),
    YOUNG: names.filter((n) => n.generation === 'YOUNG'),
    ANY: names,
  };
}
const GIVEN = { MALE: givenNameTables(MALE_GIVEN_NAMES), FEMALE: givenNameTables(FEMALE_GIVEN_NAMES) };

const SCHOOLS_BY_PREFECTURE = new Map<number, MedicalSchool[]>();
for (const s of MEDICAL_SCHOOLS)
  SCHOOLS_BY_PREFECTURE.set(s.prefectureCode, [...(SCHOOLS_BY_PREFECTURE.get(s.prefectureCode) ?? []), s]);

const pad = (n: number, width: number) => String(n).padStart(width, '0');

// ---------------------------------------------------------------------------------------------
// Registry numbers

/** Registry numbers 100000–889999 are handed out; 900000–900099 are kept for the demo fixtures. */
const REGISTRY_FIRST = 100_000;
const REGISTRY_SPAN = 790_000;
const FIRST_REGISTRY_YEAR = 1959;

/**
 * Per registration year, the block of numbers it gets: proportional to how many of the generated
 * persons register that year (from the age distribution), so every block fills to the same ~44%
 * at full scale and numbers rise with the registration year, as real ones do.
 */
const REGISTRY_BLOCKS: readonly (readonly [start: number, size: number])[] = (() => {
  const refYear = yearOf(REFERENCE_DAY);
  const ageWeight = (age: number) => {
    const band = AGE_BANDS.items.findIndex(([lo, hi]) => age >= lo && age <= hi);
    return band < 0
      ? 0
      : AGE_BANDS.weightOf(band) / (AGE_BANDS.items[band]![1] - AGE_BANDS.items[band]![0] + 1);
  };
  // Most register at 24–25; someone who registered in year Y is now about refYear - Y + 25.
  const weights: number[] = [];
  for (let y = FIRST_REGISTRY_YEAR; y <= refYear; y++)
    weights.push(ageWeight(refYear - y + 25) + ageWeight(refYear - y + 26) + 0.05);
  const total = weights.reduce((a, b) => a + b, 0);
  let start = REGISTRY_FIRST;
  return weights.map((w) => {
    const size = Math.max(1, Math.round((w / total) * REGISTRY_SPAN));
    const block = [start, size] as const;
    start += size;
    return block;
  });
})();

/** Unique 6-digit registry numbers within one pass over the persons. */
export class RegistryAllocator {
  private readonly taken = new Uint8Array(1_000_000);

  /** `u` in [0, 1) places the number inside its year's block. */
  allocate(registryDay: number, u: number): string {
    const index = Math.min(
      REGISTRY_BLOCKS.length - 1,
      Math.max(0, yearOf(registryDay) - FIRST_REGISTRY_YEAR),
    );
    const [start, size] = REGISTRY_BLOCKS[index]!;
    let n = start + Math.floor(u * size);
    while (this.taken[n] || (n >= 900_000 && n <= 900_099)) n = n >= 999_999 ? REGISTRY_FIRST : n + 1;
    this.taken[n] = 1;
    return String(n);
  }
}

// ---------------------------------------------------------------------------------------------
// Identity

function birthDayFor(rng: Rng): number {
  const [lo, hi] = AGE_BANDS.pick(rng);
  const age = rng.int(lo, hi);
  // Someone aged `age` on the reference day was born in (ref - (age+1) years, ref - age years].
  return rng.int(addYears(REFERENCE_DAY, -(age + 1)) + 1, addYears(REFERENCE_DAY, -age));
}

function femaleShare(age: number): number {
  return age < 40 ? 0.35 : age < 60 ? 0.22 : 0.1;
}

function generationOf(birthDay: number): Generation {
  const y = yearOf(birthDay);
  return y < 1960 ? 'OLD' : y < 1985 ? 'MID' : 'YOUNG';
}

function pickGivenName(rng: Rng, sex: 'MALE' | 'FEMALE', birthDay: number): GivenNameEntry {
  const tables = GIVEN[sex];
  return rng.pick(rng.chance(0.8) ? tables[generationOf(birthDay)] : tables.ANY);
}

/** Registration in spring after graduating at 24 or later (medical school is 6 years). */
function registryDayFor(rng: Rng, birthDay: number): number {
  const extraYears = rng.weighted([0, 1, 2, 3, 4, 6], [70, 14, 7, 4, 3, 2]);
  const at = (extra: number) => {
    const eligible = addYears(birthDay, 24 + extra);
    const y = yearOf(eligible);
    const spring = dayOf(y, 4, 20);
    return (spring >= eligible ? spring : dayOf(y + 1, 4, 20)) + rng.int(0, 30);
  };
  const day = at(extraYears);
  if (day <= REFERENCE_DAY) return day;
  // Too recent: register at the earliest possible moment (age ≥ 25 guarantees it is in the past).
  return Math.min(at(0), REFERENCE_DAY);
}

// ---------------------------------------------------------------------------------------------
// Career and places

function randomPlace(rng: Rng, tree: AssociationTree, prefecture?: Prefecture): MunicipalEntry {
  const p = prefecture ?? PREFECTURE_BY_POPULATION.pick(rng);
  return tree.municipalPicker.get(p.code)!.pick(rng);
}

/** Residency, then hospital posts every few years (April 1), maybe ending in an own clinic. */
function careerStarts(rng: Rng, birthDay: number, registryDay: number): { start: number; kind: StintKind }[] {
  const ownerAge = rng.chance(0.5) ? rng.int(35, 56) : Infinity;
  const ownerDay = Number.isFinite(ownerAge) ? april1(yearOf(birthDay) + ownerAge) : Infinity;
  const stints: { start: number; kind: StintKind }[] = [{ start: registryDay, kind: 'RESIDENT' }];
  let t = april1(yearOf(registryDay) + 2);
  while (t <= REFERENCE_DAY) {
    if (t >= ownerDay) {
      stints.push({ start: t, kind: 'OWNER' });
      break;
    }
    stints.push({ start: t, kind: 'HOSPITAL' });
    // The last hospital post lasts until the person opens a clinic (or for good).
    let next = stints.length >= MAX_STINTS - 1 ? ownerDay : april1(yearOf(t) + POST_YEARS.pick(rng));
    if (ownerDay > t && ownerDay < next) next = ownerDay;
    t = next;
  }
  return stints;
}

/** Places from the current one backwards: most moves stay within the prefecture. */
function careerPlaces(
  rng: Rng,
  tree: AssociationTree,
  count: number,
  current: MunicipalEntry,
): MunicipalEntry[] {
  const places = [current];
  for (let i = 1; i < count; i++) {
    const later = places[0]!;
    const place = rng.chance(0.7)
      ? rng.chance(0.45)
        ? later
        : randomPlace(rng, tree, later.prefecture)
      : randomPlace(rng, tree);
    places.unshift(place);
  }
  return places;
}

function buildCareer(
  rng: Rng,
  tree: AssociationTree,
  birthDay: number,
  registryDay: number,
  current: MunicipalEntry,
): Stint[] {
  const starts = careerStarts(rng, birthDay, registryDay);
  const places = careerPlaces(rng, tree, starts.length, current);
  return starts.map((s, i) => ({ ...s, place: places[i]! }));
}

// ---------------------------------------------------------------------------------------------
// Facility, role, departments

/** '横浜市鶴見区' → '鶴見', '文京区' → '文京', '八王子市' → '八王子', '東津軽郡' → '東津軽'. */
function placeStem(m: Municipality): string {
  const name = /市.+区$/.test(m.name) ? m.name.slice(m.name.indexOf('市') + 1) : m.name;
  return /[市区郡]$/.test(name) ? name.slice(0, -1) : name;
}

function universityIn(rng: Rng, tree: AssociationTree, prefectureCode: number): WorkplaceEntry {
  return rng.pick(tree.workplaceByPrefecture.get(prefectureCode)!.filter((w) => w.school !== null));
}

function hospitalName(
  rng: Rng,
  type: Exclude<FacilityType, 'UNIVERSITY' | 'INDIVIDUAL'>,
  place: MunicipalEntry,
): string {
  const stem = placeStem(place.municipality);
  const suffix = rng.pick(HOSPITAL_SUFFIXES[type]);
  const isCity = place.municipality.name.endsWith('市');
  switch (type) {
    case 'NATIONAL':
      return `国立病院機構${stem}${suffix}`;
    case 'PUBLIC':
      return isCity && suffix === '市民病院'
        ? `${stem}${suffix}`
        : `${place.prefecture.name}立${stem}${suffix === '市民病院' ? '病院' : suffix}`;
    case 'MEDICAL_CORPORATION':
      return `医療法人${FAMILY.pick(rng).kanji}会 ${stem}${suffix}`;
    case 'COMPANY':
      return `株式会社${stem}製作所 ${suffix}`;
    case 'ADMINISTRATIVE':
      return `${place.municipality.name}${suffix}`;
    default:
      return `${stem}${suffix}`;
  }
}

function hospitalRole(rng: Rng, type: FacilityType, age: number): string {
  if (type === 'COMPANY') return ROLES.company;
  if (type === 'ADMINISTRATIVE') return rng.pick(ROLES.administrative);
  const [staff, fellow, assistantProfessor, chief, head, deputy, director] = ROLES.senior;
  if (age < 33)
    return type === 'UNIVERSITY' ? rng.pick([fellow, assistantProfessor]) : rng.pick([staff, fellow]);
  if (age < 45)
    return type === 'UNIVERSITY' ? rng.pick([assistantProfessor, chief]) : rng.pick([staff, staff, chief]);
  if (age < 55) return rng.pick([chief, head, staff]);
  return rng.weighted([head, deputy, director, staff], [6, 2, 1, 3]);
}

function clinicName(rng: Rng, familyName: string, stem: string, department: string): string {
  const dept = CLINIC_DEPARTMENTS.has(department) ? department : '内科';
  const r = rng.next();
  if (r < 0.45) return `${familyName}${dept}クリニック`;
  if (r < 0.75) return `${familyName}医院`;
  return `医療法人社団${familyName}会 ${stem}${dept}クリニック`;
}

function facilityFor(
  rng: Rng,
  tree: AssociationTree,
  stint: Stint,
  age: number,
  familyName: string,
  department: string,
  forceUniversity: boolean,
): Facility {
  if (stint.kind === 'OWNER') {
    const name = clinicName(rng, familyName, placeStem(stint.place.municipality), department);
    return {
      type: name.startsWith('医療法人') ? 'MEDICAL_CORPORATION' : 'INDIVIDUAL',
      name,
      role: rng.chance(0.35) ? ROLES.owner[1] : ROLES.owner[0],
      university: null,
    };
  }
  const type = forceUniversity
    ? 'UNIVERSITY'
    : stint.kind === 'RESIDENT'
      ? RESIDENT_HOSPITAL_TYPE.pick(rng)
      : HOSPITAL_TYPE.pick(rng);
  const role = stint.kind === 'RESIDENT' ? ROLES.resident : hospitalRole(rng, type, age);
  if (type === 'UNIVERSITY') {
    const university = universityIn(rng, tree, stint.place.prefecture.code);
    return { type, name: university.school!.hospital, role, university };
  }
  return {
    type,
    name: hospitalName(rng, type as Exclude<FacilityType, 'UNIVERSITY' | 'INDIVIDUAL'>, stint.place),
    role,
    university: null,
  };
}

function departmentsFor(rng: Rng): string[] {
  const count = rng.weighted([1, 2, 3], [70, 25, 5]);
  const picked: string[] = [];
  for (let i = 0; i < count * 3 && picked.length < count; i++) {
    const d = DEPARTMENT.pick(rng);
    if (!picked.includes(d)) picked.push(d);
  }
  return picked;
}

function schoolFor(rng: Rng, firstPlace: MunicipalEntry, facility: Facility): string {
  if (facility.university && rng.chance(0.5)) return facility.university.school!.name;
  const local = SCHOOLS_BY_PREFECTURE.get(firstPlace.prefecture.code);
  return (local && rng.chance(0.4) ? rng.pick(local) : rng.pick(MEDICAL_SCHOOLS)).name;
}

// ---------------------------------------------------------------------------------------------
// Memberships

interface Segment {
  associationId: string;
  category: string;
  start: number;
}

function localCategory(kind: StintKind): string {
  return kind === 'OWNER' ? 'A' : kind === 'HOSPITAL' ? 'B' : 'C';
}

function jmaCategory(kind: StintKind, insured: boolean): string {
  if (kind === 'OWNER') return 'A①';
  if (kind === 'HOSPITAL') return insured ? 'A②(B)' : 'B';
  return insured ? 'A②(C)' : 'C';
}

/** Merge consecutive stints with the same association and category into one segment. */
function segments(
  stints: readonly Stint[],
  joinDay: number,
  keyOf: (s: Stint) => readonly [string, string],
): Segment[] {
  const result: Segment[] = [];
  for (const s of stints) {
    const [associationId, category] = keyOf(s);
    const last = result[result.length - 1];
    if (last && last.associationId === associationId && last.category === category) continue;
    result.push({ associationId, category, start: Math.max(s.start, joinDay) });
  }
  return result;
}

/** Rows of one association tier: earlier segments TRANSFERRED, the last ACTIVE or LEFT. */
function segmentRows(
  rng: Rng,
  personId: string,
  segs: readonly Segment[],
  leaveDay: number | null,
): MembershipRow[] {
  return segs.map((seg, i) => {
    const next = segs[i + 1];
    const leftOn = next ? next.start - 1 : leaveDay;
    return {
      id: rng.uuid(),
      personId,
      associationId: seg.associationId,
      category: seg.category,
      status: next ? 'TRANSFERRED' : leaveDay !== null ? 'LEFT' : 'ACTIVE',
      joinedOn: formatDay(seg.start),
      leftOn: leftOn === null ? null : formatDay(leftOn),
    };
  });
}

interface MembershipPlan {
  pattern: MembershipPattern;
  joinIndex: number;
  joinDay: number;
  leaveDay: number | null;
  insured: boolean;
}

/** Workplace members work at a university hospital (see facilityFor). */
function pickPattern(rng: Rng, current: Stint): MembershipPattern {
  return PATTERN[current.kind === 'OWNER' ? 'OWNER' : 'EMPLOYED'].pick(rng);
}

function planMembership(
  rng: Rng,
  pattern: MembershipPattern,
  stints: readonly Stint[],
  registryDay: number,
): MembershipPlan {
  const current = stints.length - 1;
  const joinIndex = current === 0 || rng.chance(0.38) ? 0 : rng.int(1, current);
  const joinDay = joinIndex === 0 ? registryDay + rng.int(0, 60) : stints[joinIndex]!.start;
  const insured = rng.chance(0.55);
  if (pattern !== 'FORMER') return { pattern, joinIndex, joinDay, leaveDay: null, insured };
  // Former members left at least a year after joining and at least half a year ago.
  const latest = REFERENCE_DAY - 180;
  if (joinDay + 365 > latest) return { pattern: 'NONE', joinIndex, joinDay, leaveDay: null, insured };
  return { pattern, joinIndex, joinDay, leaveDay: rng.int(joinDay + 365, latest), insured };
}

function membershipsFor(
  rng: Rng,
  tree: AssociationTree,
  personId: string,
  stints: readonly Stint[],
  facility: Facility,
  plan: MembershipPlan,
): MembershipRow[] {
  const { pattern, joinDay, leaveDay } = plan;
  if (pattern === 'NONE') return [];
  const span = stints.slice(plan.joinIndex).filter((s) => leaveDay === null || s.start < leaveDay);
  const current = stints[stints.length - 1]!;
  const tiers = {
    municipal:
      pattern === 'MUNICIPAL_ONLY' ||
      pattern === 'UP_TO_PREFECTURAL' ||
      pattern === 'UP_TO_NATIONAL' ||
      pattern === 'FORMER',
    prefectural:
      pattern === 'UP_TO_PREFECTURAL' ||
      pattern === 'UP_TO_NATIONAL' ||
      pattern === 'WORKPLACE' ||
      pattern === 'FORMER',
    national:
      pattern === 'UP_TO_NATIONAL' || pattern === 'WORKPLACE' || (pattern === 'FORMER' && rng.chance(0.7)),
  };
  const rows: MembershipRow[] = [];
  const add = (keyOf: (s: Stint) => readonly [string, string]) =>
    rows.push(...segmentRows(rng, personId, segments(span, joinDay, keyOf), leaveDay));
  if (tiers.municipal) add((s) => [s.place.association.id, localCategory(s.kind)]);
  if (tiers.prefectural) add((s) => [tree.prefectural[s.place.prefecture.code]!.id, localCategory(s.kind)]);
  if (tiers.national) add((s) => [tree.national.id, jmaCategory(s.kind, plan.insured)]);
  if (pattern === 'FORMER') return rows;
  const since = formatDay(Math.max(current.start, joinDay));
  const active = (associationId: string): MembershipRow => ({
    id: rng.uuid(),
    personId,
    associationId,
    category: localCategory(current.kind),
    status: 'ACTIVE',
    joinedOn: since,
    leftOn: null,
  });
  const municipalMember = tiers.municipal;
  if (municipalMember && current.place.districts.length > 0 && rng.chance(DISTRICT_JOIN_RATE))
    rows.push(active(rng.pick(current.place.districts).id));
  if (facility.university && (pattern === 'WORKPLACE' || rng.chance(0.3)))
    rows.push(active(facility.university.association.id));
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Insurance, consent, training

function insuranceFor(
  rng: Rng,
  personId: string,
  memberships: readonly MembershipRow[],
  nationalId: string,
): InsuranceEnrolmentRow[] {
  const jma = memberships.filter((m) => m.associationId === nationalId);
  if (!jma.some((m) => INSURED_JMA_CATEGORIES.has(m.category))) return [];
  const isOwner = jma.some((m) => m.category === 'A①');
  const rider = rng.chance(isOwner ? 0.3 : 0.1);
  const coverage = rider ? (rng.chance(0.6) ? 100_000_000 : 200_000_000) : null;
  const currentYear = insuranceYearOf(REFERENCE_DAY);
  const rows: InsuranceEnrolmentRow[] = [];
  for (const year of INSURANCE_YEARS) {
    const from = july1(year);
    const to = july1(year + 1) - 1;
    const m = jma.find(
      (r) => r.joinedOn <= formatDay(to) && (r.leftOn === null || r.leftOn >= formatDay(from)),
    );
    if (!m || !INSURED_JMA_CATEGORIES.has(m.category)) continue;
    const enrolledOn = m.joinedOn > formatDay(from) ? m.joinedOn : formatDay(from);
    rows.push({
      id: rng.uuid(),
      personId,
      insuranceYear: year,
      category: m.category,
      status: year === currentYear && m.leftOn === null ? 'ENROLLED' : 'ENDED',
      enrolledOn,
      rider,
      riderCoverageYen: coverage,
    });
  }
  return rows;
}

function acceptanceFor(rng: Rng, personId: string, termsVersionId: string): TermsAcceptanceRow | null {
  if (!rng.chance(TERMS_ACCEPTANCE_RATE)) return null;
  const day = rng.int(TERMS_EFFECTIVE_DAY, REFERENCE_DAY);
  return {
    id: rng.uuid(),
    personId,
    termsVersionId,
    acceptedAt: formatJst(day, rng.int(8 * 60, 22 * 60)),
    method: 'LOGIN_PAGE',
  };
}

function attendanceFor(
  rng: Rng,
  ctx: PersonContext,
  personId: string,
  place: MunicipalEntry,
  memberships: readonly MembershipRow[],
  registryDay: number,
): AttendanceRow[] {
  const activeIds = memberships.filter((m) => m.status === 'ACTIVE').map((m) => m.associationId);
  const count = (activeIds.length > 0 ? MEMBER_TRAININGS : NON_MEMBER_TRAININGS).pick(rng);
  if (count === 0) return [];
  const { tree } = ctx;
  // Anyone may attend the sessions of their local associations and the JMA (training exception).
  const hosts: [string, number][] = [
    [place.association.id, 3],
    [tree.prefectural[place.prefecture.code]!.id, 3],
    [tree.national.id, 3],
  ];
  for (const id of activeIds) if (!hosts.some(([h]) => h === id)) hosts.push([id, 1]);
  return pickSessions(rng, ctx.catalogue, hosts, count, registryDay).map((s) =>
    attendanceRow(rng, personId, s, REFERENCE_DAY),
  );
}

// ---------------------------------------------------------------------------------------------
// One person

function contact(rng: Rng, place: MunicipalEntry, given: string, family: string) {
  const [lo, hi] = place.prefecture.postal;
  return {
    email: `${given}.${family}${rng.int(1, 99)}@${rng.pick(EMAIL_DOMAINS)}`,
    phone: `0${rng.pick(['90', '80', '70'])}-${pad(rng.int(0, 9999), 4)}-${pad(rng.int(0, 9999), 4)}`,
    postalCode: `${pad(rng.int(lo, hi), 3)}${pad(rng.int(0, 9999), 4)}`,
    address: `${place.prefecture.name}${place.municipality.name}${rng.pick(TOWN_NAMES)}${rng.int(1, 5)}-${rng.int(1, 30)}-${rng.int(1, 20)}`,
  };
}

/** The bundle of generated person number `index`. */
export function generatePerson(ctx: PersonContext, index: number, registry: RegistryAllocator): PersonBundle {
  const rng = Rng.derive(ctx.seed, 0x9e850, index);
  const id = rng.uuid();
  const birthDay = birthDayFor(rng);
  const age = yearsBetween(birthDay, REFERENCE_DAY);
  const sex = rng.chance(femaleShare(age)) ? 'FEMALE' : 'MALE';
  const family = FAMILY.pick(rng);
  const given = pickGivenName(rng, sex, birthDay);
  const registryDay = registryDayFor(rng, birthDay);
  const home = randomPlace(rng, ctx.tree);
  const stints = buildCareer(rng, ctx.tree, birthDay, registryDay, home);
  const current = stints[stints.length - 1]!;
  const departments = departmentsFor(rng);
  const pattern = pickPattern(rng, current);
  const facility = facilityFor(
    rng,
    ctx.tree,
    current,
    age,
    family.kanji,
    departments[0]!,
    pattern === 'WORKPLACE',
  );
  const plan = planMembership(rng, pattern, stints, registryDay);
  const memberships = membershipsFor(rng, ctx.tree, id, stints, facility, plan);
  const person: PersonRow = {
    id,
    familyName: family.kanji,
    givenName: given.kanji,
    familyNameKana: family.kana,
    givenNameKana: given.kana,
    birthDate: formatDay(birthDay),
    sex,
    registryNumber: registry.allocate(registryDay, rng.next()),
    registryDate: formatDay(registryDay),
    ...contact(rng, home, given.romaji, family.romaji),
    prefectureCode: home.prefecture.code,
    school: schoolFor(rng, stints[0]!.place, facility),
    facilityName: facility.name,
    facilityRole: facility.role,
    departments,
  };
  const insurance = insuranceFor(rng, id, memberships, ctx.tree.national.id);
  const acceptance = acceptanceFor(rng, id, ctx.termsVersionId);
  const attendance = attendanceFor(rng, ctx, id, home, memberships, registryDay);
  return {
    person,
    memberships,
    insurance,
    acceptance,
    attendance,
    credits: creditsFor(ctx.seed, ctx.catalogue, GENERATED_ORDINAL_BASE + index, id, registryDay, attendance),
    pattern: plan.pattern,
  };
}
