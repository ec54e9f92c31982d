/**
 * The JMA's membership categories, dues and exemption (domain.md §6) — the defaults a fresh
 * installation ships with, editable by the JMA through setMembershipCategory / setFeeSchedule /
 * setDuesExemptionRule. Other associations set their own.
 */
export const JMA_CATEGORIES = [
  {
    code: 'A①',
    name: 'A①会員',
    description: '診療所・病院の開設者・管理者 (clinic/hospital owner or manager)',
  },
  {
    code: 'A②(B)',
    name: 'A②会員(B)',
    description: '勤務医 (日医医賠責保険加入) (hospital doctor with JMA malpractice insurance)',
  },
  {
    code: 'A②(C)',
    name: 'A②会員(C)',
    description: '研修医 (日医医賠責保険加入) (resident with JMA malpractice insurance)',
  },
  { code: 'B', name: 'B会員', description: '勤務医 (hospital doctor without it)' },
  { code: 'C', name: 'C会員', description: '研修医 (resident without it)' },
] as const;

/**
 * Annual JMA dues by category (yen). Every category has a band for every age, so the first invoice
 * run of a fresh installation skips nobody with NO_FEE_SCHEDULE. Residents (A②(C), C): domain.md
 * gives no amount, so they ship at ¥0 (no dues) until the JMA sets theirs with setFeeSchedule.
 */
export const JMA_FEES: readonly {
  categoryCode: string;
  minAge: number | null;
  maxAge: number | null;
  annualFeeYen: number;
}[] = [
  { categoryCode: 'A①', minAge: null, maxAge: null, annualFeeYen: 126_000 },
  { categoryCode: 'A②(B)', minAge: 31, maxAge: null, annualFeeYen: 64_000 },
  { categoryCode: 'A②(B)', minAge: null, maxAge: 30, annualFeeYen: 39_000 },
  { categoryCode: 'B', minAge: null, maxAge: null, annualFeeYen: 28_000 },
  { categoryCode: 'A②(C)', minAge: null, maxAge: null, annualFeeYen: 0 },
  { categoryCode: 'C', minAge: null, maxAge: null, annualFeeYen: 0 },
];

/** Hospital doctors (every category but A①) pay no JMA dues until 5 years after graduation, since FY2023. */
export const JMA_EXEMPTIONS = ['A②(B)', 'A②(C)', 'B', 'C'].map((categoryCode) => ({
  categoryCode,
  fromFiscalYear: 2023,
  toFiscalYear: null,
  yearsAfterGraduation: 5,
  description:
    '卒後5年目までの勤務医は日医会費免除 (hospital doctors: no JMA dues until 5 years after graduation)',
}));
