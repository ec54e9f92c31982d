import { Kind } from 'graphql';
import { DateScalar, DateTimeScalar, fiscalYear, tokyoDate } from '../src/scalars';
import { isCalendarDate, isIsoDateTime, textProblem } from '../src/input-validation';

describe('dates in Asia/Tokyo', () => {
  it('gives the Tokyo calendar date of an instant (UTC 15:00 is already the next day)', () => {
    expect(tokyoDate(new Date('2026-03-31T14:59:59Z'))).toBe('2026-03-31');
    expect(tokyoDate(new Date('2026-03-31T15:00:00Z'))).toBe('2026-04-01');
  });

  it('starts the fiscal year on April 1', () => {
    expect(fiscalYear('2026-03-31')).toBe(2025);
    expect(fiscalYear('2026-04-01')).toBe(2026);
    expect(fiscalYear('2026-12-31')).toBe(2026);
  });

  it('accepts only real ISO dates', () => {
    expect(DateScalar.parseValue('2024-02-29')).toBe('2024-02-29');
    expect(() => DateScalar.parseValue('2023-02-29')).toThrow(/YYYY-MM-DD/);
    expect(() => DateScalar.parseValue('2024/02/01')).toThrow();
    expect(() => DateScalar.parseLiteral({ kind: Kind.STRING, value: '2024-13-01' })).toThrow();
  });

  it('serialises date-times with the +09:00 offset', () => {
    expect(DateTimeScalar.serialize(new Date('2026-06-01T10:00:00Z'))).toBe('2026-06-01T19:00:00+09:00');
  });
});

describe('input validation: bad input is BAD_USER_INPUT, never INTERNAL', () => {
  it('refuses impossible calendar dates and date-times in the scalars, with a stable reason', () => {
    for (const bad of ['2026-02-30', 'abc', '', '2023-02-29', '2026-04-01T00:00:00'])
      expect(() => DateScalar.parseValue(bad)).toThrow(/YYYY-MM-DD/);
    for (const bad of ['2026-02-30T10:00:00+09:00', '0', 'abc', ''])
      expect(() => DateTimeScalar.parseValue(bad)).toThrow(/ISO 8601/);
    expect(DateTimeScalar.parseValue('2026-04-01T10:00:00+09:00')).toEqual(new Date('2026-04-01T01:00:00Z'));
  });

  it('tells control characters everywhere, and bidi/zero-width characters in names and addresses', () => {
    expect(textProblem('note', 'a\u0000b')).toBe('CONTROL_CHARACTER');
    expect(textProblem('note', '一行目\n二行目\t')).toBeUndefined();
    expect(textProblem('familyName', '山\u200b田')).toBe('INVISIBLE_CHARACTER');
    expect(textProblem('homeAddress', '\u202e区京文')).toBe('INVISIBLE_CHARACTER');
    expect(textProblem('note', '\u202e')).toBeUndefined();
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isIsoDateTime('2026-04-01T10:00:00Z')).toBe(true);
  });
});
