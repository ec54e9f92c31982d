import { message } from './message';

/** Messages of the training service: sessions, the credit ledger, programmes and certification. */
export const TrainingMessages = {
  UNKNOWN_PROGRAM: message<{ program: string }>(
    'UNKNOWN_PROGRAM',
    (p) => `研修制度 ${p.program} は登録されていません。`,
    (p) => `Unknown program ${p.program}`,
  ),
  CODE_NOT_IN_PROGRAM: message<{ code: string; program: string }>(
    'CODE_NOT_IN_PROGRAM',
    (p) => `${p.code} は研修制度 ${p.program} のコードではありません。`,
    (p) => `${p.code} is not a code of program ${p.program}`,
  ),
  REVERSAL_REASON_REQUIRED: message(
    'REVERSAL_REASON_REQUIRED',
    '単位を取り消す理由を入力してください。',
    'A reason is required to reverse credits',
  ),
  REASON_REQUIRED: message('REASON_REQUIRED', '理由を入力してください。', 'A reason is required'),
  CREDIT_ENTRY_NOT_FOUND: message(
    'CREDIT_ENTRY_NOT_FOUND',
    '単位の記録が見つかりません。',
    'Credit entry not found',
  ),
  ALREADY_REVERSED: message(
    'ALREADY_REVERSED',
    'この記録は既に取り消されているか、それ自体が取消の記録です。',
    'The entry is already reversed or is itself a reversal',
  ),
  NOT_A_PERSON_ID: message('NOT_A_PERSON_ID', '会員のIDではありません。', 'Not a person id'),
  NOT_A_SESSION_ID: message('NOT_A_SESSION_ID', '研修会のIDではありません。', 'Not a session id'),
  NOT_AN_ASSOCIATION_ID: message(
    'NOT_AN_ASSOCIATION_ID',
    '医師会のIDではありません。',
    'Not an association id',
  ),
  PROGRAM_REQUIRED: message('PROGRAM_REQUIRED', '研修制度を指定してください。', 'A program is required'),
  CURRICULUM_CODE_REQUIRED: message(
    'CURRICULUM_CODE_REQUIRED',
    'カリキュラムコードまたは区分を入力してください。',
    'A curriculum code or category is required',
  ),
  UNITS_HALF_STEP: message(
    'UNITS_HALF_STEP',
    '単位は0.5単位刻みの正の数で入力してください。',
    'Units must be positive, in steps of 0.5',
  ),
  EXPECTED_ISO_DATE: message(
    'EXPECTED_ISO_DATE',
    '日付は YYYY-MM-DD の形式で入力してください。',
    'Expected an ISO date YYYY-MM-DD',
  ),
  SESSION_REQUIRED: message('SESSION_REQUIRED', '研修会を指定してください。', 'A session is required'),
  EVIDENCE_REQUIRED: message(
    'EVIDENCE_REQUIRED',
    '手入力の単位には根拠（証明書類など）を入力してください。',
    'Evidence is required for a manual entry',
  ),
  SOURCE_SESSION_OR_MANUAL: message(
    'SOURCE_SESSION_OR_MANUAL',
    'SESSION か MANUAL を指定してください。',
    'SESSION or MANUAL',
  ),
  AT_MOST_TWO_DIMENSIONS: message(
    'AT_MOST_TWO_DIMENSIONS',
    '集計軸は一度に2つまでです。',
    'At most two dimensions at a time',
  ),
  NOT_A_DIMENSION: message<{ dimension: string }>(
    'NOT_A_DIMENSION',
    (p) => `${p.dimension} はこの集計の集計軸ではありません。`,
    (p) => `${p.dimension} is not a dimension of this aggregate`,
  ),
  FISCAL_YEARS_REVERSED: message(
    'FISCAL_YEARS_REVERSED',
    '終了年度は開始年度以降にしてください。',
    'toFiscalYear is before fromFiscalYear',
  ),
  AT_MOST_20_FISCAL_YEARS: message(
    'AT_MOST_20_FISCAL_YEARS',
    '一度に集計できるのは20年度分までです。',
    'At most 20 fiscal years at a time',
  ),
  NUMBER_BETWEEN: message<{ min: number; max: number }>(
    'NUMBER_BETWEEN',
    (p) => `${p.min}から${p.max}までの値で指定してください。`,
    (p) => `must be between ${p.min} and ${p.max}`,
  ),
  FROM_AFTER_TO: message('FROM_AFTER_TO', '開始日は終了日以前にしてください。', 'Must not be after `to`'),
  SESSION_NOT_FOUND: message('SESSION_NOT_FOUND', '研修会が見つかりません。', 'Training session not found'),
  SESSION_CANCELLED: message(
    'SESSION_CANCELLED',
    'この研修会は中止されています。',
    'This session is cancelled',
  ),
  VENUE_OR_URL_REQUIRED: message(
    'VENUE_OR_URL_REQUIRED',
    '会場またはオンラインのURLを入力してください。',
    'A venue or an online URL is required',
  ),
  OTHER_ASSOCIATION_PROGRAM: message(
    'OTHER_ASSOCIATION_PROGRAM',
    '他の医師会の独自研修制度です。研修会を開催できるのはその医師会のみです。',
    'another association’s own programme: only it holds its sessions',
  ),
  NOT_A_REGISTRY_NUMBER: message(
    'NOT_A_REGISTRY_NUMBER',
    '医籍登録番号は数字のみで入力してください。',
    'Not a registry number (digits only)',
  ),
  PERSON_OR_REGISTRY_NUMBER: message(
    'PERSON_OR_REGISTRY_NUMBER',
    '会員のIDか医籍登録番号のどちらか一方を指定してください。',
    'Give either personId or registryNumber',
  ),
  REGISTRATION_CLOSED: message(
    'REGISTRATION_CLOSED',
    'この研修会の参加申込は締め切られました。',
    'Registration for this session has closed',
  ),
  SESSION_MEMBERS_ONLY: message(
    'SESSION_MEMBERS_ONLY',
    'この研修会は主催医師会の会員のみが参加できます。',
    'This session is for members of the host association only',
  ),
  REGISTRATION_NOT_FOUND: message(
    'REGISTRATION_NOT_FOUND',
    '参加申込が見つかりません。',
    'Registration not found',
  ),
  NO_REGISTRATION_FOR_SESSION: message(
    'NO_REGISTRATION_FOR_SESSION',
    'この研修会への参加申込はありません。',
    'No registration for this session',
  ),
  ATTENDANCE_ALREADY_RECORDED: message(
    'ATTENDANCE_ALREADY_RECORDED',
    '出席が既に記録されているため、取り消せません。',
    'Attendance is already recorded; it cannot be cancelled',
  ),
  PHYSICIAN_NOT_REGISTERED: message(
    'PHYSICIAN_NOT_REGISTERED',
    'この医師はこの研修会に申し込んでいません。',
    'This physician is not registered for this session',
  ),
  CHECK_IN_PHYSICIANS_ONLY: message(
    'CHECK_IN_PHYSICIANS_ONLY',
    '研修会に受付（チェックイン）できるのは医師本人のみです。',
    'Only a physician can check in to a session',
  ),
  CHECK_IN_WINDOW: message(
    'CHECK_IN_WINDOW',
    '受付（チェックイン）は開始30分前から研修会の終了までです。',
    'Check-in is open from 30 minutes before the start until the end of the session',
  ),
  WRONG_CHECK_IN_CODE: message(
    'WRONG_CHECK_IN_CODE',
    '受付コードが正しくありません。',
    'Wrong check-in code',
  ),
  NOT_REGISTERED_FOR_SESSION: message(
    'NOT_REGISTERED_FOR_SESSION',
    'この研修会に申し込んでいません。',
    'You are not registered for this session',
  ),
  CSV_UNREADABLE: message<{ detail: string }>(
    'CSV_UNREADABLE',
    () => 'CSV を読み取れません。',
    (p) => `The CSV cannot be read: ${p.detail}`,
  ),
  CSV_NO_ROWS: message('CSV_NO_ROWS', 'CSV にデータ行がありません。', 'The CSV has no rows'),
  CSV_TOO_MANY_ROWS: message<{ max: number }>(
    'CSV_TOO_MANY_ROWS',
    (p) => `1回に取り込めるのは${p.max}行までです。`,
    (p) => `At most ${p.max} rows per import`,
  ),
  SESSION_TITLE: message(
    'SESSION_TITLE',
    '表題を1〜200文字で入力してください。',
    'A title of 1 to 200 characters is required',
  ),
  PROGRAM_CODE_REQUIRED: message(
    'PROGRAM_CODE_REQUIRED',
    '研修制度のコード（CME、OCCUPATIONAL、OWN など）を入力してください。',
    'A program code such as CME, OCCUPATIONAL or OWN is required',
  ),
  CODE_TWICE: message('CODE_TWICE', '同じコードが2回指定されています。', 'This code appears twice'),
  CAPACITY: message(
    'CAPACITY',
    '定員は1以上の整数で入力してください（制限なしの場合は空欄）。',
    'Capacity must be a whole number from 1, or empty for no limit',
  ),
  HTTP_URL_REQUIRED: message(
    'HTTP_URL_REQUIRED',
    'http(s) で始まるURLを入力してください。',
    'An http(s) URL is required',
  ),
  SOCIETY_ID_REQUIRED: message(
    'SOCIETY_ID_REQUIRED',
    '学会のID（英数字と . _ -）を入力してください。',
    'A society id (letters, digits, . _ -) is required',
  ),
  END_AFTER_START: message(
    'END_AFTER_START',
    '終了日時は開始日時より後にしてください。',
    'The end must be after the start',
  ),
  OWN_PROGRAM_NAME: message(
    'OWN_PROGRAM_NAME',
    '英大文字・数字・_ で20文字以内で入力してください（例 EMERGENCY）。',
    'capitals, digits and _, at most 20 (e.g. EMERGENCY)',
  ),
  OWN_PROGRAM_NAME_JA: message(
    'OWN_PROGRAM_NAME_JA',
    '名称は1〜100文字で入力してください。',
    'the Japanese name: 1 to 100 characters',
  ),
  OWN_PROGRAM_NAME_EN: message(
    'OWN_PROGRAM_NAME_EN',
    '英語名は1〜100文字で入力してください。',
    'the English name: 1 to 100 characters',
  ),
  OWN_PROGRAM_CODE: message(
    'OWN_PROGRAM_CODE',
    'コードは英数字と _ . - で40文字以内で入力してください。',
    'a code: letters, digits, _ . -, at most 40',
  ),
  UNKNOWN_ASSOCIATION: message('UNKNOWN_ASSOCIATION', '医師会が見つかりません。', 'Unknown association'),
  OWN_PROGRAM_CODE_TOO_LONG: message(
    'OWN_PROGRAM_CODE_TOO_LONG',
    '研修制度のコードが40文字を超えます。名前を短くしてください。',
    'the programme code would exceed 40 characters',
  ),
  OWN_PROGRAM_EXISTS: message(
    'OWN_PROGRAM_EXISTS',
    'この名前の研修制度は既にあります。',
    'the association already has a programme of that name',
  ),
  EFFECTIVE_TO_BEFORE_FROM: message(
    'EFFECTIVE_TO_BEFORE_FROM',
    '適用終了日は適用開始日以降にしてください。',
    'Must not be before effectiveFrom',
  ),
  RULE_VERSION_EXISTS: message(
    'RULE_VERSION_EXISTS',
    'この日付から始まる規則の版が既にあります。',
    'A version of this rule already starts on that date',
  ),
  NOT_IN_FUTURE: message('NOT_IN_FUTURE', '未来の日付は入力できません。', 'Must not be in the future'),
  OWN_PROGRAM_NO_CERTIFICATION: message(
    'OWN_PROGRAM_NO_CERTIFICATION',
    '汎用の独自研修（OWN）には認定証がありません。',
    'The generic OWN program has no certification',
  ),
  HOLDER_NAME: message(
    'HOLDER_NAME',
    '認定証に印字する氏名を1〜100文字で入力してください。',
    'The name to print: 1 to 100 characters',
  ),
  OWN_PROGRAM_MEMBERS_ONLY: message(
    'OWN_PROGRAM_MEMBERS_ONLY',
    'この研修制度は主催医師会の会員のみ申請できます。',
    'only members of the programme’s association may apply',
  ),
  CHECKING_ASSOCIATION: message(
    'CHECKING_ASSOCIATION',
    '確認を行う医師会は、申請者が会員である都道府県医師会にしてください。',
    'The checking association must be a prefectural association the physician is a member of',
  ),
  REQUIREMENTS_NOT_MET: message<{ missing: string }>(
    'REQUIREMENTS_NOT_MET',
    (p) => `認定の要件を満たしていません（不足: ${p.missing}）。`,
    (p) => `The rule's requirements are not met: ${p.missing}`,
  ),
  APPLICATION_DEADLINE_PASSED: message(
    'APPLICATION_DEADLINE_PASSED',
    '申請期限を過ぎているため、認定の要件を満たしていません。',
    "The rule's requirements are not met: deadline passed",
  ),
  APPLICATION_EVIDENCE_REQUIRED: message(
    'APPLICATION_EVIDENCE_REQUIRED',
    'この規則では、申請時に証明（実地活動の証明など）の提出が必要です。',
    'This rule needs proof (e.g. of practical activity) with the application',
  ),
  APPLICATION_IN_PROGRESS: message(
    'APPLICATION_IN_PROGRESS',
    'この研修制度の申請は既に手続き中です。',
    'An application for this program is already in progress',
  ),
  APPLICATION_NOT_FOUND: message('APPLICATION_NOT_FOUND', '申請が見つかりません。', 'Application not found'),
  OWN_PROGRAM_NO_CHECK: message(
    'OWN_PROGRAM_NO_CHECK',
    '独自の研修制度の申請は主催医師会が直接決定します。',
    'an association’s own programme has no check step: its association decides',
  ),
  APPLICATION_NOT_AWAITING_CHECK: message<{ status: string }>(
    'APPLICATION_NOT_AWAITING_CHECK',
    (p) => `この申請は確認待ちではありません（状態: ${p.status}）。`,
    (p) => `The application is ${p.status}, not waiting for a check`,
  ),
  APPLICATION_NOT_AWAITING_ASSOCIATION: message<{ status: string }>(
    'APPLICATION_NOT_AWAITING_ASSOCIATION',
    (p) => `この申請は主催医師会の決定待ちではありません（状態: ${p.status}）。`,
    (p) => `The application is ${p.status}, not waiting for its association`,
  ),
  APPLICATION_NOT_AWAITING_JMA: message<{ status: string }>(
    'APPLICATION_NOT_AWAITING_JMA',
    (p) => `この申請は日本医師会の決定待ちではありません（状態: ${p.status}）。`,
    (p) => `The application is ${p.status}, not waiting for the JMA`,
  ),
  APPLICATION_CHANGED: message(
    'APPLICATION_CHANGED',
    'この申請は読み込んだ後に変更されました。再読み込みしてください。',
    'The application changed since you read it',
  ),
  NO_RULE_IN_FORCE: message(
    'NO_RULE_IN_FORCE',
    'この研修制度と種別に適用中の規則がありません。',
    'No rule in force for this program and kind',
  ),
  RULE_WINDOW: message(
    'RULE_WINDOW',
    'FISCAL_YEARS、CERTIFICATE_PERIOD、ALL のいずれかを指定してください。',
    'FISCAL_YEARS, CERTIFICATE_PERIOD or ALL',
  ),
  RULE_WINDOW_YEARS: message(
    'RULE_WINDOW_YEARS',
    '年度単位の期間には1以上の整数の年数を指定してください。',
    'A fiscal-year window needs a whole number of years ≥ 1',
  ),
  RULE_TOTAL_MEASURE: message(
    'RULE_TOTAL_MEASURE',
    'UNITS か UNITS_PLUS_DISTINCT_CODES を指定してください。',
    'UNITS or UNITS_PLUS_DISTINCT_CODES',
  ),
  NON_NEGATIVE_NUMBER: message(
    'NON_NEGATIVE_NUMBER',
    '0以上の数を指定してください。',
    'Must be a number ≥ 0',
  ),
  WHOLE_NUMBER: message('WHOLE_NUMBER', '整数を指定してください。', 'Must be a whole number'),
  WHOLE_YEARS_AT_LEAST_ONE: message(
    'WHOLE_YEARS_AT_LEAST_ONE',
    '1以上の整数の年数を指定してください。',
    'Must be a whole number of years ≥ 1',
  ),
  WHOLE_DAYS_NON_NEGATIVE: message(
    'WHOLE_DAYS_NON_NEGATIVE',
    '0以上の整数の日数を指定してください。',
    'Must be a whole number of days ≥ 0',
  ),
} as const;
