import { addDays, dateOfAge } from './dates';

/**
 * JMA physician pension (医師年金) rules (domain.md §6): JMA members younger than 64 years and
 * 6 months may enrol; contributions run until 65.
 */

export const PENSION_PLANS = ['BASIC', 'BASIC_AND_ADDITIONAL'] as const;
export type PensionPlan = (typeof PENSION_PLANS)[number];
export type PensionStatus = 'ENROLLED' | 'WITHDRAWN';
/** Stored contribution states; COMPLETED and STOPPED are derived (see contributionStatusOn). */
export type StoredContributionStatus = 'CONTRIBUTING' | 'SUSPENDED';
export type ContributionStatus = StoredContributionStatus | 'COMPLETED' | 'STOPPED';

/** The first day on which the person may no longer enrol (64 years 6 months reached). */
export const enrolmentClosesOn = (birthDate: string) => dateOfAge(birthDate, 64, 6);

/** The last day of contributions: the day before the person reaches 65. */
export const contributionsEndOn = (birthDate: string) => addDays(dateOfAge(birthDate, 65), -1);

export type PensionIneligibility = 'NOT_A_JMA_MEMBER' | 'TOO_OLD';

/** Why a person may not enrol on `enrolledOn` (undefined: eligible). */
export function pensionIneligibility(
  standing: { category: string | null; birthDate: string | null } | undefined,
  enrolledOn: string,
): PensionIneligibility | undefined {
  if (!standing?.category || !standing.birthDate) return 'NOT_A_JMA_MEMBER';
  return enrolledOn < enrolmentClosesOn(standing.birthDate) ? undefined : 'TOO_OLD';
}

/** The contribution status as of `today`: none after withdrawal, completed from age 65. */
export function contributionStatusOn(
  p: { status: PensionStatus; contributionStatus: StoredContributionStatus; contributionsEndOn: string },
  today: string,
): ContributionStatus {
  if (p.status === 'WITHDRAWN') return 'STOPPED';
  if (today > p.contributionsEndOn) return 'COMPLETED';
  return p.contributionStatus;
}
