import { Messages, type MessageText } from '@mamis/platform';

/**
 * The parameters of one certification-rule version (stored as jsonb in training.certification_rule).
 * Thresholds come from the version in force on the evaluation date; which entries count and under
 * which category comes from the version in force on EACH ENTRY's date — so a rule change effective
 * mid-window applies only from its date.
 */
export interface RuleParams {
  /**
   * Which ledger entries count:
   * - FISCAL_YEARS: the last `windowYears` fiscal years (April–March) up to the evaluation date's;
   * - CERTIFICATE_PERIOD: the validity period of the certificate being renewed (plus the grace period);
   * - ALL: every entry up to the evaluation date.
   */
  window: 'FISCAL_YEARS' | 'CERTIFICATE_PERIOD' | 'ALL';
  windowYears?: number;
  /** What `minTotal` is measured in: units, or units + number of distinct codes (CME). */
  totalMeasure: 'UNITS' | 'UNITS_PLUS_DISTINCT_CODES';
  minTotal: number;
  /** Distinct codes needed (a repeated code counts once), e.g. 25 course subjects. */
  minDistinctCodes?: number;
  /** Entry code → requirement category. When given, entries with other codes do not count. */
  categoryOf?: Record<string, string>;
  /** Units needed per category. */
  minByCategory?: Record<string, number>;
  /** Years a certificate issued under this rule is valid. */
  validityYears: number;
  /** Days after expiry during which a renewal is still accepted (and credits still count). */
  graceDays?: number;
  /** The application must be filed within this many years of the last counted entry. */
  applyWithinYears?: number;
  /** A valid certificate of this program is required (family-doctor basic: the CME certificate). */
  requiresCertificate?: string;
  /** Proof beyond credits must be filed with the application (e.g. practical activity). */
  evidenceRequired?: boolean;
}

const isPosNum = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** Problems with a parameter set, as [field path under `params`, message] (empty: valid). */
export function ruleParamProblems(p: RuleParams): [string, MessageText][] {
  const out: [string, MessageText][] = [];
  if (!['FISCAL_YEARS', 'CERTIFICATE_PERIOD', 'ALL'].includes(p.window))
    out.push(['window', Messages.RULE_WINDOW]);
  if (p.window === 'FISCAL_YEARS' && !(Number.isInteger(p.windowYears) && p.windowYears! >= 1))
    out.push(['windowYears', Messages.RULE_WINDOW_YEARS]);
  if (!['UNITS', 'UNITS_PLUS_DISTINCT_CODES'].includes(p.totalMeasure))
    out.push(['totalMeasure', Messages.RULE_TOTAL_MEASURE]);
  if (!isPosNum(p.minTotal)) out.push(['minTotal', Messages.NON_NEGATIVE_NUMBER]);
  if (p.minDistinctCodes !== undefined && !Number.isInteger(p.minDistinctCodes))
    out.push(['minDistinctCodes', Messages.WHOLE_NUMBER]);
  for (const [k, v] of Object.entries(p.minByCategory ?? {}))
    if (!isPosNum(v)) out.push([`minByCategory.${k}`, Messages.NON_NEGATIVE_NUMBER]);
  if (!(Number.isInteger(p.validityYears) && p.validityYears >= 1))
    out.push(['validityYears', Messages.WHOLE_YEARS_AT_LEAST_ONE]);
  if (p.graceDays !== undefined && !(Number.isInteger(p.graceDays) && p.graceDays >= 0))
    out.push(['graceDays', Messages.WHOLE_DAYS_NON_NEGATIVE]);
  if (p.applyWithinYears !== undefined && !(Number.isInteger(p.applyWithinYears) && p.applyWithinYears >= 1))
    out.push(['applyWithinYears', Messages.WHOLE_YEARS_AT_LEAST_ONE]);
  return out;
}
