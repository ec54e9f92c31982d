/**
 * Well-known demo fixtures, present at every scale and for every seed, that other code and tests
 * look up by registry number (医籍登録番号) or association code. All of them live in 東京都 (P13);
 * home addresses are in 文京区.
 *
 * | registry | key                   | memberships (status)                                            | other data |
 * |----------|-----------------------|-----------------------------------------------------------------|------------|
 * | 900001   | municipalOnly         | M13005 文京区医師会 (ACTIVE)                                     | – |
 * | 900002   | upToPrefectural       | M13005 + P13 東京都医師会 (ACTIVE)                                | – |
 * | 900003   | upToNational          | M13005 + P13 + JMA 日本医師会 (ACTIVE, JMA category A①)           | insurance enrolment 2024 with rider; terms acceptance of ver 1.01 |
 * | 900004   | trainingOnlyNonMember | none                                                            | attended DEMO_SESSION_IDS.municipalOwn (hosted by M13005) and DEMO_SESSION_IDS.jmaCme (JMA, CME) |
 * | 900005   | districtMember        | D13001 文京区東地区医師会 only (ACTIVE; NOT a member of its parent M13005) | – |
 * | 900006   | workplaceMember       | W13001 東京大学医師会 only (ACTIVE, WORKPLACE/UNIVERSITY)          | – |
 * | 900007   | formerMember          | M13005 + P13 + JMA, all LEFT on 2023-03-31; no active membership | – |
 *
 * Membership is never inherited up or down the tree, so e.g. P13 may not see 900001 and M13005 may
 * not see 900005. Ids below are fixed (independent of the seed).
 */

export const DEMO_PERSONS = {
  municipalOnly: '900001',
  upToPrefectural: '900002',
  upToNational: '900003',
  trainingOnlyNonMember: '900004',
  districtMember: '900005',
  workplaceMember: '900006',
  formerMember: '900007',
} as const;

export type DemoPersonKey = keyof typeof DEMO_PERSONS;

/** Person ids of the fixtures: 00000000-0000-4000-8000-000000<registry number>. */
export const DEMO_PERSON_IDS: { readonly [K in DemoPersonKey]: string } = Object.fromEntries(
  Object.entries(DEMO_PERSONS).map(([key, registry]) => [key, `00000000-0000-4000-8000-000000${registry}`]),
) as { [K in DemoPersonKey]: string };

/** The JMA (日本医師会). */
export const NATIONAL_CODE = 'JMA';
/** 東京都医師会. */
export const DEMO_PREFECTURAL_CODE = 'P13';
/** 文京区医師会, a MUNICIPAL association under P13. */
export const DEMO_MUNICIPAL_CODE = 'M13005';
/** 文京区東地区医師会, a DISTRICT association under M13005. */
export const DEMO_DISTRICT_CODE = 'D13001';
/** 東京大学医師会, a WORKPLACE association (kind UNIVERSITY) attached to P13. */
export const DEMO_WORKPLACE_CODE = 'W13001';

/** Training sessions the training-only non-member attended. */
export const DEMO_SESSION_IDS = {
  /** 文京区医師会 学術講演会 (program OWN), hosted by DEMO_MUNICIPAL_CODE, 2024-11-14. */
  municipalOwn: '00000000-0000-4000-8000-0000005e5501',
  /** 日本医師会生涯教育講座 (program CME), hosted by the JMA, 2024-10-19. */
  jmaCme: '00000000-0000-4000-8000-0000005e5502',
} as const;

/** The academic society (学会) of the demo society client (`society:<id>` scope). */
export const DEMO_SOCIETY_ID = '00000000-0000-4000-8000-00000000a001';
