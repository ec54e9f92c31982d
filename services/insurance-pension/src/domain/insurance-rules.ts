import { badInput, Messages, type MessageText } from '@mamis/platform';

/**
 * JMA physician malpractice insurance (医師賠償責任保険) rules (domain.md §6): the insurance year
 * starts on July 1; it is open to JMA members of categories A① (clinic/hospital owners and
 * managers), A②(B) (hospital doctors with the insurance) and A②(C) (residents with it).
 */

export const INSURED_CATEGORIES = ['A①', 'A②(B)', 'A②(C)'] as const;

export const isInsuredCategory = (category: string | null | undefined): boolean =>
  !!category && (INSURED_CATEGORIES as readonly string[]).includes(category);

/** The insurance year an ISO date falls in: the calendar year of the July 1 it started on. */
export function insuranceYearOf(isoDate: string): number {
  const [y, m] = isoDate.split('-').map(Number) as [number, number];
  return m >= 7 ? y : y - 1;
}

/** The insurance years the statistics answer for: BAD_USER_INPUT at `field` outside 2000–2100. */
export function checkStatisticsYear(field: string, insuranceYear: number): void {
  if (insuranceYear < 2000 || insuranceYear > 2100)
    throw badInput(field, Messages.INSURANCE_YEAR_OUT_OF_RANGE);
}

/** First and last day of an insurance year. */
export const insuranceYearStart = (year: number) => `${year}-07-01`;
export const insuranceYearEnd = (year: number) => `${year + 1}-06-30`;

export type InsuranceStatus = 'ENROLLED' | 'SUSPENDED' | 'ENDED';

/** The status of an enrolment on a day (InsuranceCoverStatus in the SDL). */
export type InsuranceCoverStatus = InsuranceStatus | 'NOT_STARTED' | 'EXPIRED';

/**
 * The status of an enrolment on `date`: before its first day NOT_STARTED; else the last POLICY change
 * effective on or before `date` (ties: the one recorded last; none: ENROLLED); ENDED stays ENDED;
 * anything else after the insurance year's last day (June 30) is EXPIRED.
 */
export function coverStatusOn(
  enrolment: { insuranceYear: number; enrolledOn: string; status: InsuranceStatus; endedOn: string | null },
  changes: readonly { subject: string; status: InsuranceStatus; effectiveOn: string; recordedAt: Date }[],
  date: string,
): InsuranceCoverStatus {
  if (date < enrolment.enrolledOn) return 'NOT_STARTED';
  if (enrolment.status === 'ENDED' && enrolment.endedOn !== null && enrolment.endedOn <= date) return 'ENDED';
  const policy = changes
    .filter((c) => c.subject === 'POLICY' && c.effectiveOn <= date)
    .sort((a, b) =>
      a.effectiveOn !== b.effectiveOn
        ? a.effectiveOn < b.effectiveOn
          ? -1
          : 1
        : a.recordedAt.getTime() - b.recordedAt.getTime(),
    );
  const status = policy.at(-1)?.status ?? 'ENROLLED';
  if (status === 'ENDED') return 'ENDED';
  return date > insuranceYearEnd(enrolment.insuranceYear) ? 'EXPIRED' : status;
}

/** Status changes staff may make (re-enrolment after ENDED is a new enrolment, not a change). */
const TRANSITIONS: Record<InsuranceStatus, readonly InsuranceStatus[]> = {
  ENROLLED: ['SUSPENDED', 'ENDED'],
  SUSPENDED: ['ENROLLED', 'ENDED'],
  ENDED: [],
};

export const mayChangeStatus = (from: InsuranceStatus, to: InsuranceStatus) => TRANSITIONS[from].includes(to);

/** The JMA standing of a person as the eligibility rules need it. */
export interface JmaStanding {
  /** The current JMA membership category, or null when the person is not a current JMA member. */
  category: string | null;
  birthDate: string | null;
}

export type InsuranceIneligibility = 'NOT_A_JMA_MEMBER' | 'CATEGORY_NOT_ELIGIBLE';

/** Why a person may not be enrolled in the malpractice insurance (undefined: eligible). */
export function insuranceIneligibility(
  standing: JmaStanding | undefined,
): InsuranceIneligibility | undefined {
  if (!standing?.category) return 'NOT_A_JMA_MEMBER';
  return isInsuredCategory(standing.category) ? undefined : 'CATEGORY_NOT_ELIGIBLE';
}

export function insuranceIneligibilityMessage(
  reason: InsuranceIneligibility,
  category: string | null,
): MessageText {
  return reason === 'NOT_A_JMA_MEMBER'
    ? Messages.INSURANCE_NOT_JMA_MEMBER
    : Messages.INSURANCE_CATEGORY_NOT_ELIGIBLE({ category });
}
