/**
 * Dates as Japanese offices write them, read into ISO YYYY-MM-DD (Asia/Tokyo calendar days):
 * - Western: `2026-12-04`, `2026/12/4`, `2026.12.4`, `20261204`, `2026年12月4日`;
 * - 和暦 (Japanese era): `R8.12.03`, `R08/12/03`, `令和8年12月3日`, `令和元年5月1日`, `H31.4.30`,
 *   `平成31年4月30日`, and the era letters M/T/S/H/R or names 明治/大正/昭和/平成/令和;
 * full-width digits and letters (`Ｒ８．１２．０３`) are read as their ASCII forms (NFKC).
 * A date outside its era (`H31.5.1`, `R1.4.30`) or not on the calendar (`R8.2.30`) is null.
 * Formatting for display uses the built-in `Intl` Japanese calendar (no table of our own).
 */

interface Era {
  letter: string;
  name: string;
  /** The first day of the era (ISO). */
  start: string;
}

/** The eras since the modern calendar, newest first (the first day of each per the era's decree). */
export const ERAS: readonly Era[] = [
  { letter: 'R', name: '令和', start: '2019-05-01' },
  { letter: 'H', name: '平成', start: '1989-01-08' },
  { letter: 'S', name: '昭和', start: '1926-12-25' },
  { letter: 'T', name: '大正', start: '1912-07-30' },
  { letter: 'M', name: '明治', start: '1873-01-01' },
];

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function calendarIso(y: number, m: number, d: number): string | null {
  if (!(m >= 1 && m <= 12 && d >= 1)) return null;
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** An era year (元年 = 1) to an ISO date, or null when not on the calendar or outside the era. */
export function fromEra(eraLetterOrName: string, eraYear: number, month: number, day: number): string | null {
  const i = ERAS.findIndex((e) => e.letter === eraLetterOrName.toUpperCase() || e.name === eraLetterOrName);
  const era = ERAS[i];
  if (!era || !(eraYear >= 1)) return null;
  const iso = calendarIso(Number(era.start.slice(0, 4)) + eraYear - 1, month, day);
  if (!iso || iso < era.start) return null;
  const next = ERAS[i - 1];
  return next && iso >= next.start ? null : iso;
}

const WESTERN = /^(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|(\d{2})(\d{2})|年(\d{1,2})月(\d{1,2})日)$/;
const ERA_LETTERS = /^([MTSHR])(\d{1,2})[-/.](\d{1,2})[-/.](\d{1,2})$/i;
const ERA_NAMES = /^(明治|大正|昭和|平成|令和)(\d{1,2}|元)年(\d{1,2})月(\d{1,2})日$/;

/** A date in any of the forms above as YYYY-MM-DD; null when it is none of them or not a real date. */
export function parseJapaneseDate(raw: string): string | null {
  const s = raw.normalize('NFKC').replace(/\s+/g, '');
  let m = WESTERN.exec(s);
  if (m) {
    const [mo, d] = m[2] ? [m[2], m[3]] : m[4] ? [m[4], m[5]] : [m[6], m[7]];
    return calendarIso(Number(m[1]), Number(mo), Number(d));
  }
  m = ERA_LETTERS.exec(s);
  if (m) return fromEra(m[1]!, Number(m[2]), Number(m[3]), Number(m[4]));
  m = ERA_NAMES.exec(s);
  if (m) return fromEra(m[1]!, m[2] === '元' ? 1 : Number(m[2]), Number(m[3]), Number(m[4]));
  return null;
}

/** `2026-12-03` → `令和8年12月3日` (the Japanese calendar of the runtime's ICU; 元年 for year 1). */
export function formatWareki(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const text = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
    era: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
  return text.replace(/^(\D+)1年/, '$1元年');
}
