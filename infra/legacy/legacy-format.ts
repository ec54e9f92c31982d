import { createHash } from 'node:crypto';

/**
 * The import format of the previous member system's export (terms art. 13): a folder with one
 * JSON-lines file per entity (docs/legacy-import.md). Every record carries the previous system's
 * own id (`legacyId`); MAMIS ids are derived from it (a name-based UUID), so importing the same
 * export again finds every record already there and changes nothing.
 */

export const LEGACY_FILES = {
  persons: 'persons.jsonl',
  membershipEvents: 'membership-events.jsonl',
  credits: 'credits.jsonl',
  certificates: 'certificates.jsonl',
  insurance: 'insurance.jsonl',
  pension: 'pension.jsonl',
} as const;
export type LegacyEntity = keyof typeof LEGACY_FILES;

/** A person with every item of 別表2 the previous system held. */
export interface LegacyPerson {
  legacyId: string;
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  birthDate: string;
  sex: 'MALE' | 'FEMALE' | 'OTHER';
  registryNumber: string;
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
  facilityFounderType?: string | null;
  facilityRole?: string | null;
  departments?: string[] | null;
}

/** One event of a person's membership history at one association, in effective-date order. */
export interface LegacyMembershipEvent {
  legacyId: string;
  personLegacyId: string;
  associationCode: string;
  kind: 'JOIN' | 'TRANSFER_IN' | 'CATEGORY_CHANGE' | 'LEAVE' | 'TRANSFER_OUT' | 'DEATH';
  /** The category after the event (JOIN, TRANSFER_IN, CATEGORY_CHANGE). */
  category?: string | null;
  effectiveOn: string;
  counterpartAssociationCode?: string | null;
}

/** One line of the credit ledger (単位履歴), recorded manually with the previous system as evidence. */
export interface LegacyCredit {
  legacyId: string;
  personLegacyId: string;
  programCode: string;
  code: string;
  units: number;
  earnedOn: string;
}

export interface LegacyCertificate {
  legacyId: string;
  personLegacyId: string;
  programCode: string;
  number: string;
  validFrom: string;
  validTo: string;
  issuerAssociationCode: string;
}

export interface LegacyInsurance {
  legacyId: string;
  personLegacyId: string;
  insuranceYear: number;
  category: string;
  status: 'ENROLLED' | 'SUSPENDED' | 'ENDED';
  enrolledOn: string;
  endedOn?: string | null;
  rider?: boolean | null;
  riderCoverageYen?: number | null;
}

export interface LegacyPension {
  legacyId: string;
  personLegacyId: string;
  plan: 'BASIC' | 'BASIC_AND_ADDITIONAL';
  status: 'ENROLLED' | 'WITHDRAWN';
  contributionStatus: 'CONTRIBUTING' | 'SUSPENDED';
  enrolledOn: string;
  withdrawnOn?: string | null;
  monthlyContributionYen: number;
  contributionsEndOn: string;
}

/** Why a row is rejected: stable codes, messages in Japanese first and English alongside. */
export const REJECT_REASONS = {
  INVALID_JSON: ['JSON として読み取れません', 'the line is not valid JSON'],
  MISSING_LEGACY_ID: ['旧システムIDがありません', 'legacyId is missing'],
  DUPLICATE_LEGACY_ID: ['旧システムIDが重複しています', 'the legacyId appears more than once in the file'],
  MISSING_FIELD: ['必須項目がありません', 'a required field is missing'],
  INVALID_FIELD: ['項目の値が正しくありません', 'a field has an invalid value'],
  DUPLICATE_REGISTRY_NUMBER: [
    '医籍登録番号が他の行と重複しています',
    'the medical registry number appears on another person row',
  ],
  REGISTRY_NUMBER_HELD: [
    '医籍登録番号が別の方で登録済みです',
    'MAMIS already holds the medical registry number for another person',
  ],
  UNKNOWN_PERSON: [
    '対象の会員が取り込まれません（存在しないか、行が除外されています）',
    'the person is not imported (unknown, or its row is rejected)',
  ],
  UNKNOWN_ASSOCIATION: ['医師会コードが見つかりません', 'no association has this code'],
  UNKNOWN_PROGRAM: ['研修制度コードが見つかりません', 'no training programme has this code'],
  INVALID_HISTORY: [
    '会員履歴が前後の異動と矛盾しています',
    'the membership event contradicts the history before it',
  ],
  INVALID_UNITS: ['単位数は0.5単位刻みの0以外の数です', 'units must be a non-zero multiple of 0.5'],
} as const satisfies Record<string, readonly [string, string]>;
export type RejectReason = keyof typeof REJECT_REASONS;

export interface Rejection {
  file: string;
  /** 1-based line number in the file. */
  line: number;
  legacyId: string | null;
  code: RejectReason;
  field?: string;
  messageJa: string;
  messageEn: string;
}

export function rejection(
  file: string,
  line: number,
  legacyId: string | null,
  code: RejectReason,
  field?: string,
  detail?: string,
): Rejection {
  const [ja, en] = REJECT_REASONS[code];
  return {
    file,
    line,
    legacyId,
    code,
    ...(field ? { field } : {}),
    messageJa: field ? `${ja}（${field}）` : ja,
    messageEn: `${en}${field ? ` (${field})` : ''}${detail ? `: ${detail}` : ''}`,
  };
}

/** The MAMIS namespace for ids derived from legacy ids (RFC 4122 name-based, SHA-1, version 5). */
const NAMESPACE = Buffer.from('3f0c5c6e9b1d4c1aa8f2a7d3c2e1b0f9', 'hex');

/** The MAMIS id of a legacy record: the same legacy id always gives the same UUID. */
export function legacyUuid(entity: LegacyEntity, legacyId: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(`${entity}:${legacyId}`, 'utf8').digest();
  const b = Buffer.from(hash.subarray(0, 16));
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
