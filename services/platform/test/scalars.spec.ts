import { Kind } from 'graphql';
import { DateScalar, DateTimeScalar, fiscalYear, tokyoDate } from '../src/scalars';

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
