import { message } from './message';

/** Messages of membership dues (会費): categories, fee schedules, invoices, payments, bank files, reminders. */
export const DuesMessages = {
  BASE64_FILE: message(
    'BASE64_FILE',
    'ファイルは Base64 でエンコードしてください。',
    'The file must be base64-encoded',
  ),
  FILE_EMPTY: message('FILE_EMPTY', 'ファイルが空です。', 'The file is empty'),
  FILE_TOO_LARGE_5MB: message(
    'FILE_TOO_LARGE_5MB',
    'ファイルは5MBまでです。',
    'The file is larger than 5 MB',
  ),
  REMINDER_INVOICES_REQUIRED: message(
    'REMINDER_INVOICES_REQUIRED',
    '督促する請求を選んでください。',
    'Choose at least one invoice',
  ),
  REMINDER_TOO_MANY_INVOICES: message(
    'REMINDER_TOO_MANY_INVOICES',
    '一度に督促できるのは1,000件までです。',
    'At most 1,000 invoices at a time',
  ),
  NONE_OVERDUE: message(
    'NONE_OVERDUE',
    '督促できる請求がありません（納付済み・納期限前・該当なし）。',
    'None of the invoices is overdue',
  ),
  CATEGORY_CODE_LENGTH: message(
    'CATEGORY_CODE_LENGTH',
    '会員種別のコードは1〜20文字で入力してください。',
    'A category code has 1 to 20 characters',
  ),
  CATEGORY_NAME_REQUIRED: message(
    'CATEGORY_NAME_REQUIRED',
    '会員種別の名称を入力してください。',
    'A category needs a name',
  ),
  FISCAL_YEAR: message(
    'FISCAL_YEAR',
    '年度は2026のような西暦で入力してください（2026年4月〜2027年3月）。',
    'A fiscal year is a year such as 2026 (April 2026 – March 2027)',
  ),
  FEE_BANDS_REQUIRED: message(
    'FEE_BANDS_REQUIRED',
    '会費の区分を1件以上入力してください。',
    'At least one fee band is needed',
  ),
  ANNUAL_FEE_YEN: message(
    'ANNUAL_FEE_YEN',
    '会費は0〜10,000,000円の整数で入力してください。',
    'The fee is a whole number of yen from 0 to 10,000,000',
  ),
  AGE_RANGE: message(
    'AGE_RANGE',
    '年齢は0〜150の整数で入力してください。',
    'An age is a whole number from 0 to 150',
  ),
  MAX_AGE_BELOW_MIN: message(
    'MAX_AGE_BELOW_MIN',
    '上限年齢は下限年齢以上にしてください。',
    'maxAge must not be below minAge',
  ),
  AGE_BANDS_OVERLAP: message('AGE_BANDS_OVERLAP', '年齢の区分が重なっています。', 'The age bands overlap'),
  UNKNOWN_MEMBERSHIP_CATEGORY: message(
    'UNKNOWN_MEMBERSHIP_CATEGORY',
    'この医師会にはその会員種別がありません。',
    'The association has no such membership category',
  ),
  YEARS_AFTER_GRADUATION: message(
    'YEARS_AFTER_GRADUATION',
    '年数は1〜50の整数で入力してください。',
    'A whole number of years from 1 to 50',
  ),
  TO_FISCAL_YEAR_BEFORE_FROM: message(
    'TO_FISCAL_YEAR_BEFORE_FROM',
    '終了年度は開始年度以降にしてください。',
    'toFiscalYear must not be before fromFiscalYear',
  ),
  EXEMPTION_DESCRIPTION_REQUIRED: message(
    'EXEMPTION_DESCRIPTION_REQUIRED',
    '免除の内容を入力してください。',
    'Describe the exemption',
  ),
  PAYMENT_AMOUNT_YEN: message(
    'PAYMENT_AMOUNT_YEN',
    '金額は正の整数（円）で入力してください。',
    'The amount is a positive whole number of yen',
  ),
  INVOICE_NOT_FOUND: message('INVOICE_NOT_FOUND', '請求が見つかりません。', 'Invoice not found'),
  INVOICE_NOT_OPEN: message(
    'INVOICE_NOT_OPEN',
    'この請求は納付済みまたは免除済みです。',
    'The invoice is already paid or exempt',
  ),
  PAYMENT_EXCEEDS_OUTSTANDING: message<{ outstanding: number }>(
    'PAYMENT_EXCEEDS_OUTSTANDING',
    (p) => `未納額（${p.outstanding}円）を超えています。`,
    (p) => `More than the amount outstanding (${p.outstanding} yen)`,
  ),
  INVOICE_REFERENCE_DIGITS: message(
    'INVOICE_REFERENCE_DIGITS',
    '請求番号は数字で入力してください。',
    'The reference is digits',
  ),
  BANK_CSV_UNREADABLE: message<{ detail: string }>(
    'BANK_CSV_UNREADABLE',
    () => 'CSV を読み取れません。',
    (p) => `The CSV could not be read: ${p.detail}`,
  ),
  BANK_CSV_EMPTY: message('BANK_CSV_EMPTY', 'CSV が空です。', 'The CSV is empty'),
  BANK_CSV_HEADER: message(
    'BANK_CSV_HEADER',
    'CSV には取引日と金額の列を含む見出し行が必要です。',
    'The CSV needs a header row with the columns 取引日 (date) and 金額 (amount)',
  ),
  ZENGIN_RECORD_LENGTH: message<{ record: number }>(
    'ZENGIN_RECORD_LENGTH',
    (p) => `全銀フォーマットのレコード ${p.record} が200バイトではありません。`,
    (p) => `Zengin record ${p.record} is not 200 bytes long`,
  ),
  ZENGIN_NOT_TRANSFER_NOTICE: message(
    'ZENGIN_NOT_TRANSFER_NOTICE',
    '全銀フォーマットの振込入金通知（ヘッダー種別コード01）ではありません。',
    'not a Zengin transfer notice (header of type 01)',
  ),
  ZENGIN_TRAILER_COUNT: message<{ trailer: number; records: number }>(
    'ZENGIN_TRAILER_COUNT',
    (p) => `トレーラの件数 ${p.trailer} がデータレコード数 ${p.records} と一致しません。`,
    (p) => `the trailer counts ${p.trailer} records, the file has ${p.records}`,
  ),
} as const;
