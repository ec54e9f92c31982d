import { message } from './message';

/** Messages of the membership service: persons, applications, membership events, rosters, statistics. */
export const MembershipMessages = {
  KATAKANA_REQUIRED: message(
    'KATAKANA_REQUIRED',
    'カタカナで入力してください。',
    'must be written in katakana (カタカナ)',
  ),
  REGISTRY_NUMBER_FORMAT: message(
    'REGISTRY_NUMBER_FORMAT',
    '医籍登録番号は1〜7桁の数字で入力してください。',
    'must be the medical registry number: 1 to 7 digits',
  ),
  REGISTRY_NUMBER_SEARCH_LENGTH: message(
    'REGISTRY_NUMBER_SEARCH_LENGTH',
    '医籍登録番号は7桁以内で入力してください。',
    'a registry number has at most 7 digits',
  ),
  POSTAL_CODE_FORMAT: message(
    'POSTAL_CODE_FORMAT',
    '郵便番号は7桁の数字で入力してください（例 100-0001）。',
    'must be a 7-digit postal code (e.g. 100-0001)',
  ),
  PHONE_FORMAT: message(
    'PHONE_FORMAT',
    '電話番号は0で始まる10桁または11桁の数字で入力してください（例 03-1234-5678）。',
    'must be a phone number of 10 or 11 digits starting with 0 (e.g. 03-1234-5678)',
  ),
  EMAIL_FORMAT: message(
    'EMAIL_FORMAT',
    'メールアドレスの形式で入力してください（例 taro@example.jp）。',
    'must be an e-mail address',
  ),
  PREFECTURE_CODE: message(
    'PREFECTURE_CODE',
    '都道府県コードは1（北海道）〜47（沖縄県）で入力してください。',
    'must be a prefecture code from 1 (北海道) to 47 (沖縄県)',
  ),
  FOUNDER_TYPE_UNKNOWN: message(
    'FOUNDER_TYPE_UNKNOWN',
    '開設者種別が正しくありません。',
    'is not a known founder type',
  ),
  SEX_UNKNOWN: message('SEX_UNKNOWN', '性別が正しくありません。', 'is not a known sex'),
  CALENDAR_DATE: message(
    'CALENDAR_DATE',
    '存在する日付を入力してください（YYYY-MM-DD）。',
    'must be a calendar date (YYYY-MM-DD)',
  ),
  GRADUATION_YEAR_RANGE: message<{ max: number }>(
    'GRADUATION_YEAR_RANGE',
    (p) => `卒業年は1900年から${p.max}年までで入力してください。`,
    (p) => `must be a year between 1900 and ${p.max}`,
  ),
  TOO_MANY_DEPARTMENTS: message(
    'TOO_MANY_DEPARTMENTS',
    '診療科は20件までです。',
    'must list at most 20 departments',
  ),
  DEPARTMENT_TWICE: message('DEPARTMENT_TWICE', '同じ診療科が2回指定されています。', 'is listed twice'),
  DATE_IN_FUTURE: message('DATE_IN_FUTURE', '未来の日付は入力できません。', 'must not be in the future'),
  JOINED_ON_IN_FUTURE: message(
    'JOINED_ON_IN_FUTURE',
    '入会日に未来の日付は指定できません。',
    'must not be in the future',
  ),
  BIRTH_DATE_BEFORE_1900: message(
    'BIRTH_DATE_BEFORE_1900',
    '1900年1月1日以降の日付を入力してください。',
    'must be on or after 1900-01-01',
  ),
  REGISTRY_BEFORE_BIRTH: message(
    'REGISTRY_BEFORE_BIRTH',
    '医籍登録日は生年月日より後の日付を入力してください。',
    'the registration date must be after the birth date',
  ),
  GRADUATION_BEFORE_BIRTH: message(
    'GRADUATION_BEFORE_BIRTH',
    '卒業年は生まれた年より後の年を入力してください。',
    'must be after the year of birth',
  ),
  REGISTRY_NUMBER_TAKEN: message(
    'REGISTRY_NUMBER_TAKEN',
    'この医籍登録番号の方はすでに登録されています。',
    'a person with this medical registry number is already registered',
  ),
  POSSIBLE_DUPLICATE_PERSON: message(
    'POSSIBLE_DUPLICATE_PERSON',
    '同じ氏名・生年月日の方がすでに登録されています。登録する場合は確認してください。',
    'a person with the same name and birth date is already registered; confirm to register anyway',
  ),
  SEARCH_TOO_LONG: message<{ max: number }>(
    'SEARCH_TOO_LONG',
    (p) => `検索語は${p.max}文字以内で入力してください。`,
    (p) => `search is longer than ${p.max} characters`,
  ),
  NOTHING_TO_CHANGE_PERSON: message(
    'NOTHING_TO_CHANGE_PERSON',
    '変更内容がありません。',
    'Nothing to change',
  ),
  NO_CURRENT_MEMBERSHIP: message(
    'NO_CURRENT_MEMBERSHIP',
    'この方には現在の会員資格がありません。',
    'The person has no current membership',
  ),
  ALREADY_MEMBER: message(
    'ALREADY_MEMBER',
    'この方は既にこの医師会の会員です。',
    'The person is already a member of this association',
  ),
  NOT_CURRENT_MEMBER: message(
    'NOT_CURRENT_MEMBER',
    'この方はこの医師会の現在の会員ではありません。',
    'The person is not a current member of this association',
  ),
  MEMBERSHIP_BEGAN_LATER: message<{ joinedOn: string; effectiveOn: string }>(
    'MEMBERSHIP_BEGAN_LATER',
    (p) => `会員資格の開始日（${p.joinedOn}）が ${p.effectiveOn} より後です。`,
    (p) => `The membership began on ${p.joinedOn}, after ${p.effectiveOn}`,
  ),
  PENDING_APPLICATION_EXISTS: message(
    'PENDING_APPLICATION_EXISTS',
    'この方には審査中の申請があります。取り下げるか、決定をお待ちください。',
    'This person already has a pending application; cancel it or wait for its decision',
  ),
  APPLICATION_STEP_NOT_FOUND: message(
    'APPLICATION_STEP_NOT_FOUND',
    '申請の審査段階が見つかりません。',
    'Application step not found',
  ),
  APPLICATION_CLOSED: message<{ status: string }>(
    'APPLICATION_CLOSED',
    (p) => `この申請は既に処理済みです（${p.status}）。`,
    (p) => `This application is already ${p.status.toLowerCase()}`,
  ),
  STEP_ALREADY_DECIDED: message(
    'STEP_ALREADY_DECIDED',
    'この審査段階は既に決定済みです。',
    'This step was already decided',
  ),
  STEP_NOT_YET: message(
    'STEP_NOT_YET',
    'この審査段階の順番はまだ来ていません。',
    "It is not this step's turn yet",
  ),
  MEMBERSHIP_APPLICATION_NOT_FOUND: message(
    'MEMBERSHIP_APPLICATION_NOT_FOUND',
    '申請が見つかりません。',
    'Application not found',
  ),
  CATEGORY_REQUIRED: message('CATEGORY_REQUIRED', '会員種別を入力してください。', 'is required'),
  CATEGORY_TOO_LONG: message(
    'CATEGORY_TOO_LONG',
    '会員種別は20文字以内で入力してください。',
    'must have at most 20 characters',
  ),
  ASSOCIATIONS_REQUIRED: message(
    'ASSOCIATIONS_REQUIRED',
    '医師会を1つ以上指定してください。',
    'must list at least one association',
  ),
  TOO_MANY_ASSOCIATIONS: message(
    'TOO_MANY_ASSOCIATIONS',
    '医師会は10件まで指定できます。',
    'must list at most 10 associations',
  ),
  NO_SUCH_ASSOCIATION: message('NO_SUCH_ASSOCIATION', 'その医師会はありません。', 'No such association'),
  EFFECTIVE_BEFORE_MEMBERSHIP: message<{ joinedOn: string }>(
    'EFFECTIVE_BEFORE_MEMBERSHIP',
    (p) => `会員資格の開始日（${p.joinedOn}）より前の日付は指定できません。`,
    (p) => `must not be before the membership began (${p.joinedOn})`,
  ),
  EFFECTIVE_ON_WINDOW: message(
    'EFFECTIVE_ON_WINDOW',
    '異動日は本日の2年前から1年後までの日付を指定してください。',
    'must lie within two years before and one year after today',
  ),
  TRANSFER_ONLY: message('TRANSFER_ONLY', '異動（転出入）の場合のみ指定できます。', 'is only for transfers'),
  TRANSFER_FROM_REQUIRED: message(
    'TRANSFER_FROM_REQUIRED',
    '異動元の医師会を指定してください。',
    'must list the associations the person moves from',
  ),
  SAME_CATEGORY: message<{ category: string }>(
    'SAME_CATEGORY',
    (p) => `既にこの方の会員種別です（${p.category}）。`,
    (p) => `is already the person's category (${p.category})`,
  ),
  TRANSFER_SAME_TIER: message(
    'TRANSFER_SAME_TIER',
    '異動では、入会する医師会ごとに同じ階層の医師会を1つ退会する必要があります。',
    'A transfer leaves one association of the same tier for each one joined',
  ),
  ROSTER_FORMAT: message('ROSTER_FORMAT', 'CSV か XLSX を指定してください。', 'must be CSV or XLSX'),
  ROSTER_NOT_BASE64: message('ROSTER_NOT_BASE64', 'Base64 として読み取れません。', 'not Base64'),
  ROSTER_EMPTY: message('ROSTER_EMPTY', '名簿が空です。', 'the roster is empty'),
  ROSTER_TOO_LARGE: message<{ megabytes: number }>(
    'ROSTER_TOO_LARGE',
    (p) => `名簿は${p.megabytes}MBまでです。`,
    (p) => `at most ${p.megabytes} MB`,
  ),
  ROSTER_MISSING_COLUMN: message<{ columnJa: string; column: string }>(
    'ROSTER_MISSING_COLUMN',
    (p) => `名簿の見出し行に「${p.columnJa}」がありません。`,
    (p) => `the header row has no ${p.column} column`,
  ),
  ROSTER_TOO_MANY_ROWS: message<{ max: number }>(
    'ROSTER_TOO_MANY_ROWS',
    (p) => `名簿は${p.max}行までです。`,
    (p) => `at most ${p.max} rows`,
  ),
  ROSTER_CSV_UNREADABLE: message(
    'ROSTER_CSV_UNREADABLE',
    'CSV として読み取れません。',
    'not a readable CSV file',
  ),
  ROSTER_XLSX_UNREADABLE: message(
    'ROSTER_XLSX_UNREADABLE',
    'Excel (.xlsx) として読み取れません。',
    'not a readable .xlsx file',
  ),
  AGE_BAND_UNKNOWN: message<{ bands: string }>(
    'AGE_BAND_UNKNOWN',
    (p) => `年齢区分は ${p.bands} のいずれかを指定してください。`,
    (p) => `ageBand must be one of ${p.bands}`,
  ),
  AT_MOST_30_FISCAL_YEARS: message(
    'AT_MOST_30_FISCAL_YEARS',
    '一度に集計できるのは30年度分までです。',
    'At most 30 fiscal years at a time',
  ),
  MAILING_TEXT: message('MAILING_TEXT', '1〜200文字で入力してください。', 'Required, at most 200 characters'),
  OWN_PROVISION_RECORDS_ONLY: message(
    'OWN_PROVISION_RECORDS_ONLY',
    '提供記録を閲覧できるのはご本人のみです。',
    'Only the person themself may read their provision records',
  ),
  OWN_ACCESS_LOG_ONLY: message(
    'OWN_ACCESS_LOG_ONLY',
    '閲覧記録を閲覧できるのはご本人のみです。',
    'Only the person themself may read their access log',
  ),
  OWN_PENDING_REGISTRATIONS_ONLY: message(
    'OWN_PENDING_REGISTRATIONS_ONLY',
    '確認待ちの登録を閲覧できるのはご本人のみです。',
    'Only the person themself may read registrations awaiting them',
  ),
  REGISTRATION_ACCEPT_NAMED_ONLY: message(
    'REGISTRATION_ACCEPT_NAMED_ONLY',
    'この登録を承諾できるのは、登録に記載された医師本人のみです。',
    'Only the physician the registration names may accept it',
  ),
  NOT_A_REGISTRATION_ID: message(
    'NOT_A_REGISTRATION_ID',
    '登録のIDではありません。',
    'Not a registration id',
  ),
  MEMBER_REGISTRATION_NOT_FOUND: message(
    'MEMBER_REGISTRATION_NOT_FOUND',
    '登録が見つかりません。',
    'Registration not found',
  ),
} as const;
