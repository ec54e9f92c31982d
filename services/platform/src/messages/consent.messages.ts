import { message } from './message';

/** Messages of the consent service: terms of use, joint-use notice, disclosures, privacy requests, notices. */
export const ConsentMessages = {
  VERSION_EXISTS: message<{ version: string }>(
    'VERSION_EXISTS',
    (p) => `版 ${p.version} は既に登録されています。`,
    (p) => `Version ${p.version} exists already`,
  ),
  VERSION_FORMAT: message(
    'VERSION_FORMAT',
    '版は 1.02 のような番号で入力してください。',
    'A version number such as 1.02',
  ),
  VERSION_NOT_HIGHER: message<{ latest: string }>(
    'VERSION_NOT_HIGHER',
    (p) => `版は最新の版 ${p.latest} より大きい番号にしてください。`,
    (p) => `Must be higher than the latest version ${p.latest}`,
  ),
  EFFECTIVE_BEFORE_LATEST: message<{ version: string; effectiveFrom: string }>(
    'EFFECTIVE_BEFORE_LATEST',
    (p) => `施行日は版 ${p.version} の施行日（${p.effectiveFrom}）以降にしてください。`,
    (p) => `Must not be before version ${p.version} (${p.effectiveFrom})`,
  ),
  TERMS_EFFECTIVE_BEFORE_LATEST: message<{ version: string; effectiveFrom: string }>(
    'TERMS_EFFECTIVE_BEFORE_LATEST',
    (p) => `施行日は ver ${p.version} の施行日（${p.effectiveFrom}）以降にしてください。`,
    (p) => `Must not be before ver ${p.version} (${p.effectiveFrom})`,
  ),
  EFFECTIVE_IN_PAST: message<{ today: string }>(
    'EFFECTIVE_IN_PAST',
    (p) => `過去の日付から施行することはできません（本日は ${p.today} です）。`,
    (p) => `Cannot take effect in the past (today is ${p.today})`,
  ),
  TERMS_EFFECTIVE_IN_PAST: message<{ today: string }>(
    'TERMS_EFFECTIVE_IN_PAST',
    (p) => `改定の施行日は本日（${p.today}）以降にしてください。`,
    (p) => `A revision takes effect today (${p.today}) or later`,
  ),
  NOTICE_EFFECTIVE_IN_PAST: message<{ today: string }>(
    'NOTICE_EFFECTIVE_IN_PAST',
    (p) => `通知を過去の日付から施行することはできません（本日は ${p.today} です）。`,
    (p) => `A notice cannot take effect in the past (today is ${p.today})`,
  ),
  NOTICE_CHANGE_IN_ADVANCE: message(
    'NOTICE_CHANGE_IN_ADVANCE',
    '利用目的または責任者の変更は事前に通知する必要があります。明日以降の日付を指定してください。',
    'A change of the purposes or of the responsible party must be announced in advance: choose a date after today',
  ),
  DATA_ITEMS_REQUIRED: message(
    'DATA_ITEMS_REQUIRED',
    '共同利用する項目を1件以上入力してください（空欄は不可）。',
    'At least one data item; none empty',
  ),
  PURPOSES_REQUIRED: message(
    'PURPOSES_REQUIRED',
    '利用目的を1件以上入力してください（空欄は不可）。',
    'At least one purpose; none empty',
  ),
  TOO_MANY_CONTRACTORS: message<{ max: number }>(
    'TOO_MANY_CONTRACTORS',
    (p) => `委託先は${p.max}件までです。`,
    (p) => `At most ${p.max} contractors`,
  ),
  REQUIREMENT_REQUIRED: message(
    'REQUIREMENT_REQUIRED',
    '利用環境の要件を1件以上入力してください。',
    'At least one requirement',
  ),
  TOO_MANY_REQUIREMENTS: message<{ max: number }>(
    'TOO_MANY_REQUIREMENTS',
    (p) => `利用環境の要件は${p.max}件までです。`,
    (p) => `At most ${p.max} requirements`,
  ),
  NO_TERMS_IN_FORCE: message(
    'NO_TERMS_IN_FORCE',
    '施行中の利用規約がありません。',
    'No terms of use are in force',
  ),
  TERMS_VERSION_MISMATCH: message<{ current: string; version: string }>(
    'TERMS_VERSION_MISMATCH',
    (p) => `施行中の利用規約は ver ${p.current} です（ver ${p.version} ではありません）。`,
    (p) => `The terms in force are ver ${p.current}, not ${p.version}`,
  ),
  TERMS_ACCEPT_NOT_ALLOWED: message(
    'TERMS_ACCEPT_NOT_ALLOWED',
    'このアカウントについて利用規約に同意する権限がありません。',
    'Not allowed to accept terms for this account',
  ),
  NOTIFICATION_NOT_FOUND: message(
    'NOTIFICATION_NOT_FOUND',
    'お知らせが見つかりません。',
    'Notification not found',
  ),
  ASSOCIATION_NOT_FOUND: message(
    'ASSOCIATION_NOT_FOUND',
    '医師会が見つかりません。',
    'Association not found',
  ),
  LABELLED_REQUIRED: message<{ labelJa: string; labelEn: string }>(
    'LABELLED_REQUIRED',
    (p) => `${p.labelJa}を入力してください。`,
    (p) => `${p.labelEn} is required`,
  ),
  LABELLED_TOO_LONG: message<{ labelJa: string; labelEn: string; max: number }>(
    'LABELLED_TOO_LONG',
    (p) => `${p.labelJa}は${p.max.toLocaleString('en-US')}文字以内で入力してください。`,
    (p) => `${p.labelEn} must have at most ${p.max} characters`,
  ),
  NOTICE_KEY_REUSED: message(
    'NOTICE_KEY_REUSED',
    'この冪等キーは別の内容のお知らせに使用済みです。',
    'This idempotency key was already used for another notice',
  ),
  CORRECTION_DETAILS_REQUIRED: message(
    'CORRECTION_DETAILS_REQUIRED',
    '誤っている情報と正しい内容を入力してください。',
    'Say which data is wrong and what is correct',
  ),
  REJECTION_REASON_REQUIRED: message(
    'REJECTION_REASON_REQUIRED',
    '却下の理由を入力してください。',
    'Give the reason for the rejection',
  ),
  PRIVACY_REQUEST_NOT_FOUND: message(
    'PRIVACY_REQUEST_NOT_FOUND',
    '開示等の請求が見つかりません。',
    'Privacy request not found',
  ),
  PRIVACY_REQUEST_DECIDED: message<{ status: string }>(
    'PRIVACY_REQUEST_DECIDED',
    (p) => `この請求は既に処理済みです（${p.status}）。`,
    (p) => `The request is already ${p.status}`,
  ),
  PRIVACY_REQUEST_CHANGED: message(
    'PRIVACY_REQUEST_CHANGED',
    'この請求は読み込んだ後に変更されました。再読み込みしてください。',
    'The request was changed since you read it; reload',
  ),
} as const;
