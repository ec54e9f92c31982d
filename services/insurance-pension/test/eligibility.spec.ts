import { addDays, dateOfAge } from '../src/domain/dates';
import { insuranceIneligibility, insuranceYearOf, isInsuredCategory } from '../src/domain/insurance-rules';
import {
  contributionStatusOn,
  contributionsEndOn,
  enrolmentClosesOn,
  pensionIneligibility,
} from '../src/domain/pension-rules';

describe('malpractice insurance eligibility (domain.md §6)', () => {
  it.each([
    ['A①', true],
    ['A②(B)', true],
    ['A②(C)', true],
    ['B', false],
    ['C', false],
    ['A', false],
    ['', false],
  ])('JMA category %p insured: %p', (category, insured) => {
    expect(isInsuredCategory(category)).toBe(insured);
    expect(insuranceIneligibility({ category, birthDate: '1980-01-01' })).toBe(
      insured ? undefined : category ? 'CATEGORY_NOT_ELIGIBLE' : 'NOT_A_JMA_MEMBER',
    );
  });

  it('refuses a person who is not a current JMA member', () => {
    expect(insuranceIneligibility(undefined)).toBe('NOT_A_JMA_MEMBER');
    expect(insuranceIneligibility({ category: null, birthDate: '1980-01-01' })).toBe('NOT_A_JMA_MEMBER');
  });

  it('starts the insurance year on July 1', () => {
    expect(insuranceYearOf('2026-06-30')).toBe(2025);
    expect(insuranceYearOf('2026-07-01')).toBe(2026);
    expect(insuranceYearOf('2026-12-31')).toBe(2026);
    expect(insuranceYearOf('2027-01-01')).toBe(2026);
  });
});

describe('age as Japanese law counts it', () => {
  it('reaches an age on the day corresponding to the birth date', () => {
    expect(dateOfAge('1961-03-15', 64, 6)).toBe('2025-09-15');
    expect(dateOfAge('1960-12-10', 65)).toBe('2025-12-10');
  });

  it('born on a month end: without a corresponding day, from the 1st of the next month', () => {
    // 1960-08-31 + 64y6m → February 2025 has no 31st: the period ends with Feb 28, so from Mar 1
    expect(dateOfAge('1960-08-31', 64, 6)).toBe('2025-03-01');
    // 1959-08-31 + 64y6m → February 2024 (leap year) has no 31st either: from Mar 1
    expect(dateOfAge('1959-08-31', 64, 6)).toBe('2024-03-01');
    // 1959-08-29 + 64y6m → 2024-02-29 exists (leap year)
    expect(dateOfAge('1959-08-29', 64, 6)).toBe('2024-02-29');
    expect(dateOfAge('1960-04-30', 64, 6)).toBe('2024-10-30');
    expect(dateOfAge('1960-03-31', 64, 6)).toBe('2024-10-01');
  });

  it('born on a leap day: 65 from March 1 in a common year, 64y6m on August 29', () => {
    expect(dateOfAge('1960-02-29', 65)).toBe('2025-03-01');
    expect(dateOfAge('1960-02-29', 64)).toBe('2024-02-29');
    expect(dateOfAge('1960-02-29', 64, 6)).toBe('2024-08-29');
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
  });
});

describe('physician pension eligibility: younger than 64 years 6 months at enrolment', () => {
  const member = (birthDate: string) => ({ category: 'A①', birthDate });

  it('on the exact day: the day before 64y6m may enrol, the day itself may not', () => {
    const p = member('1961-03-15');
    expect(enrolmentClosesOn(p.birthDate)).toBe('2025-09-15');
    expect(pensionIneligibility(p, '2025-09-14')).toBeUndefined();
    expect(pensionIneligibility(p, '2025-09-15')).toBe('TOO_OLD');
    expect(pensionIneligibility(p, '2025-09-16')).toBe('TOO_OLD');
  });

  it('born on a month end (Aug 31): the last day to enrol is Feb 28', () => {
    const p = member('1960-08-31');
    expect(pensionIneligibility(p, '2025-02-28')).toBeUndefined();
    expect(pensionIneligibility(p, '2025-03-01')).toBe('TOO_OLD');
  });

  it('born on a leap day: the last day to enrol is Aug 28', () => {
    const p = member('1960-02-29');
    expect(pensionIneligibility(p, '2024-08-28')).toBeUndefined();
    expect(pensionIneligibility(p, '2024-08-29')).toBe('TOO_OLD');
  });

  it('needs a current JMA membership, any category', () => {
    expect(pensionIneligibility(undefined, '2025-01-01')).toBe('NOT_A_JMA_MEMBER');
    expect(pensionIneligibility({ category: null, birthDate: '1980-01-01' }, '2025-01-01')).toBe(
      'NOT_A_JMA_MEMBER',
    );
    expect(pensionIneligibility({ category: 'B', birthDate: '1980-01-01' }, '2025-01-01')).toBeUndefined();
  });

  it('contributions run until the day before the 65th birthday, then are COMPLETED', () => {
    expect(contributionsEndOn('1961-03-15')).toBe('2026-03-14');
    expect(contributionsEndOn('1960-02-29')).toBe('2025-02-28');
    expect(contributionsEndOn('1960-08-31')).toBe('2025-08-30');
    const p = {
      status: 'ENROLLED' as const,
      contributionStatus: 'CONTRIBUTING' as const,
      contributionsEndOn: '2026-03-14',
    };
    expect(contributionStatusOn(p, '2026-03-14')).toBe('CONTRIBUTING');
    expect(contributionStatusOn(p, '2026-03-15')).toBe('COMPLETED');
    expect(contributionStatusOn({ ...p, contributionStatus: 'SUSPENDED' }, '2026-01-01')).toBe('SUSPENDED');
    expect(contributionStatusOn({ ...p, status: 'WITHDRAWN' }, '2026-01-01')).toBe('STOPPED');
  });
});
