/**
 * The office's registration form (会員の新規登録) as data: what the clerk typed, the variables of
 * `createPerson` built from it, the required fields checked before the preview, and where an
 * API error belongs. Pure functions (unit-tested); the API decides everything else.
 */

/** The form's fields, as typed (strings, as inputs hold them). */
export interface RegisterForm {
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  birthDate: string;
  sex: '' | 'MALE' | 'FEMALE' | 'OTHER';
  registryNumber: string;
  registryDate: string;
  email: string;
  phone: string;
  postalCode: string;
  prefectureCode: string;
  address: string;
  category: string;
  joinedOn: string;
}

export type RegisterField = keyof RegisterForm;

export const emptyRegisterForm = (joinedOn: string): RegisterForm => ({
  familyName: '',
  givenName: '',
  familyNameKana: '',
  givenNameKana: '',
  birthDate: '',
  sex: '',
  registryNumber: '',
  registryDate: '',
  email: '',
  phone: '',
  postalCode: '',
  prefectureCode: '',
  address: '',
  category: '',
  joinedOn,
});

/** The fields createPerson requires (PersonInput's REQUIRED_ON_CREATE, the membership's two). */
export const REQUIRED_FIELDS: readonly RegisterField[] = [
  'familyName',
  'givenName',
  'familyNameKana',
  'givenNameKana',
  'birthDate',
  'sex',
  'registryNumber',
  'category',
  'joinedOn',
];

/** The API's field path of a form field (`extensions.field` of BAD_USER_INPUT / CONFLICT). */
export function apiPathOf(field: RegisterField): string {
  return field === 'category' || field === 'joinedOn' ? `membership.${field}` : `input.${field}`;
}

/**
 * The form field an API error path names (`input.postalCode` → postalCode, `membership.category`
 * → category); null for a path the form has no field for.
 */
export function formFieldOf(path: string): RegisterField | null {
  const m = /^(input|membership)\.([A-Za-z]+)/.exec(path);
  if (!m) return null;
  const field = m[2] as RegisterField;
  if (!(field in emptyRegisterForm(''))) return null;
  return apiPathOf(field) === `${m[1]}.${field}` ? field : null;
}

/** The required fields left empty (spaces count as empty). */
export function missingFields(form: RegisterForm): RegisterField[] {
  return REQUIRED_FIELDS.filter((f) => form[f].trim() === '');
}

/**
 * The variables of `createPerson` (without the idempotency key): optional fields left empty are
 * not sent; text is sent as typed (the API normalises widths and kana).
 */
export function createPersonVariables(form: RegisterForm, associationId: string) {
  const optional = (v: string) => (v.trim() === '' ? undefined : v.trim());
  const input = {
    familyName: form.familyName.trim(),
    givenName: form.givenName.trim(),
    familyNameKana: form.familyNameKana.trim(),
    givenNameKana: form.givenNameKana.trim(),
    birthDate: form.birthDate,
    sex: form.sex === '' ? undefined : form.sex,
    registryNumber: form.registryNumber.trim(),
    registryDate: optional(form.registryDate),
    email: optional(form.email),
    phone: optional(form.phone),
    postalCode: optional(form.postalCode),
    prefectureCode: form.prefectureCode ? Number(form.prefectureCode) : undefined,
    address: optional(form.address),
  };
  const sent = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  return {
    input: sent as typeof input,
    membership: { associationId, category: form.category, joinedOn: form.joinedOn },
  };
}

/** JIS X 0401 prefecture codes 1–47. */
export const PREFECTURES = [
  '北海道',
  '青森県',
  '岩手県',
  '宮城県',
  '秋田県',
  '山形県',
  '福島県',
  '茨城県',
  '栃木県',
  '群馬県',
  '埼玉県',
  '千葉県',
  '東京都',
  '神奈川県',
  '新潟県',
  '富山県',
  '石川県',
  '福井県',
  '山梨県',
  '長野県',
  '岐阜県',
  '静岡県',
  '愛知県',
  '三重県',
  '滋賀県',
  '京都府',
  '大阪府',
  '兵庫県',
  '奈良県',
  '和歌山県',
  '鳥取県',
  '島根県',
  '岡山県',
  '広島県',
  '山口県',
  '徳島県',
  '香川県',
  '愛媛県',
  '高知県',
  '福岡県',
  '佐賀県',
  '長崎県',
  '熊本県',
  '大分県',
  '宮崎県',
  '鹿児島県',
  '沖縄県',
] as const;

/** A fresh idempotency key: one per registration as previewed (a second press sends the same). */
export function newIdempotencyKey(): string {
  return `office-register-${globalThis.crypto.randomUUID()}`;
}
