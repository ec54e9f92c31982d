/**
 * An iCalendar (RFC 5545) feed of training sessions: CRLF line endings, lines folded at 75 octets
 * (never inside a UTF-8 character), TEXT values escaped, times in Asia/Tokyo with a VTIMEZONE.
 * Organisational data only: no attendee, no personal data.
 */

export interface CalendarSession {
  id: string;
  title: string;
  programCode: string;
  startsAt: Date;
  endsAt: Date;
  venue: string | null;
  onlineUrl: string | null;
  units: number;
  status: 'SCHEDULED' | 'CANCELLED';
  version: number;
  updatedAt: Date;
}

export interface CalendarOptions {
  /** The calendar's name (X-WR-CALNAME), e.g. the host association's name. */
  name: string;
  /** Domain part of the UIDs (stable per installation). */
  uidDomain?: string;
}

const CRLF = '\r\n';
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** RFC 5545 §3.3.11 TEXT: backslash, semicolon, comma and newlines escaped. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** RFC 5545 §3.1: a content line longer than 75 octets continues on lines starting with one space. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > limit) {
      parts.push(current);
      current = ' ';
      octets = 1;
      limit = 75;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join(CRLF);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 20260601T190000 in Asia/Tokyo (a local time for DTSTART;TZID=Asia/Tokyo). */
export function tokyoLocal(d: Date): string {
  const t = new Date(d.getTime() + JST_OFFSET_MS);
  return `${t.getUTCFullYear()}${pad(t.getUTCMonth() + 1)}${pad(t.getUTCDate())}T${pad(t.getUTCHours())}${pad(t.getUTCMinutes())}${pad(t.getUTCSeconds())}`;
}

/** 20260601T100000Z (UTC, for DTSTAMP). */
export function utcStamp(d: Date): string {
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

const isHttpUrl = (u: string | null): u is string => !!u && /^https?:\/\/[^\s]+$/i.test(u);

export function renderCalendar(sessions: readonly CalendarSession[], opts: CalendarOptions): string {
  const domain = opts.uidDomain ?? 'training.mamis.med.or.jp';
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//MAMIS//Training sessions 研修会//JA',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(opts.name)}`,
    'X-WR-TIMEZONE:Asia/Tokyo',
    'BEGIN:VTIMEZONE',
    'TZID:Asia/Tokyo',
    'BEGIN:STANDARD',
    'DTSTART:19700101T000000',
    'TZOFFSETFROM:+0900',
    'TZOFFSETTO:+0900',
    'TZNAME:JST',
    'END:STANDARD',
    'END:VTIMEZONE',
  ];
  for (const s of sessions) {
    const location = [s.venue, s.onlineUrl].filter((x): x is string => !!x).join(' / ');
    lines.push(
      'BEGIN:VEVENT',
      `UID:${s.id}@${domain}`,
      `DTSTAMP:${utcStamp(s.updatedAt)}`,
      `DTSTART;TZID=Asia/Tokyo:${tokyoLocal(s.startsAt)}`,
      `DTEND;TZID=Asia/Tokyo:${tokyoLocal(s.endsAt)}`,
      `SUMMARY:${escapeText(s.title)}`,
    );
    if (location) lines.push(`LOCATION:${escapeText(location)}`);
    if (isHttpUrl(s.onlineUrl)) lines.push(`URL:${s.onlineUrl}`);
    lines.push(
      `DESCRIPTION:${escapeText(`${s.programCode} / ${s.units} 単位 (units)`)}`,
      `STATUS:${s.status === 'CANCELLED' ? 'CANCELLED' : 'CONFIRMED'}`,
      `SEQUENCE:${Math.max(0, s.version - 1)}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}
