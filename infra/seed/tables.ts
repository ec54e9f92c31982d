/**
 * The rows the seed produces, one interface per table (columns as created by the services'
 * migrations), and how each row is written as a COPY TEXT line. `created_at`/`updated_at`/`version`
 * are left to their column defaults. Values that are produced by the generator in a fixed safe
 * alphabet (uuids, dates, enums, numbers) are written as they are; free text goes through `text`.
 */
import { bool, numberOrNull, text, textArray, textOrNull } from './copy-format';

export interface AssociationRow {
  id: string;
  code: string;
  name: string;
  nameKana: string;
  tier: 'NATIONAL' | 'PREFECTURAL' | 'MUNICIPAL' | 'DISTRICT' | 'WORKPLACE';
  kind: 'UNIVERSITY' | 'COMPANY' | null;
  prefectureCode: number | null;
  parentId: string | null;
}

export interface PersonRow {
  id: string;
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  birthDate: string;
  sex: 'MALE' | 'FEMALE';
  registryNumber: string;
  registryDate: string;
  email: string;
  phone: string;
  postalCode: string;
  prefectureCode: number;
  address: string;
  school: string;
  facilityName: string;
  facilityRole: string;
  departments: string[];
}

export interface MembershipRow {
  id: string;
  personId: string;
  associationId: string;
  category: string;
  status: 'ACTIVE' | 'LEFT' | 'TRANSFERRED';
  joinedOn: string;
  leftOn: string | null;
  /** The person's kana name: the page sort key on the membership row (set by the person pass). */
  familyNameKana?: string;
  givenNameKana?: string;
  /** The person's sex, prefecture and birth date (the maintained member statistics' keys). */
  personSex?: string;
  personPrefectureCode?: number | null;
  personBirthDate?: string;
}

export interface TrainingSessionRow {
  id: string;
  hostAssociationId: string;
  programCode: string;
  title: string;
  /** JST timestamp literal. */
  startsAt: string;
  venue: string | null;
  /** numeric(5,1) literal, e.g. '1.5'. */
  units: string;
  capacity: number | null;
}

export interface AttendanceRow {
  id: string;
  sessionId: string;
  personId: string;
  status: 'REGISTERED' | 'ATTENDED' | 'CANCELLED';
  attendedAt: string | null;
  units: string;
}

export interface InsuranceEnrolmentRow {
  id: string;
  personId: string;
  insuranceYear: number;
  category: string;
  status: 'ENROLLED' | 'ENDED';
  enrolledOn: string;
  rider: boolean;
  riderCoverageYen: number | null;
}

export interface TermsVersionRow {
  id: string;
  version: string;
  titleJa: string;
  titleEn: string;
  bodyJa: string;
  bodyEn: string;
  effectiveFrom: string;
  requiresAcceptance: boolean;
}

export interface TermsAcceptanceRow {
  id: string;
  personId: string;
  termsVersionId: string;
  acceptedAt: string;
  method: 'LOGIN_PAGE' | 'MIGRATION';
}

export interface CreditEntryRow {
  id: string;
  personId: string;
  programCode: string;
  code: string;
  /** numeric(5,1) literal; negative only in a reversing entry. */
  units: string;
  earnedOn: string;
  source: 'SESSION' | 'MANUAL';
  sessionId: string | null;
  evidence: string | null;
  reversesEntryId: string | null;
  recordedBy: string;
  /** JST timestamp literal. */
  recordedAt: string;
}

export interface RowTypes {
  'membership.association': AssociationRow;
  'membership.person': PersonRow;
  'membership.membership': MembershipRow;
  'training.training_session': TrainingSessionRow;
  'training.attendance': AttendanceRow;
  'insurance_pension.insurance_enrolment': InsuranceEnrolmentRow;
  'consent.terms_version': TermsVersionRow;
  'consent.terms_acceptance': TermsAcceptanceRow;
  'training.credit_entry': CreditEntryRow;
}

export type TableName = keyof RowTypes;

export interface TableCodec<R> {
  columns: readonly string[];
  encode(row: R): string;
}

/**
 * Column lists and COPY encoders, in the order the tables must be loaded (parents first).
 * Encoders use template literals rather than array joins: they run a few million times per load.
 */
export const CODECS: { readonly [K in TableName]: TableCodec<RowTypes[K]> } = {
  'membership.association': {
    columns: ['id', 'code', 'name', 'name_kana', 'tier', 'kind', 'prefecture_code', 'parent_id'],
    encode: (r) =>
      `${r.id}\t${text(r.code)}\t${text(r.name)}\t${text(r.nameKana)}\t${r.tier}\t${textOrNull(r.kind)}\t${numberOrNull(r.prefectureCode)}\t${textOrNull(r.parentId)}\n`,
  },
  'membership.person': {
    columns: [
      'id',
      'family_name',
      'given_name',
      'family_name_kana',
      'given_name_kana',
      'birth_date',
      'sex',
      'registry_number',
      'registry_date',
      'email',
      'phone',
      'postal_code',
      'prefecture_code',
      'address',
      'school',
      'facility_name',
      'facility_role',
      'departments',
    ],
    encode: (r) =>
      `${r.id}\t${text(r.familyName)}\t${text(r.givenName)}\t${text(r.familyNameKana)}\t${text(r.givenNameKana)}\t` +
      `${r.birthDate}\t${r.sex}\t${text(r.registryNumber)}\t${r.registryDate}\t${text(r.email)}\t${text(r.phone)}\t` +
      `${text(r.postalCode)}\t${r.prefectureCode}\t${text(r.address)}\t${text(r.school)}\t${text(r.facilityName)}\t` +
      `${text(r.facilityRole)}\t${textArray(r.departments)}\n`,
  },
  'membership.membership': {
    columns: [
      'id',
      'person_id',
      'association_id',
      'category',
      'status',
      'joined_on',
      'left_on',
      'family_name_kana',
      'given_name_kana',
      'person_sex',
      'person_prefecture_code',
      'person_birth_date',
    ],
    // the person's columns are what the table's trigger would copy (the COPY runs with triggers off)
    encode: (r) =>
      `${r.id}\t${r.personId}\t${r.associationId}\t${text(r.category)}\t${r.status}\t${r.joinedOn}\t${textOrNull(r.leftOn)}\t${textOrNull(r.familyNameKana ?? null)}\t${textOrNull(r.givenNameKana ?? null)}\t` +
      `${textOrNull(r.personSex ?? null)}\t${numberOrNull(r.personPrefectureCode ?? null)}\t${textOrNull(r.personBirthDate ?? null)}\n`,
  },
  'training.training_session': {
    columns: [
      'id',
      'host_association_id',
      'program_code',
      'title',
      'starts_at',
      'venue',
      'units',
      'capacity',
    ],
    encode: (r) =>
      `${r.id}\t${r.hostAssociationId}\t${r.programCode}\t${text(r.title)}\t${r.startsAt}\t${textOrNull(r.venue)}\t${r.units}\t${numberOrNull(r.capacity)}\n`,
  },
  'training.attendance': {
    columns: ['id', 'session_id', 'person_id', 'status', 'attended_at', 'units'],
    encode: (r) =>
      `${r.id}\t${r.sessionId}\t${r.personId}\t${r.status}\t${textOrNull(r.attendedAt)}\t${r.units}\n`,
  },
  'insurance_pension.insurance_enrolment': {
    columns: [
      'id',
      'person_id',
      'insurance_year',
      'category',
      'status',
      'enrolled_on',
      'rider',
      'rider_coverage_yen',
    ],
    encode: (r) =>
      `${r.id}\t${r.personId}\t${r.insuranceYear}\t${text(r.category)}\t${r.status}\t${r.enrolledOn}\t${bool(r.rider)}\t${numberOrNull(r.riderCoverageYen)}\n`,
  },
  'consent.terms_version': {
    columns: [
      'id',
      'version',
      'title_ja',
      'title_en',
      'body_ja',
      'body_en',
      'effective_from',
      'requires_acceptance',
    ],
    encode: (r) =>
      `${r.id}\t${text(r.version)}\t${text(r.titleJa)}\t${text(r.titleEn)}\t${text(r.bodyJa)}\t${text(r.bodyEn)}\t${r.effectiveFrom}\t${bool(r.requiresAcceptance)}\n`,
  },
  'consent.terms_acceptance': {
    columns: ['id', 'person_id', 'terms_version_id', 'accepted_at', 'method'],
    encode: (r) => `${r.id}\t${r.personId}\t${r.termsVersionId}\t${r.acceptedAt}\t${r.method}\n`,
  },
  'training.credit_entry': {
    columns: [
      'id',
      'person_id',
      'program_code',
      'code',
      'units',
      'earned_on',
      'source',
      'session_id',
      'evidence',
      'reverses_entry_id',
      'recorded_by',
      'recorded_at',
    ],
    encode: (r) =>
      `${r.id}\t${r.personId}\t${r.programCode}\t${text(r.code)}\t${r.units}\t${r.earnedOn}\t${r.source}\t` +
      `${textOrNull(r.sessionId)}\t${textOrNull(r.evidence)}\t${textOrNull(r.reversesEntryId)}\t${text(r.recordedBy)}\t${r.recordedAt}\n`,
  },
};

export const TABLE_NAMES = Object.keys(CODECS) as TableName[];
