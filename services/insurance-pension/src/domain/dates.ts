/** Calendar arithmetic on ISO dates (YYYY-MM-DD, Asia/Tokyo calendar days; no time of day). */

const parse = (iso: string): [number, number, number] =>
  iso.split('-').map(Number) as [number, number, number];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const format = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

export const daysInMonth = (year: number, month: number): number =>
  new Date(Date.UTC(year, month, 0)).getUTCDate();

/** `iso` plus `days` calendar days (negative: back). */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = parse(iso);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return format(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/**
 * The first day on which a person born on `birthDate` has reached the age of `years` years and
 * `months` months, computed as Japanese law does (年齢計算ニ関スル法律 with 民法143条): an age is
 * reached at the end of the day before the day corresponding to the birth date; where the final
 * month has no corresponding day (born on the 29th–31st), the period ends with that month's last
 * day. So the age is held from the corresponding day — or, without one, from the 1st of the next
 * month: born 1960-08-31 → 64y6m from 2025-03-01; born 1960-02-29 → 65 from 2025-03-01.
 */
export function dateOfAge(birthDate: string, years: number, months = 0): string {
  const [by, bm, bd] = parse(birthDate);
  const total = bm - 1 + months;
  const y = by + years + Math.floor(total / 12);
  const m = (total % 12) + 1;
  if (bd <= daysInMonth(y, m)) return format(y, m, bd);
  return m === 12 ? format(y + 1, 1, 1) : format(y, m + 1, 1);
}
