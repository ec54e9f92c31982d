import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { OFFICE_ADMIN_MESSAGES } from './office-admin-messages';
import { OFFICE_MEMBERS_MESSAGES } from './office-members-messages';
import { OFFICE_MESSAGES } from './office-messages';
import { OFFICE_TRAINING_MESSAGES } from './office-training-messages';
import { SURVEY_MESSAGES } from './survey-messages';

export type Lang = 'ja' | 'en';

/** Every text of the portal's own chrome, Japanese first. Data from the API is shown as it comes. */
export const MESSAGES = {
  appName: { ja: 'MAMIS 医師会会員情報システム', en: 'MAMIS member information system' },
  skipToContent: { ja: '本文へ移動', en: 'Skip to content' },
  switchLanguage: { ja: 'English', en: '日本語' },
  switchLanguageLabel: { ja: '英語に切り替える', en: 'Switch to Japanese' },
  navTop: { ja: 'トップページ', en: 'Top page' },
  navVerify: { ja: '証明書の確認', en: 'Verify a certificate' },
  navMyPage: { ja: 'マイページ', en: 'My Page' },
  signIn: { ja: 'ログイン', en: 'Sign in' },
  signOut: { ja: 'ログアウト', en: 'Sign out' },
  loading: { ja: '読み込み中…', en: 'Loading…' },
  notPermitted: { ja: '閲覧権限なし', en: 'Not permitted' },
  none: { ja: 'なし', en: 'None' },
  errorGeneric: {
    ja: 'エラーが発生しました。時間をおいて再度お試しください。',
    en: 'Something went wrong. Please try again later.',
  },
  retry: { ja: '再試行する', en: 'Try again' },
  errorRequestId: { ja: '問い合わせ番号', en: 'Request id' },
  errorRateLimited: {
    ja: 'アクセスが集中しています。しばらくしてから再度お試しください。',
    en: 'Too many requests. Please wait a moment and try again.',
  },
  errorSignIn: {
    ja: 'ログインの有効期限が切れたか、取り消されました。もう一度ログインしてください。',
    en: 'Your sign-in has expired or was revoked. Please sign in again.',
  },
  errorTerms: {
    ja: '利用規約への同意が必要です。もう一度ログインして同意してください。',
    en: 'You need to accept the terms of use. Please sign in again to accept them.',
  },
  // top page
  topTitle: { ja: 'MAMIS（医師会会員情報システム）', en: 'MAMIS (member information system)' },
  topIntro: {
    ja: 'MAMISは、日本医師会・都道府県医師会・郡市区等医師会が会員の皆さまの情報（会員資格、会費、生涯教育の単位と認定証、医師賠償責任保険、医師年金）を共同で管理するシステムです。会員の医師はマイページで自分の情報を確認・更新し、異動や退会の申請ができます。',
    en: 'MAMIS is the system in which the Japan Medical Association and the prefectural and municipal medical associations keep their members’ data together: memberships, dues, training credits and certificates, malpractice insurance and the physician pension. Members see and update their own data on My Page and file transfers and other applications there.',
  },
  jointUseTitle: { ja: '個人データの共同利用について', en: 'Joint use of personal data' },
  jointUseStatement: { ja: '① 共同利用をする旨', en: '① Statement of joint use' },
  jointUseItems: { ja: '② 共同して利用する個人データの項目', en: '② Data items used jointly' },
  jointUseUsers: { ja: '③ 共同して利用する者の範囲', en: '③ The joint users' },
  jointUsePurposes: { ja: '④ 利用する者の利用目的', en: '④ Purposes of use' },
  jointUseResponsible: {
    ja: '⑤ 当該個人データの管理について責任を有する者',
    en: '⑤ The party responsible for the data',
  },
  responsibleName: { ja: '名称', en: 'Name' },
  responsibleAddress: { ja: '住所', en: 'Address' },
  responsibleRepresentative: { ja: '代表者', en: 'Representative' },
  noticeVersion: { ja: '版', en: 'Version' },
  effectiveFrom: { ja: '適用開始日', en: 'Effective from' },
  upcomingTitle: { ja: '予定されている改定', en: 'Announced revisions' },
  upcomingNotice: { ja: '共同利用についての改定', en: 'Revision of the joint-use notice' },
  upcomingTerms: { ja: '利用規約の改定', en: 'Revision of the terms of use' },
  noUpcoming: { ja: '予定されている改定はありません。', en: 'No revision is announced.' },
  termsTitle: { ja: '利用規約', en: 'Terms of use' },
  termsHistory: { ja: '利用規約の改定履歴', en: 'History of the terms of use' },
  termsCurrent: { ja: '現在の利用規約', en: 'Terms in force' },
  termsShowBody: { ja: '全文を表示', en: 'Show the full text' },
  termsRequiresAcceptance: { ja: '再同意が必要', en: 'Acceptance required' },
  verifyLead: {
    ja: '認定証に印字された確認コードから、その認定証が有効かどうかを確認できます。',
    en: 'Check whether a certificate is valid with the verification code printed on it.',
  },
  signInLead: {
    ja: '会員の医師、補助者、医師会の職員の方はログインしてください。',
    en: 'Physicians, their assistants and association staff: please sign in.',
  },
  notYetPublished: { ja: '（未公表）', en: '(not published)' },
  contractorsTitle: { ja: '業務委託先', en: 'Contractors' },
  noContractors: { ja: '業務委託先はありません。', en: 'No contractors.' },
  environmentTitle: { ja: '利用環境', en: 'Environment requirements' },
  // verify page
  verifyTitle: { ja: '認定証の確認', en: 'Certificate verification' },
  verifyCodeLabel: { ja: '確認コード', en: 'Verification code' },
  verifyCodeHint: {
    ja: '例：ABCD-EFGH-JKMN（大文字・小文字、ハイフンの有無は問いません）',
    en: 'e.g. ABCD-EFGH-JKMN (any case, with or without hyphens)',
  },
  verifySubmit: { ja: '確認する', en: 'Verify' },
  verifyInvalidCode: {
    ja: '確認コードは英数字12文字です（例：ABCD-EFGH-JKMN）。',
    en: 'A verification code has 12 letters and digits (e.g. ABCD-EFGH-JKMN).',
  },
  verifyNotFound: {
    ja: 'この確認コードの認定証は見つかりません。',
    en: 'No certificate has this verification code.',
  },
  verifyResult: { ja: '確認結果', en: 'Result' },
  verifyValid: { ja: '有効な認定証です', en: 'This certificate is valid' },
  verifyNotValid: { ja: '有効な認定証ではありません', en: 'This certificate is not valid' },
  verifyStatus: { ja: '状態', en: 'Status' },
  verifyProgram: { ja: '制度', en: 'Programme' },
  verifyHolder: { ja: '氏名', en: 'Holder' },
  verifyValidity: { ja: '有効期間', en: 'Valid' },
  // sign-in callback
  signingIn: { ja: 'ログインしています…', en: 'Signing in…' },
  signInFailed: { ja: 'ログインできませんでした。', en: 'Sign-in failed.' },
  // my page
  myPageTitle: { ja: 'マイページ', en: 'My Page' },
  myNavProfile: { ja: '基本情報・連絡先', en: 'Profile and contact' },
  myNavMemberships: { ja: '会員資格', en: 'Memberships' },
  myNavApplications: { ja: '申請', en: 'Applications' },
  myNavTraining: { ja: '研修・認定証', en: 'Training and certificates' },
  myNavAccessLog: { ja: '閲覧履歴', en: 'Who accessed my data' },
  myNavAssistants: { ja: '補助者', en: 'Assistants' },
  signInRequired: { ja: 'マイページを見るにはログインしてください。', en: 'Please sign in to see My Page.' },
  noPerson: {
    ja: 'このアカウントには医師の情報が結び付いていません。',
    en: 'This account is not linked to a physician.',
  },
  bannerAssistant: {
    ja: '補助者 {actor} が {person} さんの代わりに操作しています。',
    en: 'Assistant {actor} is acting for {person}.',
  },
  bannerStaff: {
    ja: '職員 {actor} が {person} さんの代理で操作しています（理由：{reason}）。',
    en: 'Staff member {actor} is acting on behalf of {person} (reason: {reason}).',
  },
  name: { ja: '氏名', en: 'Name' },
  kana: { ja: 'フリガナ', en: 'Name (kana)' },
  registryNumber: { ja: '医籍登録番号', en: 'Registry number' },
  birthDate: { ja: '生年月日', en: 'Date of birth' },
  contactTitle: { ja: '連絡先', en: 'Contact' },
  email: { ja: 'メールアドレス', en: 'E-mail' },
  phone: { ja: '電話番号', en: 'Phone' },
  postalCode: { ja: '郵便番号', en: 'Postal code' },
  prefectureCode: { ja: '都道府県コード（1〜47）', en: 'Prefecture code (1–47)' },
  address: { ja: '住所', en: 'Address' },
  edit: { ja: '編集する', en: 'Edit' },
  save: { ja: '保存する', en: 'Save' },
  cancel: { ja: '取り消す', en: 'Cancel' },
  saved: { ja: '保存しました。', en: 'Saved.' },
  conflict: {
    ja: 'ほかの人（または別の画面）がこの情報を先に更新しました。入力内容は消えていません。最新の内容を確認してから、もう一度保存してください。',
    en: 'Someone (or another window) changed this data first. Your input is kept. Check the latest data, then save again.',
  },
  latestOnServer: { ja: '最新の登録内容', en: 'The latest data' },
  reloadLatest: { ja: '最新の版で続ける', en: 'Continue with the latest version' },
  fixInput: { ja: '入力内容を確認してください。', en: 'Please check your input.' },
  membershipsTitle: { ja: '現在と過去の会員資格', en: 'Current and past memberships' },
  association: { ja: '医師会', en: 'Association' },
  category: { ja: '会員種別', en: 'Category' },
  status: { ja: '状態', en: 'Status' },
  joinedOn: { ja: '入会日', en: 'Joined' },
  leftOn: { ja: '退会日', en: 'Left' },
  historyTitle: { ja: '異動履歴', en: 'Membership history' },
  event: { ja: '事由', en: 'Event' },
  applicationsTitle: { ja: '申請と承認の状況', en: 'Applications and their approval' },
  fileApplication: { ja: '新しい申請', en: 'New application' },
  applicationKind: { ja: '申請の種類', en: 'Kind' },
  applicationAssociation: { ja: '対象の医師会', en: 'Association' },
  applicationCategory: { ja: '会員種別（入会・種別変更）', en: 'Category (join, category change)' },
  applicationEffectiveOn: { ja: '希望日', en: 'Effective on' },
  applicationComment: { ja: '備考', en: 'Comment' },
  applicationSubmit: { ja: '申請する', en: 'File the application' },
  applicationFiled: { ja: '申請を受け付けました。', en: 'The application was filed.' },
  steps: { ja: '承認の段階', en: 'Approval steps' },
  filedAt: { ja: '申請日時', en: 'Filed' },
  noApplications: { ja: '申請はありません。', en: 'No applications.' },
  trainingTitle: { ja: '取得単位', en: 'Credits' },
  certificatesTitle: { ja: '認定証', en: 'Certificates' },
  program: { ja: '制度', en: 'Programme' },
  code: { ja: 'カリキュラムコード', en: 'Curriculum code' },
  units: { ja: '単位', en: 'Units' },
  earnedOn: { ja: '取得日', en: 'Earned' },
  certificateNumber: { ja: '認定証番号', en: 'Number' },
  validity: { ja: '有効期間', en: 'Valid' },
  verificationCode: { ja: '確認コード', en: 'Verification code' },
  accessLogTitle: { ja: 'わたしの情報を閲覧・変更した記録', en: 'Who saw or changed my data' },
  at: { ja: '日時', en: 'When' },
  who: { ja: '誰が', en: 'Who' },
  what: { ja: '内容', en: 'What' },
  basis: { ja: '根拠', en: 'Basis' },
  assistantsTitle: { ja: '補助者（代理で操作できる人）', en: 'Assistants (people who act for you)' },
  assistantsLead: {
    ja: '補助者は、あなたが許可した範囲であなたの情報を扱えます。取り消すと、その補助者の次の操作から拒否されます。',
    en: 'An assistant handles your data within the rights you grant. Once revoked, the assistant’s very next request is refused.',
  },
  assistantName: { ja: '表示名', en: 'Display name' },
  assistantUsername: { ja: 'ユーザー名', en: 'Username' },
  assistantRights: { ja: '権限', en: 'Rights' },
  assistantExpires: { ja: '有効期限', en: 'Expires' },
  revoke: { ja: '取り消す', en: 'Revoke' },
  revokeConfirm: { ja: 'この補助者の権限を取り消しますか？', en: 'Revoke this assistant?' },
  revoked: { ja: '取り消しました。', en: 'Revoked.' },
  invite: { ja: '招待する', en: 'Invite' },
  inviteTitle: { ja: '補助者を招待する', en: 'Invite an assistant' },
  invited: {
    ja: '招待しました。次のURLを補助者に渡してください：',
    en: 'Invited. Give the assistant this URL:',
  },
  noAssistants: { ja: '補助者はいません。', en: 'No assistants.' },
  assistantsOwnOnly: {
    ja: '補助者の管理は医師本人だけが行えます。',
    en: 'Only the physician themself manages assistants.',
  },
  ...OFFICE_MESSAGES,
  ...OFFICE_TRAINING_MESSAGES,
  ...OFFICE_MEMBERS_MESSAGES,
  ...OFFICE_ADMIN_MESSAGES,
  ...SURVEY_MESSAGES,
} as const satisfies Record<string, { ja: string; en: string }>;

export type MessageKey = keyof typeof MESSAGES;

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, vars?: Record<string, string>): string;
  /** Pick the language's variant of an API text pair (`nameJa` / `nameEn`). */
  pick(ja: string, en: string | null | undefined): string;
}

const I18nContext = createContext<I18n | null>(null);
const STORAGE_KEY = 'mamis.lang';

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() =>
    globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ja',
  );
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang(next) {
        globalThis.localStorage?.setItem(STORAGE_KEY, next);
        setLangState(next);
      },
      t(key, vars) {
        let text: string = MESSAGES[key][lang];
        for (const [k, v] of Object.entries(vars ?? {})) text = text.replaceAll(`{${k}}`, v);
        return text;
      },
      pick: (ja, en) => (lang === 'en' && en ? en : ja),
    }),
    [lang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
