import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { clock } from '@mamis/platform';
import { Rng } from '../seed/random';
import {
  LEGACY_FILES,
  type LegacyCertificate,
  type LegacyCredit,
  type LegacyEntity,
  type LegacyInsurance,
  type LegacyMembershipEvent,
  type LegacyPension,
  type LegacyPerson,
  type RejectReason,
} from './legacy-format';

/**
 * A previous-system export of `persons` persons with their history, for tests and the benchmark.
 * Deterministic for a seed. With `errorEvery` > 0, every n-th person carries one deliberate
 * error (cycling through the kinds below) and the generator says which row should be rejected
 * with which code — the dry run must report exactly those.
 */
export interface GenerateOptions {
  persons: number;
  seed?: number;
  /** The associations memberships go to (codes that exist in the target database). */
  associationCodes: string[];
  errorEvery?: number;
  /** Registry numbers start above this (keeps generated numbers apart from other data). */
  registryBase?: number;
}

export interface ExpectedRejection {
  file: string;
  legacyId: string | null;
  code: RejectReason;
}

export interface GeneratedExport {
  counts: Record<LegacyEntity, number>;
  expected: ExpectedRejection[];
  /** Legacy ids of the persons that must be imported. */
  validPersons: string[];
}

const FAMILY = [
  ['佐藤', 'サトウ'],
  ['鈴木', 'スズキ'],
  ['高橋', 'タカハシ'],
  ['田中', 'タナカ'],
  ['伊藤', 'イトウ'],
  ['渡辺', 'ワタナベ'],
  ['山本', 'ヤマモト'],
  ['中村', 'ナカムラ'],
] as const;
const GIVEN = [
  ['太郎', 'タロウ', 'MALE'],
  ['健', 'ケン', 'MALE'],
  ['誠', 'マコト', 'MALE'],
  ['花子', 'ハナコ', 'FEMALE'],
  ['陽子', 'ヨウコ', 'FEMALE'],
  ['恵', 'メグミ', 'FEMALE'],
] as const;
const DEPARTMENTS = ['内科', '外科', '小児科', '整形外科', '眼科', '皮膚科', '精神科'];
const CATEGORIES = ['A①', 'A②(B)', 'B', 'C'];
const ERROR_KINDS = [
  'badBirthDate',
  'missingName',
  'duplicateRegistry',
  'unknownAssociation',
  'leaveBeforeJoin',
  'badUnits',
  'unknownProgram',
  'orphanCredit',
  'badJson',
] as const;

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const date = (rng: Rng, fromYear: number, toYear: number) =>
  `${rng.int(fromYear, toYear)}-${pad(rng.int(1, 12), 2)}-${pad(rng.int(1, 28), 2)}`;

/** Write the export into `dir` (created if needed). */
export function generateLegacyExport(dir: string, opts: GenerateOptions): GeneratedExport {
  mkdirSync(dir, { recursive: true });
  const rng = new Rng(opts.seed ?? 1);
  const lines: Record<LegacyEntity, string[]> = {
    persons: [],
    membershipEvents: [],
    credits: [],
    certificates: [],
    insurance: [],
    pension: [],
  };
  const expected: ExpectedRejection[] = [];
  const validPersons: string[] = [];
  const base = opts.registryBase ?? 5_000_000;
  const push = <T>(entity: LegacyEntity, row: T) => lines[entity].push(JSON.stringify(row));
  const thisYear = Number(clock.today().slice(0, 4));
  let errorNo = 0;
  let previousRegistry = '';
  for (let i = 1; i <= opts.persons; i++) {
    const legacyId = `P${pad(i, 7)}`;
    const error =
      opts.errorEvery && i % opts.errorEvery === 0 ? ERROR_KINDS[errorNo++ % ERROR_KINDS.length] : null;
    const [family, familyKana] = FAMILY[rng.int(0, FAMILY.length - 1)]!;
    const [given, givenKana, sex] = GIVEN[rng.int(0, GIVEN.length - 1)]!;
    const birthYear = rng.int(1945, 1995);
    const registry = String(base + i);
    const person: LegacyPerson = {
      legacyId,
      familyName: family,
      givenName: given,
      familyNameKana: familyKana,
      givenNameKana: givenKana,
      birthDate: date(rng, birthYear, birthYear),
      sex,
      registryNumber: error === 'duplicateRegistry' ? previousRegistry : registry,
      registryDate: date(rng, birthYear + 25, birthYear + 26),
      email: `legacy${i}@example.jp`,
      phone: `03-${pad(rng.int(1000, 9999), 4)}-${pad(rng.int(0, 9999), 4)}`,
      postalCode: `${pad(rng.int(100, 999), 3)}-${pad(rng.int(0, 9999), 4)}`,
      prefectureCode: 13,
      address: `東京都文京区本駒込${rng.int(1, 6)}-${rng.int(1, 30)}-${rng.int(1, 20)}`,
      homePostalCode: null,
      homePrefectureCode: 13,
      homeAddress: `東京都文京区千駄木${rng.int(1, 5)}-${rng.int(1, 30)}`,
      homePhone: null,
      school: '東京大学',
      graduationYear: birthYear + 24,
      facilityName: `文京クリニック${i}`,
      facilityFounderType: rng.chance(0.5) ? 'INDIVIDUAL' : 'MEDICAL_CORPORATION',
      facilityRole: '院長',
      departments: [DEPARTMENTS[rng.int(0, DEPARTMENTS.length - 1)]!],
    };
    previousRegistry = registry;
    if (error === 'badBirthDate') person.birthDate = `${birthYear}-02-30`;
    if (error === 'missingName') (person as Partial<LegacyPerson>).familyName = undefined;
    if (error === 'badJson') {
      lines.persons.push(`${JSON.stringify(person).slice(0, -5)}`);
      expected.push({ file: LEGACY_FILES.persons, legacyId: null, code: 'INVALID_JSON' });
    } else push('persons', person);
    const personRejected =
      error === 'badBirthDate' || error === 'missingName' || error === 'duplicateRegistry';
    if (error === 'badBirthDate')
      expected.push({ file: LEGACY_FILES.persons, legacyId, code: 'INVALID_FIELD' });
    if (error === 'missingName')
      expected.push({ file: LEGACY_FILES.persons, legacyId, code: 'MISSING_FIELD' });
    if (error === 'duplicateRegistry')
      expected.push({ file: LEGACY_FILES.persons, legacyId, code: 'DUPLICATE_REGISTRY_NUMBER' });
    if (!personRejected && error !== 'badJson') validPersons.push(legacyId);
    const gone = personRejected || error === 'badJson';

    // membership history: join one or two associations, sometimes a category change or a leave
    // the history lies in the past whatever the clock says (the latest event: 2 years ago)
    const joinYear = Math.min(birthYear + rng.int(27, 35), thisYear - 8);
    const assocs = [opts.associationCodes[rng.int(0, opts.associationCodes.length - 1)]!];
    if (opts.associationCodes.length > 1 && rng.chance(0.4)) {
      const other = opts.associationCodes.find((c) => c !== assocs[0])!;
      assocs.push(other);
    }
    let ev = 0;
    const event = (e: Omit<LegacyMembershipEvent, 'legacyId' | 'personLegacyId'>) => {
      const row = { legacyId: `${legacyId}-E${++ev}`, personLegacyId: legacyId, ...e };
      push('membershipEvents', row);
      if (gone)
        expected.push({
          file: LEGACY_FILES.membershipEvents,
          legacyId: row.legacyId,
          code: 'UNKNOWN_PERSON',
        });
      return row;
    };
    assocs.forEach((code, k) => {
      const joined = `${joinYear + k}-04-01`;
      if (k === 0 && error === 'leaveBeforeJoin') {
        const row = event({ associationCode: code, kind: 'LEAVE', effectiveOn: `${joinYear - 1}-03-31` });
        expected.push({
          file: LEGACY_FILES.membershipEvents,
          legacyId: row.legacyId,
          code: 'INVALID_HISTORY',
        });
      }
      if (k === 0 && error === 'unknownAssociation') {
        const row = event({
          associationCode: 'NO-SUCH-CODE',
          kind: 'JOIN',
          category: 'B',
          effectiveOn: joined,
        });
        expected.push({
          file: LEGACY_FILES.membershipEvents,
          legacyId: row.legacyId,
          code: 'UNKNOWN_ASSOCIATION',
        });
      }
      event({
        associationCode: code,
        kind: 'JOIN',
        category: CATEGORIES[rng.int(0, 3)]!,
        effectiveOn: joined,
      });
      if (rng.chance(0.3))
        event({
          associationCode: code,
          kind: 'CATEGORY_CHANGE',
          category: 'A①',
          effectiveOn: `${joinYear + k + 3}-04-01`,
        });
      if (k > 0 && rng.chance(0.3))
        event({ associationCode: code, kind: 'LEAVE', effectiveOn: `${joinYear + k + 5}-03-31` });
    });

    // credits, a certificate, insurance and pension
    const nCredits = rng.int(1, 4);
    for (let c = 1; c <= nCredits; c++) {
      const credit: LegacyCredit = {
        legacyId: `${legacyId}-C${c}`,
        personLegacyId: legacyId,
        programCode: 'CME',
        code: `CC${pad(rng.int(1, 84), 2)}`,
        units: rng.int(1, 6) / 2,
        earnedOn: date(rng, 2019, 2024),
      };
      if (c === 1 && error === 'badUnits') {
        credit.units = 0.3;
        expected.push({ file: LEGACY_FILES.credits, legacyId: credit.legacyId, code: 'INVALID_UNITS' });
      } else if (c === 1 && error === 'unknownProgram') {
        credit.programCode = 'NO_SUCH_PROGRAM';
        expected.push({ file: LEGACY_FILES.credits, legacyId: credit.legacyId, code: 'UNKNOWN_PROGRAM' });
      } else if (gone)
        expected.push({ file: LEGACY_FILES.credits, legacyId: credit.legacyId, code: 'UNKNOWN_PERSON' });
      push('credits', credit);
    }
    if (error === 'orphanCredit') {
      const orphan: LegacyCredit = {
        legacyId: `${legacyId}-CX`,
        personLegacyId: `X${legacyId}`,
        programCode: 'CME',
        code: 'CC01',
        units: 1,
        earnedOn: '2023-05-01',
      };
      push('credits', orphan);
      expected.push({ file: LEGACY_FILES.credits, legacyId: orphan.legacyId, code: 'UNKNOWN_PERSON' });
    }
    if (rng.chance(0.3)) {
      const from = date(rng, 2021, 2024);
      const cert: LegacyCertificate = {
        legacyId: `${legacyId}-K1`,
        personLegacyId: legacyId,
        programCode: 'OCCUPATIONAL',
        number: `LEGACY-OCC-${legacyId}`,
        validFrom: from,
        validTo: `${Number(from.slice(0, 4)) + 5}${from.slice(4)}`,
        issuerAssociationCode: opts.associationCodes[0]!,
      };
      push('certificates', cert);
      if (gone)
        expected.push({ file: LEGACY_FILES.certificates, legacyId: cert.legacyId, code: 'UNKNOWN_PERSON' });
    }
    if (rng.chance(0.4)) {
      const year = rng.int(2022, 2024);
      const ins: LegacyInsurance = {
        legacyId: `${legacyId}-I${year}`,
        personLegacyId: legacyId,
        insuranceYear: year,
        category: 'A①',
        status: 'ENROLLED',
        enrolledOn: `${year}-07-01`,
        endedOn: null,
        rider: rng.chance(0.3),
        riderCoverageYen: null,
      };
      push('insurance', ins);
      if (gone)
        expected.push({ file: LEGACY_FILES.insurance, legacyId: ins.legacyId, code: 'UNKNOWN_PERSON' });
    }
    if (rng.chance(0.2)) {
      const pen: LegacyPension = {
        legacyId: `${legacyId}-N`,
        personLegacyId: legacyId,
        plan: 'BASIC',
        status: 'ENROLLED',
        contributionStatus: 'CONTRIBUTING',
        enrolledOn: `${joinYear + 1}-04-01`,
        withdrawnOn: null,
        monthlyContributionYen: 12_000,
        contributionsEndOn: `${birthYear + 65}-03-31`,
      };
      push('pension', pen);
      if (gone) expected.push({ file: LEGACY_FILES.pension, legacyId: pen.legacyId, code: 'UNKNOWN_PERSON' });
    }
  }
  for (const entity of Object.keys(lines) as LegacyEntity[])
    writeFileSync(
      path.join(dir, LEGACY_FILES[entity]),
      lines[entity].length ? `${lines[entity].join('\n')}\n` : '',
    );
  return {
    counts: Object.fromEntries(Object.entries(lines).map(([k, v]) => [k, v.length])) as Record<
      LegacyEntity,
      number
    >,
    expected,
    validPersons,
  };
}
