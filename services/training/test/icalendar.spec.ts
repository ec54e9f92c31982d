import { escapeText, foldLine, renderCalendar, tokyoLocal } from '../src/domain/icalendar';
import { parseCalendar, prop, unescapeText, unfold } from './support/icalendar-parse';

const base = {
  programCode: 'CME',
  venue: '医師会館 3階ホール',
  onlineUrl: null,
  units: 1.5,
  status: 'SCHEDULED' as const,
  version: 1,
  updatedAt: new Date('2026-05-01T00:00:00Z'),
};

describe('iCalendar rendering (RFC 5545)', () => {
  it('escapes commas, semicolons, backslashes and newlines in TEXT values', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    expect(unescapeText(escapeText('a,b;c\\d\ne'))).toBe('a,b;c\\d\ne');
  });

  it('folds long lines at 75 octets without splitting a UTF-8 character', () => {
    const line = `SUMMARY:${'生涯教育講座'.repeat(10)}`;
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(1);
    for (const l of physical) expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
    // every piece is valid UTF-8 on its own (no character cut in half)
    for (const l of physical) expect(Buffer.from(l, 'utf8').toString('utf8')).toBe(l);
    expect(unfold(`${folded}\r\n`)).toEqual([line]);
  });

  it('renders a calendar that a strict reader parses back to the sessions', () => {
    const text = renderCalendar(
      [
        {
          ...base,
          id: '11111111-1111-4111-8111-111111111111',
          title: '産業医研修会: 前期, 後期; 実地（長いタイトル）'.repeat(3),
          startsAt: new Date('2026-06-01T10:00:00Z'),
          endsAt: new Date('2026-06-01T12:00:00Z'),
        },
        {
          ...base,
          id: '22222222-2222-4222-8222-222222222222',
          title: 'Online CME',
          venue: null,
          onlineUrl: 'https://meet.example.jp/abc?x=1,2',
          status: 'CANCELLED',
          version: 3,
          startsAt: new Date('2026-07-01T23:30:00Z'),
          endsAt: new Date('2026-07-02T00:30:00Z'),
        },
      ],
      { name: '千代田区医師会, 研修会' },
    );
    const cal = parseCalendar(text);
    expect(cal.type).toBe('VCALENDAR');
    expect(prop(cal, 'VERSION')?.value).toBe('2.0');
    expect(prop(cal, 'PRODID')).toBeDefined();
    expect(unescapeText(prop(cal, 'X-WR-CALNAME')!.value)).toBe('千代田区医師会, 研修会');
    const tz = cal.children.find((c) => c.type === 'VTIMEZONE')!;
    expect(prop(tz, 'TZID')?.value).toBe('Asia/Tokyo');
    const events = cal.children.filter((c) => c.type === 'VEVENT');
    expect(events).toHaveLength(2);
    const [a, b] = events as [(typeof events)[0], (typeof events)[0]];
    expect(prop(a, 'UID')?.value).toMatch(/^11111111-1111-4111-8111-111111111111@/);
    expect(prop(a, 'DTSTAMP')?.value).toBe('20260501T000000Z');
    expect(prop(a, 'DTSTART')).toEqual({
      name: 'DTSTART',
      params: { TZID: 'Asia/Tokyo' },
      value: '20260601T190000',
    });
    expect(prop(a, 'DTEND')?.value).toBe('20260601T210000');
    expect(unescapeText(prop(a, 'SUMMARY')!.value)).toBe(
      '産業医研修会: 前期, 後期; 実地（長いタイトル）'.repeat(3),
    );
    expect(prop(a, 'SUMMARY')!.value).toContain('\\,');
    expect(prop(a, 'SUMMARY')!.value).toContain('\\;');
    expect(unescapeText(prop(a, 'LOCATION')!.value)).toBe('医師会館 3階ホール');
    expect(prop(a, 'STATUS')?.value).toBe('CONFIRMED');
    // the next day in Tokyo, across midnight UTC
    expect(prop(b, 'DTSTART')?.value).toBe('20260702T083000');
    expect(prop(b, 'STATUS')?.value).toBe('CANCELLED');
    expect(prop(b, 'SEQUENCE')?.value).toBe('2');
    expect(prop(b, 'URL')?.value).toBe('https://meet.example.jp/abc?x=1,2');
    expect(unescapeText(prop(b, 'LOCATION')!.value)).toBe('https://meet.example.jp/abc?x=1,2');
  });

  it('writes Tokyo local times', () => {
    expect(tokyoLocal(new Date('2026-03-31T15:00:00Z'))).toBe('20260401T000000');
  });
});
