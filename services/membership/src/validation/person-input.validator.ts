import { badInput, clock } from '@mamis/platform';
import { FACILITY_FOUNDER_TYPES, type FacilityFounderType, type Sex } from '../entities/person.entity';
import { isKatakana, normalizeKana, normalizeText } from './text.normalizer';

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
  if (!v) throw badInput(path, 'must not be empty');
  if (v.length > max) throw badInput(path, `must have at most ${max} characters`);
  return v;
}

function kana(path: string, value: string): string {
  const v = normalizeKana(value);
  if (!v) throw badInput(path, 'must not be empty');
  if (!isKatakana(v)) throw badInput(path, 'must be written in katakana (カタカナ)');
  if (v.length > 50) throw badInput(path, 'must have at most 50 characters');
  return v;
}

/** 医籍登録番号: digits only, 1–7 of them, not all zero. */
export function registryNumber(path: string, value: string): string {
  const v = normalizeText(value).replace(/[\s-]/g, '');
  if (!/^\d{1,7}$/.test(v) || /^0+$/.test(v))
    throw badInput(path, 'must be the medical registry number: 1 to 7 digits');
  return v;
}

/** A Japanese postal code: 7 digits, stored without the hyphen. */
export function postalCode(path: string, value: string): string {
  const v = normalizeText(value).replace(/^〒\s*/, '');
  if (!/^\d{3}-?\d{4}$/.test(v)) throw badInput(path, 'must be a 7-digit postal code (e.g. 100-0001)');
  return v.replace('-', '');
}

/** A Japanese phone number: 10 or 11 digits starting with 0, hyphens optional (kept as typed). */
export function phone(path: string, value: string): string {
  const v = normalizeText(value)
    .replace(/[ー−‐―]/g, '-')
    .replace(/\s/g, '');
  const digits = v.replace(/-/g, '');
  if (!/^0[\d-]*\d$/.test(v) || v.includes('--') || !/^0\d{9,10}$/.test(digits))
    throw badInput(path, 'must be a phone number of 10 or 11 digits starting with 0 (e.g. 03-1234-5678)');
  return v;
}

export function email(path: string, value: string): string {
  const v = normalizeText(value);
  const at = v.lastIndexOf('@');
  if (v.length > 254 || !EMAIL.test(v)) throw badInput(path, 'must be an e-mail address');
  return `${v.slice(0, at)}@${v.slice(at + 1).toLowerCase()}`;
}

function prefecture(path: string, value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > 47)
    throw badInput(path, 'must be a prefecture code from 1 (北海道) to 47 (沖縄県)');
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
      if (input[f] === undefined || input[f] === null) throw badInput(p(f), 'is required');

  for (const f of Object.keys(input) as (keyof PersonInput)[]) {
    if (!(f in COLUMN)) continue;
    const raw = input[f];
    if (raw === undefined) continue;
    if (raw === null) {
      if ((REQUIRED_ON_CREATE as string[]).includes(f)) throw badInput(p(f), 'must not be empty');
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
          throw badInput(p(f), 'is not a known founder type');
        set(f, raw as string);
        break;
      case 'sex':
        if (!['MALE', 'FEMALE', 'OTHER'].includes(raw as string)) throw badInput(p(f), 'is not a known sex');
        set(f, raw as string);
        break;
      case 'birthDate':
      case 'registryDate':
        set(f, raw as string);
        break;
      case 'graduationYear': {
        const y = raw as number;
        const thisYear = Number(today.slice(0, 4));
        if (!Number.isInteger(y) || y < 1900 || y > thisYear + 1)
          throw badInput(p(f), `must be a year between 1900 and ${thisYear + 1}`);
        set(f, y);
        break;
      }
      case 'departments': {
        const list = (raw as string[]).map((d, i) => text(`${p(f)}.${i}`, d, 40));
        if (list.length > 20) throw badInput(p(f), 'must list at most 20 departments');
        const dup = list.findIndex((d, i) => list.indexOf(d) !== i);
        if (dup >= 0) throw badInput(`${p(f)}.${dup}`, 'is listed twice');
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
    if (birth! > today) throw badInput(p('birthDate'), 'must not be in the future');
    if (birth! < '1900-01-01') throw badInput(p('birthDate'), 'must be on or after 1900-01-01');
  }
  if (out.registry_date && (out.registry_date as string) > today)
    throw badInput(p('registryDate'), 'must not be in the future');
  if (
    birth &&
    registry &&
    registry <= birth &&
    (out.registry_date !== undefined || out.birth_date !== undefined)
  )
    throw badInput(
      out.registry_date !== undefined ? p('registryDate') : p('birthDate'),
      'the registration date must be after the birth date',
    );
  if (out.graduation_year !== undefined && out.graduation_year !== null && birth) {
    if ((out.graduation_year as number) <= Number(birth.slice(0, 4)))
      throw badInput(p('graduationYear'), 'must be after the year of birth');
  }
  return out;
}

/** The input fields that were sent (not undefined). */
export const sentFields = (input: PersonInput): (keyof PersonInput)[] =>
  (Object.keys(input) as (keyof PersonInput)[]).filter((f) => f in COLUMN && input[f] !== undefined);
