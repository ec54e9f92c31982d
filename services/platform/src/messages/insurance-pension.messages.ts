import { message } from './message';

/** Messages of the insurance-pension service: malpractice insurance (医師賠償責任保険) and the physician pension (医師年金). */
export const InsurancePensionMessages = {
  PENSION_CONTRIBUTION_YEN: message(
    'PENSION_CONTRIBUTION_YEN',
    '掛金月額は正の整数（円）で指定してください。',
    'the monthly contribution must be a positive amount of yen',
  ),
  PENSION_JMA_MEMBERS_ONLY: message(
    'PENSION_JMA_MEMBERS_ONLY',
    '医師年金に加入できるのは日本医師会の会員のみです。',
    'only current JMA members may enrol in the physician pension',
  ),
  PENSION_TOO_OLD: message<{ closesOn: string }>(
    'PENSION_TOO_OLD',
    (p) => `医師年金に加入できるのは64歳6か月未満の方です（${p.closesOn} 以降は加入できません）。`,
    (p) =>
      `the physician pension is open to members younger than 64 years and 6 months: not on or after ${p.closesOn}`,
  ),
  PENSION_ALREADY_ENROLLED: message(
    'PENSION_ALREADY_ENROLLED',
    '既に医師年金に加入しています。',
    'already enrolled in the physician pension',
  ),
  PENSION_WITHDRAWN: message(
    'PENSION_WITHDRAWN',
    '脱退済みの加入は変更できません。',
    'a withdrawn enrolment cannot be changed',
  ),
  PENSION_CHANGE_BEFORE_ENROLMENT: message<{ enrolledOn: string }>(
    'PENSION_CHANGE_BEFORE_ENROLMENT',
    (p) => `変更日は加入日 ${p.enrolledOn} 以降の日付を指定してください。`,
    () => 'a change takes effect on or after the enrolment date',
  ),
  PENSION_STATUS_SETTABLE: message(
    'PENSION_STATUS_SETTABLE',
    'CONTRIBUTING か SUSPENDED を指定してください。',
    'only CONTRIBUTING or SUSPENDED can be set',
  ),
  PENSION_CONTRIBUTIONS_ENDED: message<{ endsOn: string }>(
    'PENSION_CONTRIBUTIONS_ENDED',
    (p) => `掛金の払込は65歳まで（${p.endsOn} まで）です。`,
    (p) => `contributions end at 65: on ${p.endsOn}`,
  ),
  NOTHING_TO_CHANGE: message('NOTHING_TO_CHANGE', '変更内容がありません。', 'nothing to change'),
  PENSION_NOT_FOUND: message(
    'PENSION_NOT_FOUND',
    '医師年金の加入記録が見つかりません。',
    'Pension enrolment not found',
  ),
  ENROLMENT_NOT_FOUND: message(
    'ENROLMENT_NOT_FOUND',
    '保険の加入記録が見つかりません。',
    'Enrolment not found',
  ),
  EXPECTED_ID: message('EXPECTED_ID', 'IDの形式が正しくありません。', 'Expected an id'),
  RIDER_COVERAGE_YEN: message(
    'RIDER_COVERAGE_YEN',
    '特約保険の補償額は正の整数（円）で指定してください。',
    'the rider coverage must be a positive amount of yen',
  ),
  INSURANCE_NOT_JMA_MEMBER: message(
    'INSURANCE_NOT_JMA_MEMBER',
    '日本医師会の会員ではないため、医師賠償責任保険に加入できません。',
    'the person is not a current JMA member; the malpractice insurance is open to JMA members of categories A①, A②(B) and A②(C) only',
  ),
  INSURANCE_CATEGORY_NOT_ELIGIBLE: message<{ category: string | null }>(
    'INSURANCE_CATEGORY_NOT_ELIGIBLE',
    (p) =>
      `日本医師会の会員区分 ${p.category} は医師賠償責任保険の加入対象ではありません（対象は A①・A②(B)・A②(C) です）。`,
    (p) =>
      `JMA membership category ${p.category} is not eligible for the malpractice insurance: only A①, A②(B) and A②(C) are`,
  ),
  INSURANCE_ALREADY_ENROLLED: message<{ insuranceYear: number }>(
    'INSURANCE_ALREADY_ENROLLED',
    (p) => `この保険年度（${p.insuranceYear}年7月〜）には既に加入しています。`,
    (p) => `already enrolled for the insurance year ${p.insuranceYear}`,
  ),
  INSURANCE_STATUS_TRANSITION: message<{ from: string; to: string }>(
    'INSURANCE_STATUS_TRANSITION',
    (p) => `状態 ${p.from} から ${p.to} には変更できません。`,
    (p) => `an enrolment cannot change from ${p.from} to ${p.to}`,
  ),
  RIDER_ENROLLED_ONLY: message(
    'RIDER_ENROLLED_ONLY',
    '特約保険は加入中の保険にのみ付帯できます。',
    'the rider can be changed on an ENROLLED policy only',
  ),
  CHANGE_WITHIN_INSURANCE_YEAR: message<{ from: string; to: string }>(
    'CHANGE_WITHIN_INSURANCE_YEAR',
    (p) => `変更日は ${p.from} から ${p.to} の間で指定してください。`,
    (p) => `the change must take effect between ${p.from} and ${p.to}`,
  ),
  INSURANCE_CSV_UNREADABLE: message<{ detail: string }>(
    'INSURANCE_CSV_UNREADABLE',
    () => 'CSV を読み取れません。',
    (p) => `the CSV cannot be read: ${p.detail}`,
  ),
  INSURANCE_CSV_HEADER: message<{ header: string }>(
    'INSURANCE_CSV_HEADER',
    (p) => `1行目は見出し ${p.header} にしてください。`,
    (p) => `the first line must be the header ${p.header}`,
  ),
  INSURANCE_CSV_TOO_MANY_ROWS: message<{ max: number }>(
    'INSURANCE_CSV_TOO_MANY_ROWS',
    (p) => `1回に取り込めるのは${p.max}行までです。`,
    (p) => `at most ${p.max} rows per import`,
  ),
  INSURANCE_YEAR_OUT_OF_RANGE: message(
    'INSURANCE_YEAR_OUT_OF_RANGE',
    '保険年度が範囲外です。',
    'insuranceYear is out of range',
  ),
  INSURANCE_STATISTICS_TIERS: message(
    'INSURANCE_STATISTICS_TIERS',
    '保険の統計は日本医師会と都道府県医師会のみが参照できます。',
    'Insurance statistics are for the JMA and prefectural associations',
  ),
} as const;
