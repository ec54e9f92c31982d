/**
 * Calendar arithmetic on day numbers (days since 1970-01-01, proleptic Gregorian, no time zone)
 * so generation never depends on the machine's clock or zone. Timestamps are written in JST.
 */

/** Day number of a calendar date (Howard Hinnant's days_from_civil). */
export function dayOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** [year, month, day] of a day number (civil_from_days). */
export function civilOf(dayNumber: number): [number, number, number] {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** Parse 'YYYY-MM-DD'. */
export function parseDay(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return dayOf(y!, m!, d!);
}

export function yearOf(day: number): number {
  return civilOf(day)[0];
}

export function monthOf(day: number): number {
  return civilOf(day)[1];
}

/** The same calendar date `years` later (Feb 29 → Mar 1 in non-leap years). */
export function addYears(day: number, years: number): number {
  const [y, m, d] = civilOf(day);
  return dayOf(y + years, m, 1) + d - 1;
}

/** April 1 (start of the Japanese fiscal year) of a year. */
export function april1(year: number): number {
  return dayOf(year, 4, 1);
}

/** July 1 (start of the malpractice-insurance year) of a year. */
export function july1(year: number): number {
  return dayOf(year, 7, 1);
}

/** Insurance year a date falls in (the year starts on July 1). */
export function insuranceYearOf(day: number): number {
  const y = yearOf(day);
  return day >= july1(y) ? y : y - 1;
}

/** Full years between two days (age on `on` of someone born on `birth`). */
export function yearsBetween(birth: number, on: number): number {
  const [by, bm, bd] = civilOf(birth);
  const [oy, om, od] = civilOf(on);
  return oy - by - (om < bm || (om === bm && od < bd) ? 1 : 0);
}

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;
/** Days since 1970-01-01 (negative before); the cache covers 1900–2100 by index (no hashing). */
const CACHE_FIRST_DAY = -25567;
const dayStrings: (string | undefined)[] = new Array(73415);

/** 'YYYY-MM-DD' of a day number (memoised: the generator formats the same days millions of times). */
export function formatDay(day: number): string {
  const i = day - CACHE_FIRST_DAY;
  let s = dayStrings[i];
  if (s === undefined) {
    const [y, m, d] = civilOf(day);
    s = `${y}-${pad2(m)}-${pad2(d)}`;
    if (i >= 0 && i < dayStrings.length) dayStrings[i] = s;
  }
  return s;
}

/** A JST timestamp literal, e.g. '2024-10-01 09:30:00+09', from a day and minutes after midnight. */
export function formatJst(day: number, minutes: number): string {
  const d = day + Math.floor(minutes / 1440);
  const m = minutes % 1440;
  const hh = Math.floor(m / 60);
  const mm = m % 60;
  return `${formatDay(d)} ${pad2(hh)}:${pad2(mm)}:00+09`;
}
