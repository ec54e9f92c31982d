import { useI18n } from './i18n';

/** Names of API enum values in both languages. */
export type Names = Record<string, { ja: string; en: string }>;

/** Statuses of memberships, applications and their steps, and dues invoices. */
export const STATUS_NAMES: Names = {
  ACTIVE: { ja: '在籍', en: 'Active' },
  LEFT: { ja: '退会', en: 'Left' },
  TRANSFERRED: { ja: '異動', en: 'Transferred' },
  DECEASED: { ja: '死亡', en: 'Deceased' },
  PENDING: { ja: '審査中', en: 'Pending' },
  APPROVED: { ja: '承認', en: 'Approved' },
  REJECTED: { ja: '却下', en: 'Rejected' },
  CANCELLED: { ja: '取下げ', en: 'Cancelled' },
  SKIPPED: { ja: '省略', en: 'Skipped' },
  OPEN: { ja: '未納', en: 'Open' },
  PAID: { ja: '納付済', en: 'Paid' },
  EXEMPT: { ja: '免除', en: 'Exempt' },
};

/** Kinds of membership applications and of membership history events. */
export const KIND_NAMES: Names = {
  JOIN: { ja: '入会', en: 'Join' },
  TRANSFER: { ja: '異動', en: 'Transfer' },
  LEAVE: { ja: '退会', en: 'Leave' },
  CATEGORY_CHANGE: { ja: '会員種別変更', en: 'Category change' },
  TRANSFER_OUT: { ja: '異動（転出）', en: 'Transfer out' },
  TRANSFER_IN: { ja: '異動（転入）', en: 'Transfer in' },
  DEATH: { ja: '死亡', en: 'Death' },
};

/** The viewer's language's name of an API enum value (the value itself when unknown). */
export function useNames() {
  const { lang } = useI18n();
  return (table: Names, key: string) => table[key]?.[lang] ?? key;
}
