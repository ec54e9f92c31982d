import { message } from './message';

/** Messages of the identity service's account API (/manage): accounts, assistants, clients. */
export const IdentityMessages = {
  WEAK_PASSWORD: message<{ problem: string }>(
    'WEAK_PASSWORD',
    () => 'パスワードが条件を満たしていません（12文字以上、256文字以内、数字のみ不可）。',
    (p) => `password: ${p.problem}`,
  ),
  PHYSICIAN_ACCOUNT_PERSON: message(
    'PHYSICIAN_ACCOUNT_PERSON',
    '医師のアカウントには会員のIDが必要です。',
    'a physician account needs a person id',
  ),
  STAFF_ACCOUNT_ASSOCIATION_ROLE: message(
    'STAFF_ACCOUNT_ASSOCIATION_ROLE',
    '職員のアカウントには医師会と役割が必要です。',
    'a staff account needs an association and a role',
  ),
  ASSISTANT_INVITER: message(
    'ASSISTANT_INVITER',
    '補助者を招待できるのは、有効な医師または職員のアカウントのみです。',
    'only an active physician or staff account may invite assistants',
  ),
  ASSISTANT_SCOPES: message<{ notYours: string }>(
    'ASSISTANT_SCOPES',
    (p) =>
      `補助者の権限は、ご自身の権限の範囲内で1つ以上指定してください${p.notYours ? `（ご自身にない権限: ${p.notYours}）` : ''}。`,
    (p) =>
      `scopes must be a non-empty subset of your rights${p.notYours ? ` (not yours: ${p.notYours})` : ''}`,
  ),
  EXPIRES_IN_PAST: message(
    'EXPIRES_IN_PAST',
    '有効期限に過去の日時は指定できません。',
    'expiresAt is in the past',
  ),
  USERNAME_TAKEN: message('USERNAME_TAKEN', 'このユーザー名は既に使われています。', 'username already taken'),
  INVITATION_INVALID: message(
    'INVITATION_INVALID',
    '招待が無効か、期限切れです。',
    'invitation invalid or expired',
  ),
  NO_SUCH_ASSISTANT: message('NO_SUCH_ASSISTANT', '補助者が見つかりません。', 'no such assistant'),
  NO_SUCH_ACCOUNT: message('NO_SUCH_ACCOUNT', 'アカウントが見つかりません。', 'no such account'),
  BREACH_SUSPENSION_BY_JMA: message(
    'BREACH_SUSPENSION_BY_JMA',
    '規約違反による利用停止は日本医師会が決定します（SUSPENDED のみ）。',
    'a suspension for a breach is decided by the JMA (SUSPENDED only)',
  ),
  BREACH_LIFTED_BY_JMA: message(
    'BREACH_LIFTED_BY_JMA',
    '規約違反による利用停止を解除できるのは日本医師会のみです。',
    'a suspension for a breach is lifted by the JMA only',
  ),
  ACCOUNT_HOLDER_DECEASED: message(
    'ACCOUNT_HOLDER_DECEASED',
    'ご本人が死亡と記録されているため、アカウントは終了したままです。',
    'the person is recorded as deceased: the account stays ended',
  ),
  ACCOUNT_HOLDER_NOT_ELIGIBLE: message(
    'ACCOUNT_HOLDER_NOT_ELIGIBLE',
    'ご本人に現在の会員資格も研修の記録もありません（利用規約第8条第1項）。',
    'the person has no current membership and no training record (terms art. 8.1)',
  ),
  CLIENT_ID_FORMAT: message(
    'CLIENT_ID_FORMAT',
    'クライアントIDは英数字と . _ - で3〜64文字にしてください。',
    'clientId: 3–64 of A–Z a–z 0–9 . _ -',
  ),
  CLIENT_NAME_REQUIRED: message('CLIENT_NAME_REQUIRED', '名称を入力してください。', 'name is required'),
  CLIENT_ID_TAKEN: message(
    'CLIENT_ID_TAKEN',
    'このクライアントIDは既に登録されています。',
    'clientId already registered',
  ),
  MACHINE_CLIENT_SCOPES: message(
    'MACHINE_CLIENT_SCOPES',
    'マシンクライアントには society:<id> または analytics:aggregate の権限が必要です。',
    'machine clients need scopes society:<id> and/or analytics:aggregate',
  ),
  PUBLIC_CLIENT_REDIRECTS: message(
    'PUBLIC_CLIENT_REDIRECTS',
    '公開クライアントにはリダイレクトURIが必要です。',
    'public clients need redirect URIs',
  ),
  REDIRECT_NOT_URL: message<{ uri: string }>(
    'REDIRECT_NOT_URL',
    (p) => `URLではありません（${p.uri}）。`,
    (p) => `not a URL: ${p.uri}`,
  ),
  REDIRECT_NOT_HTTPS: message<{ uri: string }>(
    'REDIRECT_NOT_HTTPS',
    (p) =>
      `リダイレクトURIは https（localhost では http も可）で、フラグメントなしにしてください（${p.uri}）。`,
    (p) => `https (or http on localhost), no fragment: ${p.uri}`,
  ),
  NO_SUCH_CLIENT: message('NO_SUCH_CLIENT', 'クライアントが見つかりません。', 'no such client'),
  FIELD_STRING_REQUIRED: message<{ field: string; max: number }>(
    'FIELD_STRING_REQUIRED',
    (p) => `${p.field} は必須です。${p.max}文字以内の文字列で指定してください。`,
    (p) => `${p.field}: required string (≤${p.max})`,
  ),
  FIELD_STRING_ARRAY: message<{ field: string }>(
    'FIELD_STRING_ARRAY',
    (p) => `${p.field} は文字列の配列で指定してください。`,
    (p) => `${p.field}: array of strings`,
  ),
  BODY_JSON_OBJECT: message(
    'BODY_JSON_OBJECT',
    'リクエスト本文は JSON オブジェクトにしてください。',
    'body must be a JSON object',
  ),
  SYSADMIN_ONLY: message(
    'SYSADMIN_ONLY',
    'この操作は日本医師会のシステム管理者のみが行えます。',
    'JMA system administrators only',
  ),
  EXPIRES_AT_FORMAT: message(
    'EXPIRES_AT_FORMAT',
    'expiresAt は ISO 8601 の日時で指定してください。',
    'expiresAt: ISO date-time',
  ),
  ACCOUNT_STATUS_VALUE: message(
    'ACCOUNT_STATUS_VALUE',
    'status は SUSPENDED、ENDED、ACTIVE のいずれかを指定してください。',
    'status: SUSPENDED, ENDED or ACTIVE',
  ),
  ACCOUNT_STATUS_CAUSE: message(
    'ACCOUNT_STATUS_CAUSE',
    'cause は BREACH を指定するか、省略してください。',
    'cause: BREACH or absent',
  ),
  ACCOUNT_KIND_VALUE: message(
    'ACCOUNT_KIND_VALUE',
    'kind は PHYSICIAN か STAFF を指定してください。',
    'kind: PHYSICIAN or STAFF',
  ),
  IDS_MUST_BE_UUIDS: message('IDS_MUST_BE_UUIDS', 'IDは UUID で指定してください。', 'ids must be UUIDs'),
  ACCOUNT_ROLE_VALUE: message(
    'ACCOUNT_ROLE_VALUE',
    'role は ADMIN、CLERK、VIEWER のいずれかを指定してください。',
    'role: ADMIN, CLERK or VIEWER',
  ),
  PHYSICIAN_TOTP_SELF: message(
    'PHYSICIAN_TOTP_SELF',
    '医師の2段階認証はご本人が設定します。職員は初回ログイン時に設定します。',
    'totp: a physician sets up two-step verification themselves; staff enrol at their first sign-in',
  ),
  ACCOUNT_CREATE_NOT_ALLOWED: message(
    'ACCOUNT_CREATE_NOT_ALLOWED',
    'このアカウントを作成する権限がありません。',
    'not allowed to create this account',
  ),
  CLIENT_KIND_VALUE: message(
    'CLIENT_KIND_VALUE',
    'kind は MACHINE か PUBLIC を指定してください。',
    'kind: MACHINE or PUBLIC',
  ),
} as const;
