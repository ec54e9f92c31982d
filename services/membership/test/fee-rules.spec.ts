import {
  ageOn,
  bandFor,
  billableMonths,
  daysBetween,
  daysOverdue,
  dueDateOf,
  exemptionFor,
  graduationFiscalYear,
  overdueIssuedBefore,
  prorate,
} from '../src/dues/fee-rules';
import { addDays, clock } from '@mamis/platform';
import { JMA_CATEGORIES, JMA_EXEMPTIONS, JMA_FEES } from '../src/dues/jma-defaults';

const rules = JMA_EXEMPTIONS.map((r, i) => ({ ...r, id: `r${i}` }));
const aB = JMA_FEES.filter((f) => f.categoryCode === 'A②(B)');

describe('dues arithmetic (fee-rules)', () => {
  it('ships a fee band for every JMA category at every age (a first run skips nobody for NO_FEE_SCHEDULE)', () => {
    const missing = JMA_CATEGORIES.flatMap(({ code }) =>
      Array.from({ length: 83 }, (_, i) => 18 + i)
        .filter(
          (age) =>
            !bandFor(
              JMA_FEES.filter((f) => f.categoryCode === code),
              age,
            ),
        )
        .map((age) => `${code}@${age}`),
    );
    expect(missing).toEqual([]);
  });

  it('counts age in completed years on April 1 of the fiscal year (a birthday that day counts)', () => {
    expect(ageOn('1995-04-01', '2026-04-01')).toBe(31);
    expect(ageOn('1995-04-02', '2026-04-01')).toBe(30);
    expect(ageOn('1996-02-29', '2026-04-01')).toBe(30);
  });

  it("picks the JMA's A②(B) band: 31 and over ¥64,000, 30 and under ¥39,000", () => {
    expect(bandFor(aB, 31)?.annualFeeYen).toBe(64_000);
    expect(bandFor(aB, 30)?.annualFeeYen).toBe(39_000);
    expect(bandFor(aB, 24)?.annualFeeYen).toBe(39_000);
    expect(bandFor([{ minAge: 25, maxAge: null, annualFeeYen: 1 }], 24)).toBeUndefined();
  });

  it('prorates a mid-year join by months from the month of joining to March (floor to whole yen)', () => {
    expect(billableMonths(2026, '2020-06-01')).toBe(12);
    expect(billableMonths(2026, '2026-04-01')).toBe(12);
    expect(billableMonths(2026, '2026-04-02')).toBe(12);
    expect(billableMonths(2026, '2026-05-01')).toBe(11);
    expect(billableMonths(2026, '2026-10-31')).toBe(6);
    expect(billableMonths(2026, '2027-01-15')).toBe(3);
    expect(billableMonths(2026, '2027-03-31')).toBe(1);
    expect(billableMonths(2026, '2027-04-01')).toBe(0);
    expect(prorate(64_000, 6)).toBe(32_000);
    expect(prorate(28_000, 5)).toBe(11_666); // 11,666.66… → 11,666
    expect(prorate(126_000, 12)).toBe(126_000);
  });

  it('exempts hospital doctors in the 5 fiscal years from graduation, since FY2023, not A①', () => {
    // graduated March 2022: FY2022..FY2026 are the first five years; FY2022 is before the rule
    expect(exemptionFor(rules, 'B', 2026, 2022)).toBeDefined();
    expect(exemptionFor(rules, 'B', 2027, 2022)).toBeUndefined();
    expect(exemptionFor(rules, 'B', 2022, 2022)).toBeUndefined();
    expect(exemptionFor(rules, 'B', 2023, 2022)).toBeDefined();
    expect(exemptionFor(rules, 'A①', 2026, 2025)).toBeUndefined();
    expect(exemptionFor(rules, 'C', 2026, null)).toBeUndefined();
  });

  it('takes the fiscal year of the registry date when the year of graduation is unknown', () => {
    expect(graduationFiscalYear(2021, '2023-05-01')).toBe(2021);
    expect(graduationFiscalYear(null, '2022-04-20')).toBe(2022);
    expect(graduationFiscalYear(null, '2022-03-20')).toBe(2021);
    expect(graduationFiscalYear(null, null)).toBeNull();
  });

  it('puts the due date at the end of the month after issue (翌月末) and counts days overdue from it', () => {
    // calendar arithmetic only: these dates are not compared with today
    expect(dueDateOf('2014-04-10')).toBe('2014-05-31');
    expect(dueDateOf('2014-12-01')).toBe('2015-01-31');
    expect(dueDateOf('2015-01-31')).toBe('2015-02-28');
    expect(dueDateOf('2016-01-15')).toBe('2016-02-29');
    expect(daysBetween('2014-05-31', '2014-06-30')).toBe(30);
    expect(daysOverdue('2014-05-31', '2014-05-31')).toBe(0);
    expect(daysOverdue('2014-05-31', '2014-05-01')).toBe(0);
    expect(daysOverdue('2014-05-31', '2014-06-01')).toBe(1);
  });

  it('overdue on a day (due date before it) ⟺ issued before overdueIssuedBefore(day), day by day', () => {
    // named examples in the clock's year and the next (the first day of the month before)
    const y = Number(clock.today().slice(0, 4));
    expect(overdueIssuedBefore(`${y}-06-15`)).toBe(`${y}-05-01`);
    expect(overdueIssuedBefore(`${y + 1}-01-01`)).toBe(`${y}-12-01`);
    expect(overdueIssuedBefore(`${y + 1}-02-28`)).toBe(`${y + 1}-01-01`);
    // every issue date of four years (so a leap day and several year ends) against every day of
    // the same span and two months more
    const start = addDays(clock.today(), -1000);
    const issued = Array.from({ length: 1461 }, (_, i) => {
      const issuedOn = addDays(start, i);
      return { issuedOn, dueOn: dueDateOf(issuedOn) };
    });
    const differing: string[] = [];
    for (let d = 0; d < 1522; d += 1) {
      const day = addDays(start, d);
      const issuedBefore = overdueIssuedBefore(day);
      for (const { issuedOn, dueOn } of issued)
        if (dueOn < day !== issuedOn < issuedBefore) differing.push(`${issuedOn} on ${day}`);
    }
    expect(differing).toEqual([]);
  });
});
