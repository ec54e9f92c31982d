import { addDays, fiscalYear } from '@mamis/platform';
import type { RuleParams } from './rule-params';

/**
 * Progress of one person in one program against the certification rule in force (pure: the data
 * comes from one batch of SQL per request, see TrainingSummaryLoader).
 */

export interface RuleVersion {
  id: string;
  programCode: string;
  kind: 'NEW' | 'RENEWAL';
  effectiveFrom: string;
  effectiveTo: string | null;
  params: RuleParams;
}

/** Net units of one code on one date (reversals already summed in). */
export interface LedgerLine {
  code: string;
  earnedOn: string;
  units: number;
}

export interface HeldCertificate {
  id: string;
  programCode: string;
  validFrom: string;
  validTo: string;
}

export interface Requirement {
  /** TOTAL, DISTINCT_CODES, CATEGORY:<name>, CERTIFICATE:<program>. */
  key: string;
  required: number;
  achieved: number;
  met: boolean;
  missing: number;
}

export interface Progress {
  programCode: string;
  kind: 'NEW' | 'RENEWAL';
  asOf: string;
  rule: RuleVersion | null;
  windowFrom: string | null;
  windowTo: string | null;
  /** By when the requirements must be met / the application filed. */
  deadline: string | null;
  /** RENEWAL: the last day of the grace period (null: none). */
  graceUntil: string | null;
  inGrace: boolean;
  units: number;
  distinctCodes: number;
  total: number;
  requirements: Requirement[];
  evidenceRequired: boolean;
  eligible: boolean;
  renewsCertificateId: string | null;
}

/** The platform's date arithmetic (kept here for the rules' callers). */
export { addDays };

/** The same calendar day `years` later (Feb 29 → Mar 1 in a common year). */
export function addYears(iso: string, years: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

/** The version of (program, kind) in force on `date`, or undefined. */
export function ruleInForce(
  rules: readonly RuleVersion[],
  programCode: string,
  kind: 'NEW' | 'RENEWAL',
  date: string,
): RuleVersion | undefined {
  let best: RuleVersion | undefined;
  for (const r of rules) {
    if (r.programCode !== programCode || r.kind !== kind) continue;
    if (r.effectiveFrom > date || (r.effectiveTo !== null && r.effectiveTo < date)) continue;
    if (!best || r.effectiveFrom > best.effectiveFrom) best = r;
  }
  return best;
}

/** The latest certificate of a program (by end of validity). */
const latest = (certs: readonly HeldCertificate[], programCode: string) =>
  certs
    .filter((c) => c.programCode === programCode)
    .sort((a, b) => (a.validTo < b.validTo ? 1 : a.validTo > b.validTo ? -1 : 0))[0];

const halves = (units: number) => Math.round(units * 2);

export function evaluate(input: {
  programCode: string;
  asOf: string;
  /** NEW or RENEWAL; default: RENEWAL while a certificate is valid or in its grace period. */
  kind?: 'NEW' | 'RENEWAL';
  rules: readonly RuleVersion[];
  lines: readonly LedgerLine[];
  certificates: readonly HeldCertificate[];
}): Progress {
  const { programCode, asOf, rules, lines, certificates } = input;
  const held = latest(certificates, programCode);
  const graceOf = (r: RuleVersion | undefined) => r?.params.graceDays ?? 0;
  let kind = input.kind;
  if (!kind) {
    const renewal = ruleInForce(rules, programCode, 'RENEWAL', asOf);
    kind = held && renewal && addDays(held.validTo, graceOf(renewal)) >= asOf ? 'RENEWAL' : 'NEW';
  }
  const rule = ruleInForce(rules, programCode, kind, asOf) ?? null;
  const p = rule?.params;

  // the window of dates whose entries count
  let windowFrom: string | null = null;
  let windowTo: string | null = asOf;
  let deadline: string | null = null;
  let graceUntil: string | null = null;
  let renewsCertificateId: string | null = null;
  let noCertificateToRenew = false;
  if (p?.window === 'FISCAL_YEARS') {
    const fy = fiscalYear(asOf);
    windowFrom = `${fy - (p.windowYears ?? 1) + 1}-04-01`;
    deadline = `${fy + 1}-03-31`;
  } else if (p?.window === 'CERTIFICATE_PERIOD') {
    if (held) {
      windowFrom = held.validFrom;
      deadline = held.validTo;
      graceUntil = p.graceDays ? addDays(held.validTo, p.graceDays) : null;
      const last = graceUntil ?? held.validTo;
      windowTo = last < asOf ? last : asOf;
      renewsCertificateId = held.id;
    } else noCertificateToRenew = true;
  }

  // count entries: net units per code, under the version in force on each entry's date
  const byCode = new Map<string, number>();
  const byCategory = new Map<string, number>();
  let lastEntry: string | null = null;
  for (const line of lines) {
    if (windowFrom && line.earnedOn < windowFrom) continue;
    if (windowTo && line.earnedOn > windowTo) continue;
    if (noCertificateToRenew) continue;
    const version = (rule && ruleInForce(rules, programCode, kind, line.earnedOn)) ?? rule;
    const map = version?.params.categoryOf;
    const category = map ? map[line.code] : line.code;
    if (category === undefined) continue;
    const h = halves(line.units);
    byCode.set(line.code, (byCode.get(line.code) ?? 0) + h);
    byCategory.set(category, (byCategory.get(category) ?? 0) + h);
    if (h > 0 && (!lastEntry || line.earnedOn > lastEntry)) lastEntry = line.earnedOn;
  }
  let unitHalves = 0;
  let distinctCodes = 0;
  for (const h of byCode.values()) {
    if (h <= 0) continue;
    unitHalves += h;
    distinctCodes += 1;
  }
  const units = unitHalves / 2;
  const total = p?.totalMeasure === 'UNITS_PLUS_DISTINCT_CODES' ? units + distinctCodes : units;

  const requirements: Requirement[] = [];
  const req = (key: string, required: number, achieved: number) =>
    requirements.push({
      key,
      required,
      achieved,
      met: achieved >= required,
      missing: Math.max(0, required - achieved),
    });
  if (p) {
    if (kind === 'RENEWAL') req(`CERTIFICATE:${programCode}`, 1, noCertificateToRenew ? 0 : 1);
    if (p.requiresCertificate) {
      const c = latest(certificates, p.requiresCertificate);
      req(`CERTIFICATE:${p.requiresCertificate}`, 1, c && c.validFrom <= asOf && asOf <= c.validTo ? 1 : 0);
    }
    req('TOTAL', p.minTotal, total);
    if (p.minDistinctCodes !== undefined) req('DISTINCT_CODES', p.minDistinctCodes, distinctCodes);
    for (const [category, min] of Object.entries(p.minByCategory ?? {}))
      req(`CATEGORY:${category}`, min, Math.max(0, byCategory.get(category) ?? 0) / 2);
    if (p.applyWithinYears && lastEntry) deadline = addYears(lastEntry, p.applyWithinYears);
  }
  const inGrace = !!(held && graceUntil && kind === 'RENEWAL' && asOf > held.validTo && asOf <= graceUntil);
  const late = kind === 'RENEWAL' ? !!(graceUntil ?? deadline) && asOf > (graceUntil ?? deadline)! : false;
  const tooLateToApply = !!(p?.applyWithinYears && deadline && asOf > deadline);
  return {
    programCode,
    kind,
    asOf,
    rule,
    windowFrom,
    windowTo,
    deadline,
    graceUntil,
    inGrace,
    units,
    distinctCodes,
    total,
    requirements,
    evidenceRequired: !!p?.evidenceRequired,
    eligible: !!p && requirements.every((r) => r.met) && !late && !tooLateToApply,
    renewsCertificateId,
  };
}
