import { clock } from '@mamis/platform';

/**
 * Dates for tests that record events on fixed days of a fiscal year (an invoice issued on 04-10,
 * payments on 05-12 …): the year comes from the platform clock, so those days are never in the
 * future and the suite passes on any day, including runs with MAMIS_CLOCK_SHIFT / MAMIS_CLOCK_AT.
 */

/** The calendar date of `monthDay` (`MM-DD`) within fiscal year `fy` (January–March fall in fy + 1). */
export function fiscalYearDate(fy: number, monthDay: string): string {
  return `${Number(monthDay.slice(0, 2)) < 4 ? fy + 1 : fy}-${monthDay}`;
}

/** The latest fiscal year in which `monthDay` (`MM-DD`) is today or already past by the platform clock. */
export function fiscalYearPast(monthDay: string): number {
  const fy = clock.fiscalYear();
  return fiscalYearDate(fy, monthDay) <= clock.today() ? fy : fy - 1;
}

/** The 令和 year of a Gregorian year (2019 = 令和元年 = 1). */
export function reiwaYear(year: number): number {
  return year - 2018;
}
