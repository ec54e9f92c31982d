/**
 * The well-known demo persons of fixtures.ts as bundles. Their ids and contents do not depend on
 * the seed; only the association ids they point to do.
 */
import { dayOf, formatJst } from './dates';
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
import { REFERENCE_DAY, type PersonBundle, type PersonContext } from './generate-persons';
import { creditsFor } from './generate-credits';
import { attendanceRow } from './generate-training';
import { Rng } from './random';
import type { MembershipRow, PersonRow } from './tables';

interface FixtureSpec {
  name: readonly [family: string, given: string, familyKana: string, givenKana: string];
  sex: PersonRow['sex'];
  birthDate: string;
  registryDate: string;
  facility: readonly [name: string, role: string];
  school: string;
  departments: string[];
  /** [association code, category]; all joined on `joinedOn`. */
  memberships: readonly (readonly [string, string])[];
  /** Set for the former member: every membership LEFT on this day. */
  leftOn?: string;
}

const JOINED_ON = '2010-04-01';

const SPECS: Readonly<Record<DemoPersonKey, FixtureSpec>> = {
  municipalOnly: {
    name: ['山田', '太郎', 'ヤマダ', 'タロウ'],
    sex: 'MALE',
    birthDate: '1972-06-15',
    registryDate: '1998-05-01',
    facility: ['山田内科クリニック', '院長'],
    school: '東京大学',
    departments: ['内科'],
    memberships: [[DEMO_MUNICIPAL_CODE, 'A']],
  },
  upToPrefectural: {
    name: ['鈴木', '花子', 'スズキ', 'ハナコ'],
    sex: 'FEMALE',
    birthDate: '1980-11-02',
    registryDate: '2006-05-10',
    facility: ['東京都立文京病院', '医長'],
    school: '順天堂大学',
    departments: ['小児科'],
    memberships: [
      [DEMO_MUNICIPAL_CODE, 'B'],
      [DEMO_PREFECTURAL_CODE, 'B'],
    ],
  },
  upToNational: {
    name: ['佐藤', '一郎', 'サトウ', 'イチロウ'],
    sex: 'MALE',
    birthDate: '1965-03-20',
    registryDate: '1991-05-01',
    facility: ['佐藤整形外科クリニック', '院長'],
    school: '東京医科歯科大学',
    departments: ['整形外科', 'リハビリテーション科'],
    memberships: [
      [DEMO_MUNICIPAL_CODE, 'A'],
      [DEMO_PREFECTURAL_CODE, 'A'],
      [NATIONAL_CODE, 'A①'],
    ],
  },
  trainingOnlyNonMember: {
    name: ['高橋', '美咲', 'タカハシ', 'ミサキ'],
    sex: 'FEMALE',
    birthDate: '1988-08-08',
    registryDate: '2014-05-01',
    facility: ['株式会社文京製作所 健康管理センター', '産業医'],
    school: '日本医科大学',
    departments: ['内科'],
    memberships: [],
  },
  districtMember: {
    name: ['田中', '健太', 'タナカ', 'ケンタ'],
    sex: 'MALE',
    birthDate: '1983-01-25',
    registryDate: '2009-05-01',
    facility: ['国立病院機構文京医療センター', '勤務医'],
    school: '慶應義塾大学',
    departments: ['外科'],
    memberships: [[DEMO_DISTRICT_CODE, 'B']],
  },
  workplaceMember: {
    name: ['伊藤', '直樹', 'イトウ', 'ナオキ'],
    sex: 'MALE',
    birthDate: '1978-09-30',
    registryDate: '2004-05-01',
    facility: ['東京大学医学部附属病院', '助教'],
    school: '東京大学',
    departments: ['循環器内科'],
    memberships: [[DEMO_WORKPLACE_CODE, 'B']],
  },
  formerMember: {
    name: ['渡辺', '和夫', 'ワタナベ', 'カズオ'],
    sex: 'MALE',
    birthDate: '1948-04-10',
    registryDate: '1974-05-01',
    facility: ['渡辺医院', '院長'],
    school: '日本大学',
    departments: ['内科', '小児科'],
    memberships: [
      [DEMO_MUNICIPAL_CODE, 'A'],
      [DEMO_PREFECTURAL_CODE, 'A'],
      [NATIONAL_CODE, 'A①'],
    ],
    leftOn: '2023-03-31',
  },
};

function personRow(key: DemoPersonKey, spec: FixtureSpec, index: number): PersonRow {
  const [familyName, givenName, familyNameKana, givenNameKana] = spec.name;
  return {
    id: DEMO_PERSON_IDS[key],
    familyName,
    givenName,
    familyNameKana,
    givenNameKana,
    birthDate: spec.birthDate,
    sex: spec.sex,
    registryNumber: DEMO_PERSONS[key],
    registryDate: spec.registryDate,
    email: `demo${DEMO_PERSONS[key]}@example.jp`,
    phone: `03-3900-00${String(index + 1).padStart(2, '0')}`,
    postalCode: '1130001',
    prefectureCode: 13,
    address: `東京都文京区本町1-${index + 1}-1`,
    school: spec.school,
    facilityName: spec.facility[0],
    facilityRole: spec.facility[1],
    departments: spec.departments,
  };
}

function membershipRows(rng: Rng, ctx: PersonContext, personId: string, spec: FixtureSpec): MembershipRow[] {
  return spec.memberships.map(([code, category]) => {
    const association = ctx.tree.byCode.get(code);
    if (!association) throw new Error(`fixture association ${code} is missing from the tree`);
    return {
      id: rng.uuid(),
      personId,
      associationId: association.id,
      category,
      status: spec.leftOn ? 'LEFT' : 'ACTIVE',
      joinedOn: JOINED_ON,
      leftOn: spec.leftOn ?? null,
    };
  });
}

/** The seven fixture bundles, in DEMO_PERSONS order. */
export function fixtureBundles(ctx: PersonContext): PersonBundle[] {
  const rng = new Rng(0xf1c7);
  return (Object.keys(SPECS) as DemoPersonKey[]).map((key, index) => {
    const spec = SPECS[key];
    const person = personRow(key, spec, index);
    const bundle: PersonBundle = {
      person,
      memberships: membershipRows(rng, ctx, person.id, spec),
      attendance: [],
      insurance: [],
      acceptance: null,
      credits: [],
      pattern: 'FIXTURE',
    };
    if (key === 'upToNational') {
      bundle.insurance.push({
        id: rng.uuid(),
        personId: person.id,
        insuranceYear: 2024,
        category: 'A①',
        status: 'ENROLLED',
        enrolledOn: '2024-07-01',
        rider: true,
        riderCoverageYen: 200_000_000,
      });
      bundle.acceptance = {
        id: rng.uuid(),
        personId: person.id,
        termsVersionId: ctx.termsVersionId,
        acceptedAt: formatJst(dayOf(2024, 10, 1), 9 * 60 + 30),
        method: 'LOGIN_PAGE',
      };
    }
    if (key === 'trainingOnlyNonMember') {
      for (const sessionId of [DEMO_SESSION_IDS.municipalOwn, DEMO_SESSION_IDS.jmaCme]) {
        const session = ctx.catalogue.sessions.find((s) => s.row.id === sessionId)!;
        bundle.attendance.push(attendanceRow(rng, person.id, session, REFERENCE_DAY, 0));
      }
    }
    const [y, m, d] = person.registryDate.split('-').map(Number);
    bundle.credits = creditsFor(
      ctx.seed,
      ctx.catalogue,
      index,
      person.id,
      dayOf(y!, m!, d!),
      bundle.attendance,
    );
    return bundle;
  });
}
