import { message } from './message';

/** Messages of the platform (input checks, writes, access, statistics) shared by every service. */
export const CommonMessages = {
  SERVICE_BUSY: message(
    'SERVICE_BUSY',
    'ただいま混み合っています。しばらくしてから再度お試しください。',
    'The service is busy; please try again shortly.',
  ),
  NOT_FOUND: message('NOT_FOUND', '見つかりません。', 'Not found'),
  PERSON_NOT_FOUND: message('PERSON_NOT_FOUND', '該当する方が見つかりません。', 'Person not found'),
  REQUIRED: message('REQUIRED', '入力してください。', 'Must not be empty'),
  TEXT_TOO_LONG: message<{ max: number }>(
    'TEXT_TOO_LONG',
    (p) => `${p.max}文字以内で入力してください。`,
    (p) => `At most ${p.max} characters`,
  ),
  LISTED_TWICE: message('LISTED_TWICE', '同じものが2回指定されています。', 'is listed twice'),
  INVALID_ID: message('INVALID_ID', 'IDの形式が正しくありません。', 'Not a valid ID'),
  INVALID_DATE: message(
    'INVALID_DATE',
    '日付が正しくありません（YYYY-MM-DD）。',
    'Not a valid date (YYYY-MM-DD)',
  ),
  INVALID_DATE_TIME: message(
    'INVALID_DATE_TIME',
    '日時が正しくありません（ISO 8601）。',
    'Not a valid ISO 8601 date-time',
  ),
  INVALID_YEN: message(
    'INVALID_YEN',
    '金額は円単位の整数で入力してください。',
    'Expected an amount in integer yen',
  ),
  CONTROL_CHARACTER: message(
    'CONTROL_CHARACTER',
    '制御文字は使用できません。',
    'Control characters are not allowed',
  ),
  INVISIBLE_CHARACTER: message(
    'INVISIBLE_CHARACTER',
    '氏名・住所に書字方向制御文字やゼロ幅文字は使用できません。',
    'Names and addresses may not contain bidi controls or zero-width characters',
  ),
  OUT_OF_RANGE: message('OUT_OF_RANGE', '年が範囲外です（1900〜2200）。', 'Year out of range (1900–2200)'),
  MALFORMED_CURSOR: message('MALFORMED_CURSOR', 'カーソルの形式が正しくありません。', 'Malformed cursor'),
  PAGE_SIZE: message<{ max: number }>(
    'PAGE_SIZE',
    (p) => `1から${p.max}までの整数で指定してください。`,
    (p) => `must be an integer between 1 and ${p.max}`,
  ),
  IDEMPOTENCY_KEY_LENGTH: message(
    'IDEMPOTENCY_KEY_LENGTH',
    '冪等キーは1〜200文字で指定してください。',
    'The idempotency key must have 1 to 200 characters',
  ),
  IDEMPOTENCY_KEY_REUSED: message(
    'IDEMPOTENCY_KEY_REUSED',
    'この冪等キーは別の内容の依頼で使用済みです。',
    'This idempotency key was already used with a different request',
  ),
  IDEMPOTENCY_KEY_REQUIRED: message(
    'IDEMPOTENCY_KEY_REQUIRED',
    '送信には冪等キーが必要です。',
    'An idempotency key is required to send',
  ),
  OPERATION_STILL_RUNNING: message(
    'OPERATION_STILL_RUNNING',
    'この処理は実行中です。結果は処理状況で確認できます。',
    'This operation is still running; its result will be shown under Operations',
  ),
  OPERATION_FAILED: message(
    'OPERATION_FAILED',
    '処理に失敗しました。何も変更されていません。もう一度お試しください。',
    'The operation failed; nothing was changed. Please try again',
  ),
  OPERATION_INTERRUPTED: message(
    'OPERATION_INTERRUPTED',
    '処理は完了が記録されないまま中断されました（サーバーの停止など）。結果を確認し、必要ならもう一度実行してください。',
    'The operation was interrupted before its completion was recorded (e.g. a server stopped); check the results and run it again if needed',
  ),
  OPERATION_NOT_FOUND: message('OPERATION_NOT_FOUND', '処理が見つかりません。', 'Operation not found'),
  STALE_VERSION: message(
    'STALE_VERSION',
    'このデータは読み込んだ後に他の方が変更しました。再読み込みしてからやり直してください。',
    'This record was changed by someone else since you read it; reload and try again',
  ),
  FIELD_NOT_ALLOWED: message(
    'FIELD_NOT_ALLOWED',
    'この項目を閲覧する権限がありません。',
    'Not allowed to read this field',
  ),
  OPERATION_NOT_ALLOWED: message<{ operation: string }>(
    'OPERATION_NOT_ALLOWED',
    (p) => `この操作（${p.operation}）を行う権限がありません。`,
    (p) => `Not allowed to ${p.operation.toLowerCase().replace(/_/g, ' ')}`,
  ),
  OPERATION_NOT_ALLOWED_FOR_ASSOCIATION: message<{ operation: string }>(
    'OPERATION_NOT_ALLOWED_FOR_ASSOCIATION',
    (p) => `この医師会について、この操作（${p.operation}）を行う権限がありません。`,
    (p) => `Not allowed to ${p.operation.toLowerCase().replace(/_/g, ' ')} for this association`,
  ),
  STATISTICS_ANALYTICS_JMA_ONLY: message(
    'STATISTICS_ANALYTICS_JMA_ONLY',
    '分析用クライアントが参照できるのは日本医師会の統計のみです。',
    "Analytics clients read the JMA's statistics only",
  ),
  STATISTICS_STAFF_ONLY: message(
    'STATISTICS_STAFF_ONLY',
    '統計は医師会の職員と分析用クライアントのみが参照できます。',
    'Statistics are for association staff and analytics clients',
  ),
  POPULATION_BELOW_K: message<{ k: number }>(
    'POPULATION_BELOW_K',
    (p) => `この条件では${p.k}人未満になるため、統計を提供できません。`,
    (p) =>
      `These filters select fewer than ${p.k} persons; statistics that could identify individuals are not given`,
  ),
  DIFFERENCE_BELOW_K: message<{ k: number }>(
    'DIFFERENCE_BELOW_K',
    (p) => `以前の照会との差が${p.k}人未満になるため、お答えできません。`,
    (p) => `Together with an earlier query, this one would describe fewer than ${p.k} persons; refused`,
  ),
  COMBINATION_BELOW_K: message<{ k: number }>(
    'COMBINATION_BELOW_K',
    (p) => `これまでの回答と合わせると${p.k}人未満の集計が特定されるため、お答えできません。`,
    (p) => `Together with earlier answers, this one would determine a count below ${p.k}; refused`,
  ),
  AUDIT_LIMIT: message(
    'AUDIT_LIMIT',
    'これまでの照会が多く、開示の安全性を確認できないため、お答えできません（条件や集計軸を減らすと回答できる場合があります）。',
    'Too many earlier answers to check this one against; refused (fewer dimensions or filters may be answered)',
  ),
} as const;

/** Messages of the gateway and the identity service: sign-in, terms, rate limits. */
export const AccessMessages = {
  AUTHENTICATION_REQUIRED: message(
    'AUTHENTICATION_REQUIRED',
    'ログインが必要です。',
    'Authentication required',
  ),
  UNAUTHORIZED: message('UNAUTHORIZED', '認証されていません。', 'Unauthorized'),
  INVALID_ACCESS_TOKEN: message(
    'INVALID_ACCESS_TOKEN',
    'アクセストークンが無効です。再度ログインしてください。',
    'Invalid access token',
  ),
  INVALID_AUTHORIZATION_HEADER: message(
    'INVALID_AUTHORIZATION_HEADER',
    'Authorization ヘッダーの形式が正しくありません。',
    'Invalid authorization header',
  ),
  AUTHENTICATION_UNAVAILABLE: message(
    'AUTHENTICATION_UNAVAILABLE',
    '現在、認証を確認できません。しばらくしてから再度お試しください。',
    'Authentication is temporarily unavailable',
  ),
  TERMS_NOT_ACCEPTED: message(
    'TERMS_NOT_ACCEPTED',
    '現行の利用規約に同意されていません。',
    'The current terms of use have not been accepted',
  ),
  TERMS_CHECK_UNAVAILABLE: message(
    'TERMS_CHECK_UNAVAILABLE',
    '現在、利用規約への同意状況を確認できません。しばらくしてから再度お試しください。',
    'The terms of use cannot be checked right now',
  ),
  QUERY_TOO_LONG: message<{ length: number; max: number }>(
    'QUERY_TOO_LONG',
    (p) => `クエリが長すぎます（${p.length}文字。上限は${p.max}文字です）。`,
    (p) => `Query is too long: ${p.length} characters, at most ${p.max}`,
  ),
  RATE_LIMITED: message(
    'RATE_LIMITED',
    'リクエストが多すぎます。しばらくしてから再度お試しください。',
    'Too many requests',
  ),
} as const;
