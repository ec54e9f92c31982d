import type { FieldGroup } from '@mamis/platform';

/** The data items (別表2 of the terms; the joint-use notice (1)) of each field group, Japanese / English. */
export const GROUP_ITEMS: Readonly<Record<FieldGroup, { ja: string; en: string }>> = {
  IDENTITY: {
    ja: '氏名、生年月日・性別、医籍登録番号及び医籍登録日',
    en: 'name, date of birth and sex, medical registry number and registration date',
  },
  CONTACT: {
    ja: '連絡先及び自宅の住所、電話番号、電子メールアドレス',
    en: 'contact and home address, phone number, e-mail address',
  },
  PROFILE: {
    ja: '出身校、所属施設及び所属施設の開設主体・施設・業務、診療科名',
    en: 'alma mater, affiliated facility with its founder type and role, clinical departments',
  },
  MEMBERSHIP: {
    ja: '各医師会の会員区分、入会・異動・退会の状況及び履歴',
    en: 'membership category and join/transfer/leave status and history at each association',
  },
  DUES: { ja: '会費に関する情報', en: 'membership dues' },
  TRAINING: {
    ja: '研修会の受講者に関する情報（受講履歴、単位、認定）',
    en: 'training attendance, credits and certificates',
  },
  INSURANCE: {
    ja: '日本医師会医師賠償責任保険（特約保険を含む）の加入状況',
    en: 'JMA physician malpractice insurance (incl. the rider) enrolment',
  },
  PENSION: { ja: '日医医師年金の情報', en: 'JMA physician pension' },
  CONSENT: {
    ja: '利用規約への同意、本人の権利行使・お知らせに関する情報',
    en: 'terms-of-use acceptances, privacy requests and notices',
  },
};

/** Section titles of the disclosure for known tables (others show their table name). */
export const TABLE_TITLES: Readonly<Record<string, { ja: string; en: string }>> = {
  'membership.person': { ja: '基本情報', en: 'Personal data' },
  'membership.membership': { ja: '会員資格', en: 'Memberships' },
  'membership.provision_record': { ja: '第三者提供の記録', en: 'Records of provision' },
  'membership.provision_record_person': { ja: '提供された本人の記録', en: 'Provisions covering you' },
  'training.training_session': { ja: '研修会', en: 'Training sessions' },
  'consent.terms_version': { ja: '利用規約の版', en: 'Terms-of-use versions' },
  'training.attendance': { ja: '研修会の受講', en: 'Training attendance' },
  'training.credit_entry': { ja: '単位', en: 'Credits' },
  'insurance_pension.insurance_enrolment': { ja: '医師賠償責任保険', en: 'Malpractice insurance' },
  'consent.terms_acceptance': { ja: '利用規約への同意', en: 'Terms-of-use acceptances' },
  'consent.privacy_request': { ja: '本人からの請求', en: 'Privacy requests' },
  'consent.privacy_request_event': { ja: '請求の経過', en: 'Privacy request history' },
  'consent.notification': { ja: 'お知らせ', en: 'Notices' },
  'consent.provision_record': {
    ja: '第三者提供の記録（メール配信事業者）',
    en: 'Records of provision (mail delivery vendor)',
  },
  'consent.provision_record_person': {
    ja: '提供された本人の記録（メール配信事業者）',
    en: 'Provisions to the mail delivery vendor covering you',
  },
  'identity.account': { ja: 'ログインアカウント', en: 'Login account' },
};
