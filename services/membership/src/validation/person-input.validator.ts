import { badInput, clock, isCalendarDate, Messages } from '@mamis/platform';
import { FACILITY_FOUNDER_TYPES, type FacilityFounderType, type Sex } from '../entities/person.entity';
import { isKatakana, normalizeDashes, normalizeKana, normalizeText } from './text.normalizer';

/** The person fields staff and physicians send (PersonInput in the SDL); every one optional. */
export interface PersonInput {
  familyName?: string | null;
  givenName?: string | null;
  familyNameKana?: string | null;
  givenNameKana?: string | null;
  birthDate?: string | null;
  sex?: Sex | null;
  registryNumber?: string | null;
  registryDate?: string | null;
  email?: string | null;
  phone?: string | null;
  postalCode?: string | null;
  prefectureCode?: number | null;
  address?: string | null;
  homePostalCode?: string | null;
  homePrefectureCode?: number | null;
  homeAddress?: string | null;
  homePhone?: string | null;
  school?: string | null;
  graduationYear?: number | null;
  facilityName?: string | null;
  facilityFounderType?: FacilityFounderType | null;
  facilityRole?: string | null;
  departments?: string[] | null;
}

/** Normalised values by database column (only the fields that were sent). */
export type PersonColumns = Record<string, string | number | string[] | null>;

/** Which write operation a field needs (policy.ts): contact data vs identity and profile. */
export const CONTACT_FIELDS: ReadonlySet<keyof PersonInput> = new Set([
  'email',
  'phone',
  'postalCode',
  'prefectureCode',
  'address',
  'homePostalCode',
  'homePrefectureCode',
  'homeAddress',
  'homePhone',
]);

/** The fields a new person must have. */
export const REQUIRED_ON_CREATE: readonly (keyof PersonInput)[] = [
  'familyName',
  'givenName',
  'familyNameKana',
  'givenNameKana',
  'birthDate',
  'sex',
  'registryNumber',
];

const COLUMN: Record<keyof PersonInput, string> = {
  familyName: 'family_name',
  givenName: 'given_name',
  familyNameKana: 'family_name_kana',
  givenNameKana: 'given_name_kana',
  birthDate: 'birth_date',
  sex: 'sex',
  registryNumber: 'registry_number',
  registryDate: 'registry_date',
  email: 'email',
  phone: 'phone',
  postalCode: 'postal_code',
  prefectureCode: 'prefecture_code',
  address: 'address',
  homePostalCode: 'home_postal_code',
  homePrefectureCode: 'home_prefecture_code',
  homeAddress: 'home_address',
  homePhone: 'home_phone',
  school: 'school',
  graduationYear: 'graduation_year',
  facilityName: 'facility_name',
  facilityFounderType: 'facility_founder_type',
  facilityRole: 'facility_role',
  departments: 'departments',
};

const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

function text(path: string, value: string, max: number): string {
  const v = normalizeText(value);
  if (!v) throw badInput(path, Messages.REQUIRED);
  if (v.length > max) throw badInput(path, Messages.TEXT_TOO_LONG({ max }));
  return v;
}

function kana(path: string, value: string): string {
  const v = normalizeKana(value);
  if (!v) throw badInput(path, Messages.REQUIRED);
  if (!isKatakana(v)) throw badInput(path, Messages.KATAKANA_REQUIRED);
  if (v.length > 50) throw badInput(path, Messages.TEXT_TOO_LONG({ max: 50 }));
  return v;
}

/** 医籍登録番号: digits only, 1–7 of them, not all zero. */
export function registryNumber(path: string, value: string): string {
  const v = normalizeDashes(normalizeText(value)).replace(/[\s-]/g, '');
  if (!/^\d{1,7}$/.test(v) || /^0+$/.test(v)) throw badInput(path, Messages.REGISTRY_NUMBER_FORMAT);
  return v;
}

/** A Japanese postal code: 7 digits, stored without the hyphen. */
export function postalCode(path: string, value: string): string {
  const v = normalizeDashes(normalizeText(value))
    .replace(/^〒\s*/, '')
    .replace(/\s/g, '');
  if (!/^\d{3}-?\d{4}$/.test(v)) throw badInput(path, Messages.POSTAL_CODE_FORMAT);
  return v.replace('-', '');
}

/** A Japanese phone number: 10 or 11 digits starting with 0, hyphens optional (kept as typed). */
export function phone(path: string, value: string): string {
  const v = normalizeDashes(normalizeText(value))
    .replace(/[()（）]/g, '-')
    .replace(/^-|-$/g, '')
    .replace(/\s/g, '');
  const digits = v.replace(/-/g, '');
  if (!/^0[\d-]*\d$/.test(v) || v.includes('--') || !/^0\d{9,10}$/.test(digits))
    throw badInput(path, Messages.PHONE_FORMAT);
  return v;
}

export function email(path: string, value: string): string {
  const v = normalizeText(value);
  const at = v.lastIndexOf('@');
  if (v.length > 254 || !EMAIL.test(v)) throw badInput(path, Messages.EMAIL_FORMAT);
  return `${v.slice(0, at)}@${v.slice(at + 1).toLowerCase()}`;
}

function prefecture(path: string, value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > 47) throw badInput(path, Messages.PREFECTURE_CODE);
  return value;
}

/**
 * Validate and normalise a person input. `current` is the stored person (updates) for checks
 * across fields; `today` the Tokyo date (tests pass one). Errors name the field: `<prefix>.<field>`.
 */
export function validatePersonInput(
  input: PersonInput,
  opts: {
    prefix?: string;
    create?: boolean;
    current?: { birthDate: string; registryDate: string | null };
    today?: string;
  } = {},
): PersonColumns {
  const prefix = opts.prefix ?? 'input';
  const today = opts.today ?? clock.today();
  const p = (f: keyof PersonInput) => `${prefix}.${f}`;
  const out: PersonColumns = {};
  const set = (f: keyof PersonInput, v: string | number | string[] | null) => {
    out[COLUMN[f]] = v;
  };
  if (opts.create)
    for (const f of REQUIRED_ON_CREATE)
      if (input[f] === undefined || input[f] === null) throw badInput(p(f), Messages.REQUIRED);

  for (const f of Object.keys(input) as (keyof PersonInput)[]) {
    if (!(f in COLUMN)) continue;
    const raw = input[f];
    if (raw === undefined) continue;
    if (raw === null) {
      if ((REQUIRED_ON_CREATE as string[]).includes(f)) throw badInput(p(f), Messages.REQUIRED);
      set(f, f === 'departments' ? [] : null);
      continue;
    }
    switch (f) {
      case 'familyName':
      case 'givenName':
        set(f, text(p(f), raw as string, 50));
        break;
      case 'familyNameKana':
      case 'givenNameKana':
        set(f, kana(p(f), raw as string));
        break;
      case 'registryNumber':
        set(f, registryNumber(p(f), raw as string));
        break;
      case 'postalCode':
      case 'homePostalCode':
        set(f, postalCode(p(f), raw as string));
        break;
      case 'phone':
      case 'homePhone':
        set(f, phone(p(f), raw as string));
        break;
      case 'email':
        set(f, email(p(f), raw as string));
        break;
      case 'prefectureCode':
      case 'homePrefectureCode':
        set(f, prefecture(p(f), raw as number));
        break;
      case 'address':
      case 'homeAddress':
        set(f, text(p(f), raw as string, 200));
        break;
      case 'school':
      case 'facilityName':
        set(f, text(p(f), raw as string, 100));
        break;
      case 'facilityRole':
        set(f, text(p(f), raw as string, 50));
        break;
      case 'facilityFounderType':
        if (!FACILITY_FOUNDER_TYPES.includes(raw as FacilityFounderType))
          throw badInput(p(f), Messages.FOUNDER_TYPE_UNKNOWN);
        set(f, raw as string);
        break;
      case 'sex':
        if (!['MALE', 'FEMALE', 'OTHER'].includes(raw as string)) throw badInput(p(f), Messages.SEX_UNKNOWN);
        set(f, raw as string);
        break;
      case 'birthDate':
      case 'registryDate':
        // the Date scalar checks API input; imports (legacy export, rosters) come here unchecked
        if (typeof raw !== 'string' || !isCalendarDate(raw)) throw badInput(p(f), Messages.CALENDAR_DATE);
        set(f, raw);
        break;
      case 'graduationYear': {
        const y = raw as number;
        const thisYear = Number(today.slice(0, 4));
        if (!Number.isInteger(y) || y < 1900 || y > thisYear + 1)
          throw badInput(p(f), Messages.GRADUATION_YEAR_RANGE({ max: thisYear + 1 }));
        set(f, y);
        break;
      }
      case 'departments': {
        const list = (raw as string[]).map((d, i) => text(`${p(f)}.${i}`, d, 40));
        if (list.length > 20) throw badInput(p(f), Messages.TOO_MANY_DEPARTMENTS);
        const dup = list.findIndex((d, i) => list.indexOf(d) !== i);
        if (dup >= 0) throw badInput(`${p(f)}.${dup}`, Messages.DEPARTMENT_TWICE);
        set(f, list);
        break;
      }
    }
  }

  // dates: in the past, in order (birth < registration), the year of graduation after birth
  const birth = (out.birth_date as string | undefined) ?? opts.current?.birthDate;
  const registry =
    out.registry_date !== undefined ? (out.registry_date as string | null) : opts.current?.registryDate;
  if (out.birth_date !== undefined) {
    if (birth! > today) throw badInput(p('birthDate'), Messages.DATE_IN_FUTURE);
    if (birth! < '1900-01-01') throw badInput(p('birthDate'), Messages.BIRTH_DATE_BEFORE_1900);
  }
  if (out.registry_date && (out.registry_date as string) > today)
    throw badInput(p('registryDate'), Messages.DATE_IN_FUTURE);
  if (
    birth &&
    registry &&
    registry <= birth &&
    (out.registry_date !== undefined || out.birth_date !== undefined)
  )
    throw badInput(
      out.registry_date !== undefined ? p('registryDate') : p('birthDate'),
      Messages.REGISTRY_BEFORE_BIRTH,
    );
  if (out.graduation_year !== undefined && out.graduation_year !== null && birth) {
    if ((out.graduation_year as number) <= Number(birth.slice(0, 4)))
      throw badInput(p('graduationYear'), Messages.GRADUATION_BEFORE_BIRTH);
  }
  return out;
}

/** The input fields that were sent (not undefined). */
export const sentFields = (input: PersonInput): (keyof PersonInput)[] =>
  (Object.keys(input) as (keyof PersonInput)[]).filter((f) => f in COLUMN && input[f] !== undefined);
