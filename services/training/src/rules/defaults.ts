import type { RuleParams } from './rule-params';

/**
 * What a fresh installation ships with (domain.md §7, from public JMA pages): the programs and the
 * first version of each certification rule. Loaded by a migration; afterwards the JMA edits them
 * as data (new rule versions with effective dates).
 */
export interface ProgramDefault {
  code: string;
  nameJa: string;
  nameEn: string;
  jmaProgram: boolean;
  codes: string[];
}

/** CME curriculum codes (カリキュラムコード) 1–84. */
export const CME_CURRICULUM_CODES = Array.from({ length: 84 }, (_, i) => String(i + 1));
/** Health-sports physician initial course: 25 subjects of 60 minutes. */
export const SPORTS_COURSE_CODES = Array.from(
  { length: 25 },
  (_, i) => `COURSE_${String(i + 1).padStart(2, '0')}`,
);

export const DEFAULT_PROGRAMS: readonly ProgramDefault[] = [
  {
    code: 'CME',
    nameJa: '日本医師会生涯教育制度',
    nameEn: 'JMA continuing medical education',
    jmaProgram: true,
    codes: CME_CURRICULUM_CODES,
  },
  {
    code: 'OCCUPATIONAL',
    nameJa: '日本医師会認定産業医制度',
    nameEn: 'JMA certified occupational physician',
    jmaProgram: true,
    codes: [
      'BASIC_EARLY',
      'BASIC_PRACTICAL',
      'BASIC_LATE',
      'CONTINUING_UPDATE',
      'CONTINUING_PRACTICAL',
      'CONTINUING_SPECIALIST',
    ],
  },
  {
    code: 'SPORTS',
    nameJa: '日本医師会認定健康スポーツ医制度',
    nameEn: 'JMA certified health-sports physician',
    jmaProgram: true,
    codes: [...SPORTS_COURSE_CODES, 'RENEWAL'],
  },
  {
    code: 'FAMILY_DOCTOR',
    nameJa: '日医かかりつけ医機能研修制度',
    nameEn: 'JMA family-doctor function training',
    jmaProgram: true,
    codes: ['APPLIED', 'PRACTICAL_ACTIVITY'],
  },
  {
    code: 'OWN',
    nameJa: '各医師会独自の研修',
    nameEn: "An association's own training",
    jmaProgram: false,
    codes: [],
  },
];

export interface RuleDefault {
  programCode: string;
  kind: 'NEW' | 'RENEWAL';
  effectiveFrom: string;
  params: RuleParams;
  note: string;
}

/** In force from 2000-04-01 so that carried-over paper-logbook credits are covered. */
const SINCE = '2000-04-01';

// prettier-ignore
export const DEFAULT_RULES: readonly RuleDefault[] = [
  { programCode: 'CME', kind: 'NEW', effectiveFrom: SINCE, note: '単位数＋カリキュラムコード数（重複除く）が連続3年度で60以上 / units + distinct curriculum codes ≥ 60 over 3 consecutive fiscal years',
    params: { window: 'FISCAL_YEARS', windowYears: 3, totalMeasure: 'UNITS_PLUS_DISTINCT_CODES', minTotal: 60,
      validityYears: 3 } },
  { programCode: 'OCCUPATIONAL', kind: 'NEW', effectiveFrom: SINCE, note: '基礎研修50単位（前期14・実地10・後期26以上）、最終受講から5年以内に申請 / 50 basic units (early ≥14, practical ≥10, late ≥26), apply within 5 years of the last session',
    params: { window: 'ALL', totalMeasure: 'UNITS', minTotal: 50,
      categoryOf: { BASIC_EARLY: 'EARLY_STAGE', BASIC_PRACTICAL: 'PRACTICAL', BASIC_LATE: 'LATE_STAGE' },
      minByCategory: { EARLY_STAGE: 14, PRACTICAL: 10, LATE_STAGE: 26 }, applyWithinYears: 5, validityYears: 5 } },
  { programCode: 'OCCUPATIONAL', kind: 'RENEWAL', effectiveFrom: SINCE, note: '5年ごとに生涯研修20単位（更新・実地・専門 各1以上） / every 5 years: 20 units with ≥1 each of update, practical, specialist',
    params: { window: 'CERTIFICATE_PERIOD', totalMeasure: 'UNITS', minTotal: 20,
      categoryOf: { CONTINUING_UPDATE: 'UPDATE', CONTINUING_PRACTICAL: 'PRACTICAL', CONTINUING_SPECIALIST: 'SPECIALIST' },
      minByCategory: { UPDATE: 1, PRACTICAL: 1, SPECIALIST: 1 }, graceDays: 365, validityYears: 5 } },
  { programCode: 'SPORTS', kind: 'NEW', effectiveFrom: SINCE, note: '養成講習会 25科目×60分 / initial course: 25 subjects × 60 min',
    params: { window: 'ALL', totalMeasure: 'UNITS', minTotal: 25, minDistinctCodes: 25,
      categoryOf: Object.fromEntries(SPORTS_COURSE_CODES.map((c) => [c, c])), validityYears: 5 } },
  { programCode: 'SPORTS', kind: 'RENEWAL', effectiveFrom: SINCE, note: '5年ごとに5単位以上＋実践活動の証明 / every 5 years: ≥5 units plus proof of practical activity',
    params: { window: 'CERTIFICATE_PERIOD', totalMeasure: 'UNITS', minTotal: 5, categoryOf: { RENEWAL: 'RENEWAL' },
      evidenceRequired: true, validityYears: 5 } },
  { programCode: 'FAMILY_DOCTOR', kind: 'NEW', effectiveFrom: SINCE, note: '基本研修＝生涯教育認定証、応用研修10単位以上、実地研修2以上 / basic = CME certificate, applied ≥10 units, practical ≥2 local activities',
    params: { window: 'FISCAL_YEARS', windowYears: 3, totalMeasure: 'UNITS', minTotal: 12, requiresCertificate: 'CME',
      categoryOf: { APPLIED: 'APPLIED', PRACTICAL_ACTIVITY: 'PRACTICAL_ACTIVITY' },
      minByCategory: { APPLIED: 10, PRACTICAL_ACTIVITY: 2 }, validityYears: 3 } },
];

/**
 * Rule versions shipped after the first installation, each loaded by its own migration (a database
 * that already ran the first one gets them the same way as a fresh one).
 *
 * The family-doctor programme's renewal (修了証書の更新, every 3 years): within the certificate's
 * validity period the same training as for the first certificate — basic training (holding the CME
 * certificate), applied training ≥10 units and practical activities ≥2 — renews it for 3 years.
 */
// prettier-ignore
export const FAMILY_DOCTOR_RENEWAL_RULE: RuleDefault = {
  programCode: 'FAMILY_DOCTOR', kind: 'RENEWAL', effectiveFrom: SINCE,
  note: '3年ごとの更新：有効期間内に基本研修（生涯教育認定証）、応用研修10単位以上、実地研修2以上 / every 3 years: within the validity period, the CME certificate, applied ≥10 units, practical ≥2 local activities',
  params: { window: 'CERTIFICATE_PERIOD', totalMeasure: 'UNITS', minTotal: 12, requiresCertificate: 'CME',
    categoryOf: { APPLIED: 'APPLIED', PRACTICAL_ACTIVITY: 'PRACTICAL_ACTIVITY' },
    minByCategory: { APPLIED: 10, PRACTICAL_ACTIVITY: 2 }, validityYears: 3 },
};

/** Every rule version a fresh installation has after all migrations: one NEW and one RENEWAL rule
 * per JMA programme of 別表1 (CME certificates are re-earned under the NEW rule). */
export const SHIPPED_RULES: readonly RuleDefault[] = [...DEFAULT_RULES, FAMILY_DOCTOR_RENEWAL_RULE];
