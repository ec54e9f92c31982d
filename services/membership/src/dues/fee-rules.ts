/**
 * The dues arithmetic (pure, no database): which fee applies to a member in a fiscal year, whether
 * an exemption applies, and the proration of a mid-year join. Amounts are integer yen.
 *
 * Rules (domain.md §6; where it is silent the choice is stated here and the numbers are data):
 * - Fiscal year FY runs from FY-04-01 to (FY+1)-03-31.
 * - Age: completed years on April 1 of the fiscal year (the day the fiscal year starts). An age
 *   band is `minAge..maxAge`, both inclusive, null = open.
 * - Exemption: see DuesExemptionRuleEntity — FY − graduation year < N (N = 5: the fiscal years that
 *   begin in the first five years after a March graduation), within the rule's fiscal years.
 * - Proration (月割): a member who joins during the fiscal year pays for the months from the month
 *   of joining to March, both inclusive: floor(annual × months / 12). Joining on any day of a
 *   month counts that whole month; joining on or before April 1 is a full year (12 months).
 *   Leaving during the year does not reduce the year's dues (no refund of the months after).
 */

export interface FeeBand {
  minAge: number | null;
  maxAge: number | null;
  annualFeeYen: number;
}

export interface ExemptionRule {
  id: string;
  categoryCode: string;
  fromFiscalYear: number;
  toFiscalYear: number | null;
  yearsAfterGraduation: number;
}

export const fiscalYearStart = (fy: number) => `${fy}-04-01`;
export const fiscalYearEnd = (fy: number) => `${fy + 1}-03-31`;

/** Completed years of age on an ISO date (a birthday on that very day counts). */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The band an age falls into, or undefined (no fee defined for that age). */
export function bandFor<B extends FeeBand>(bands: readonly B[], age: number): B | undefined {
  return bands.find((b) => (b.minAge === null || age >= b.minAge) && (b.maxAge === null || age <= b.maxAge));
}

/** Do two bands share an age? (Schedules must not be ambiguous.) */
export function bandsOverlap(a: FeeBand, b: FeeBand): boolean {
  const lo = Math.max(a.minAge ?? -Infinity, b.minAge ?? -Infinity);
  const hi = Math.min(a.maxAge ?? Infinity, b.maxAge ?? Infinity);
  return lo <= hi;
}

/**
 * The fiscal year counted as the year of graduation: the year given (a March graduation), or the
 * fiscal year of the registry date (医籍登録日), or unknown.
 */
export function graduationFiscalYear(
  graduationYear: number | null,
  registryDate: string | null,
): number | null {
  if (graduationYear) return graduationYear;
  if (!registryDate) return null;
  const [y, m] = registryDate.split('-').map(Number) as [number, number];
  return m >= 4 ? y : y - 1;
}

/** The exemption rule that applies, if any. */
export function exemptionFor<R extends ExemptionRule>(
  rules: readonly R[],
  categoryCode: string,
  fiscalYear: number,
  graduationFy: number | null,
): R | undefined {
  if (graduationFy === null) return undefined;
  return rules.find(
    (r) =>
      r.categoryCode === categoryCode &&
      fiscalYear >= r.fromFiscalYear &&
      (r.toFiscalYear === null || fiscalYear <= r.toFiscalYear) &&
      fiscalYear - graduationFy >= 0 &&
      fiscalYear - graduationFy < r.yearsAfterGraduation,
  );
}

/**
 * Months billed in fiscal year `fy` for a membership that started on `joinedOn`: 12 when it
 * started before the year, else the months from the joining month to March inclusive; 0 when it
 * starts after the year.
 */
export function billableMonths(fy: number, joinedOn: string): number {
  if (joinedOn <= fiscalYearStart(fy)) return 12;
  if (joinedOn > fiscalYearEnd(fy)) return 0;
  const [y, m] = joinedOn.split('-').map(Number) as [number, number];
  const monthIndex = (y - fy) * 12 + (m - 4); // April of FY = 0
  return 12 - monthIndex;
}

/** floor(annual × months / 12), integer yen. */
export const prorate = (annualFeeYen: number, months: number) => Math.floor((annualFeeYen * months) / 12);

/**
 * The payment due date (納期限) of an invoice: the last day of the month after the month it was
 * issued (翌月末), e.g. issued 2026-04-10 → due 2026-05-31.
 */
export function dueDateOf(issuedOn: string): string {
  const [y, m] = issuedOn.split('-').map(Number) as [number, number];
  // day 0 of the month after next = the last day of the next month
  const last = new Date(Date.UTC(y, m + 1, 0));
  return last.toISOString().slice(0, 10);
}

/**
 * The invoices overdue on `day` — due date (dueDateOf: 翌月末) before it — are exactly those
 * issued before the first day of the month before `day`'s: due before `day` ⟺ the first day of
 * the month after next is at most `day` ⟺ issued at most two months before `day`'s month.
 * E.g. on 2026-06-15 (or 06-01): issued before 2026-05-01, i.e. due by 2026-05-31 at the latest.
 * SQL receives this date (a plain range on `issued_on`), not the rule.
 */
export function overdueIssuedBefore(day: string): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  // month index m - 1 is day's month; m - 2 the one before (Date.UTC carries into the year before)
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (ISO dates; negative when `to` is earlier). */
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** Days an invoice with this due date is overdue on `today` (0 while not yet due). */
export const daysOverdue = (dueOn: string, today: string) => Math.max(0, daysBetween(dueOn, today));
