import { useI18n } from '../lib/i18n';

/**
 * The texts of My Page's training, insurance, dues, notification and privacy views, Japanese
 * first (kept beside the views; the chrome's texts are in lib/i18n.tsx).
 */
export const MY_MESSAGES = {
  navProgress: { ja: '研修・認定証', en: 'Training and certificates' },
  navSessions: { ja: '研修会', en: 'Sessions' },
  navInsurance: { ja: '保険・年金', en: 'Insurance and pension' },
  navDues: { ja: '会費', en: 'Dues' },
  navNotifications: { ja: 'お知らせ', en: 'Notifications' },
  navPrivacy: { ja: '規約・個人情報', en: 'Terms and privacy' },
  // training progress
  progressTitle: { ja: '認定までの進み具合', en: 'Progress toward each certificate' },
  progressNoRule: { ja: '認定の基準はありません。', en: 'No certification rule.' },
  progressEligible: { ja: '申請できます', en: 'You may apply' },
  progressNotEligible: { ja: '未達成の要件があります', en: 'Requirements are missing' },
  progressKindNEW: { ja: '新規', en: 'New' },
  progressKindRENEWAL: { ja: '更新', en: 'Renewal' },
  progressWindow: { ja: '対象期間', en: 'Counted period' },
  progressDeadline: { ja: '期限', en: 'Deadline' },
  progressRequirement: { ja: '要件', en: 'Requirement' },
  progressRequired: { ja: '必要', en: 'Required' },
  progressAchieved: { ja: '取得', en: 'Achieved' },
  progressMissing: { ja: '不足', en: 'Missing' },
  progressMet: { ja: '達成', en: 'Met' },
  progressEvidence: {
    ja: '申請には単位のほかに実績の証明が必要です。',
    en: 'An application needs evidence beyond credits.',
  },
  reqTOTAL: { ja: '合計', en: 'Total' },
  reqDISTINCT_CODES: { ja: 'カリキュラムコード数', en: 'Distinct curriculum codes' },
  reqCATEGORY: { ja: '区分', en: 'Category' },
  reqCERTIFICATE: { ja: '前提となる認定証', en: 'Prerequisite certificate' },
  download: { ja: 'PDFをダウンロード', en: 'Download the PDF' },
  downloadCertificate: { ja: '認定証PDF', en: 'Certificate PDF' },
  downloadAttendance: { ja: '受講証明書PDF', en: 'Attendance certificate PDF' },
  downloadFailed: {
    ja: 'ダウンロードできませんでした。もう一度お試しください。',
    en: 'The download failed. Please try again.',
  },
  attendedTitle: { ja: '受講した研修会（受講証明）', en: 'Sessions attended (attendance certificates)' },
  // sessions
  sessionsTitle: { ja: '開催予定の研修会', en: 'Upcoming sessions' },
  mySessionsTitle: { ja: '申込済みの研修会', en: 'My registrations' },
  calendarTitle: { ja: 'カレンダー登録', en: 'Calendar subscription' },
  calendarLead: {
    ja: '所属医師会の公開研修会をカレンダーアプリに登録できます（iCalendar形式のURL）。',
    en: 'Subscribe to your associations’ public sessions in a calendar app (an iCalendar URL).',
  },
  calendarOf: { ja: '{name}の研修会カレンダー', en: 'Sessions of {name}' },
  register: { ja: '申し込む', en: 'Register' },
  cancelRegistration: { ja: '申込を取り消す', en: 'Cancel the registration' },
  registered: { ja: '申し込みました。', en: 'Registered.' },
  cancelled: { ja: '申込を取り消しました。', en: 'Registration cancelled.' },
  seats: { ja: '定員', en: 'Seats' },
  unlimited: { ja: '制限なし', en: 'unlimited' },
  host: { ja: '主催', en: 'Host' },
  when: { ja: '日時', en: 'When' },
  venue: { ja: '会場', en: 'Venue' },
  online: { ja: 'オンライン', en: 'Online' },
  noSessions: { ja: '開催予定の研修会はありません。', en: 'No upcoming session.' },
  attREGISTERED: { ja: '申込済', en: 'Registered' },
  attWAITLISTED: { ja: 'キャンセル待ち', en: 'Waiting list' },
  attATTENDED: { ja: '受講済', en: 'Attended' },
  attCANCELLED: { ja: '取消', en: 'Cancelled' },
  // insurance and pension
  insuranceTitle: { ja: '日本医師会 医師賠償責任保険', en: 'JMA malpractice insurance' },
  insuranceYear: { ja: '保険年度', en: 'Insurance year' },
  insuranceYearValue: { ja: '{year}年度（{year}年7月1日から）', en: '{year} (from July 1, {year})' },
  enrolledOn: { ja: '加入日', en: 'Enrolled' },
  endedOn: { ja: '終了日', en: 'Ended' },
  rider: { ja: '特約保険', en: 'Rider' },
  riderNone: { ja: 'なし', en: 'None' },
  notEnrolled: { ja: '加入していません。', en: 'Not enrolled.' },
  insuranceHistory: { ja: '保険の履歴', en: 'Insurance history' },
  pensionTitle: { ja: '日本医師会 医師年金', en: 'JMA physician pension' },
  pensionPlan: { ja: 'プラン', en: 'Plan' },
  pensionContribution: { ja: '掛金の払込', en: 'Contributions' },
  monthlyContribution: { ja: '月額掛金', en: 'Monthly contribution' },
  contributionsEndOn: { ja: '払込終了日', en: 'Contributions end' },
  withdrawnOn: { ja: '脱退日', en: 'Withdrawn' },
  ENROLLED: { ja: '加入中', en: 'Enrolled' },
  SUSPENDED: { ja: '休止', en: 'Suspended' },
  ENDED: { ja: '終了', en: 'Ended' },
  WITHDRAWN: { ja: '脱退', en: 'Withdrawn' },
  CONTRIBUTING: { ja: '払込中', en: 'Contributing' },
  COMPLETED: { ja: '払込満了', en: 'Completed' },
  STOPPED: { ja: '払込なし', en: 'Stopped' },
  BASIC: { ja: '基本年金', en: 'Basic' },
  BASIC_AND_ADDITIONAL: { ja: '基本年金＋加算年金', en: 'Basic and additional' },
  // dues
  duesTitle: { ja: '会費の請求と入金', en: 'Dues invoices and payments' },
  fiscalYear: { ja: '年度', en: 'Fiscal year' },
  fiscalYearValue: { ja: '{year}年度', en: 'FY{year}' },
  amount: { ja: '請求額', en: 'Amount' },
  paid: { ja: '入金額', en: 'Paid' },
  outstanding: { ja: '未納額', en: 'Outstanding' },
  reference: { ja: '振込依頼人番号', en: 'Transfer reference' },
  issuedOn: { ja: '請求日', en: 'Issued' },
  payments: { ja: '入金', en: 'Payments' },
  noDues: { ja: '会費の請求はありません。', en: 'No dues invoices.' },
  OPEN: { ja: '未納あり', en: 'Outstanding' },
  PAID: { ja: '納入済', en: 'Paid' },
  EXEMPT: { ja: '免除', en: 'Exempt' },
  MANUAL: { ja: '窓口', en: 'Recorded by the office' },
  BANK_TRANSFER: { ja: '銀行振込', en: 'Bank transfer' },
  yen: { ja: '{amount}円', en: '¥{amount}' },
  // notifications
  notificationsTitle: { ja: 'お知らせ', en: 'Notifications' },
  noNotifications: { ja: 'お知らせはありません。', en: 'No notifications.' },
  unread: { ja: '未読', en: 'Unread' },
  markRead: { ja: '既読にする', en: 'Mark as read' },
  readAt: { ja: '既読', en: 'Read' },
  // terms and privacy
  acceptancesTitle: { ja: '利用規約への同意の記録', en: 'Your acceptances of the terms' },
  acceptedAt: { ja: '同意日時', en: 'Accepted' },
  acceptedVersion: { ja: '版', en: 'Version' },
  acceptedHow: { ja: '方法', en: 'How' },
  LOGIN_PAGE: { ja: 'ログイン画面', en: 'Sign-in page' },
  API: { ja: 'アプリ', en: 'Application' },
  MIGRATION: { ja: '旧システムから移行', en: 'Carried over' },
  termsHistoryTitle: { ja: '利用規約の版', en: 'Terms versions' },
  noticeHistoryTitle: { ja: '共同利用についての公表', en: 'Joint-use notices' },
  provisionsTitle: { ja: '第三者提供の記録', en: 'Records of provision to third parties' },
  provisionsLead: {
    ja: '所属医師会が発送やメール配信のために、あなたの情報を業者へ提供した記録です（個人情報保護法第33条）。',
    en: 'What your associations gave to mailing and e-mail delivery vendors about you, and when (APPI art. 33).',
  },
  noProvisions: { ja: '提供の記録はありません。', en: 'No records of provision.' },
  provisionRecipient: { ja: '提供先', en: 'Recipient' },
  provisionPurpose: { ja: '目的', en: 'Purpose' },
  provisionItems: { ja: '提供した項目', en: 'Items' },
  item_name: { ja: '氏名', en: 'Name' },
  item_nameKana: { ja: '氏名（カナ）', en: 'Name (kana)' },
  item_email: { ja: 'メールアドレス', en: 'E-mail address' },
  item_postalCode: { ja: '郵便番号', en: 'Postal code' },
  item_address: { ja: '住所', en: 'Address' },
  item_duesOutstanding: { ja: '未納会費', en: 'Outstanding dues' },
  privacyTitle: { ja: '個人情報に関する請求', en: 'Privacy requests' },
  privacyLead: {
    ja: '個人情報保護法に基づき、保有個人データの開示（第33条）、訂正（第34条）、利用停止・消去（第35条）を請求できます。',
    en: 'Under the APPI you may ask for disclosure (art. 33), correction (art. 34) or cessation of use / erasure (art. 35) of your data.',
  },
  privacyKind: { ja: '請求の種類', en: 'Kind' },
  privacyDetails: {
    ja: '内容（訂正：対象の情報と正しい内容）',
    en: 'Details (correction: the data and its correct value)',
  },
  privacySubmit: { ja: '請求する', en: 'Submit the request' },
  privacyFiled: { ja: '請求を受け付けました。', en: 'The request was filed.' },
  privacyDue: { ja: '回答期限', en: 'Due' },
  privacyOverdue: { ja: '期限超過', en: 'Overdue' },
  privacyDownload: { ja: '開示データをダウンロード', en: 'Download the disclosure' },
  noPrivacyRequests: { ja: '請求はありません。', en: 'No requests.' },
  DISCLOSURE: { ja: '開示', en: 'Disclosure' },
  CORRECTION: { ja: '訂正', en: 'Correction' },
  ERASURE: { ja: '利用停止・消去', en: 'Cessation of use / erasure' },
  RECEIVED: { ja: '受付', en: 'Received' },
  APPROVED: { ja: '承認', en: 'Approved' },
  REJECTED: { ja: '却下', en: 'Rejected' },
  // staff acting on behalf
  navAct: { ja: '代理操作', en: 'Act on behalf' },
  actTitle: { ja: '会員の代理で操作する', en: 'Act on a member’s behalf' },
  actLead: {
    ja: '所属医師会の現会員の依頼により、その会員の代わりに操作できます。操作はすべて会員本人の閲覧履歴に職員名とともに記録されます。',
    en: 'At the request of a current member of your association you may act for them. Everything you do is recorded in the member’s access log with your name.',
  },
  actPerson: { ja: '会員ID', en: 'Member id' },
  actReason: { ja: '理由（必須）', en: 'Reason (required)' },
  actReasonRequired: { ja: '理由を入力してください。', en: 'Please give the reason.' },
  actSubmit: { ja: '代理操作を開始する', en: 'Start acting on their behalf' },
  actRefused: {
    ja: '代理操作を開始できませんでした（所属医師会の現会員で、医師のアカウントがある方に限られます）。',
    en: 'Acting on behalf could not start (only for current members of your association who have a physician account).',
  },
  actStop: { ja: '代理操作を終了する', en: 'Stop acting on their behalf' },
} as const satisfies Record<string, { ja: string; en: string }>;

export type MyMessageKey = keyof typeof MY_MESSAGES;

/** `tm(key, vars)`: a My Page text in the current language; `tmOr(key)`: an API code's name or the code. */
export function useMyText() {
  const { lang } = useI18n();
  const tm = (key: MyMessageKey, vars?: Record<string, string | number>) => {
    let text: string = MY_MESSAGES[key][lang];
    for (const [k, v] of Object.entries(vars ?? {})) text = text.replaceAll(`{${k}}`, String(v));
    return text;
  };
  const tmOr = (code: string | null | undefined) =>
    code == null ? '—' : code in MY_MESSAGES ? tm(code as MyMessageKey) : code;
  const yen = (amount: number) => tm('yen', { amount: amount.toLocaleString('ja-JP') });
  return { tm, tmOr, yen, lang };
}
