import {
  addDays,
  applyClockShift,
  clock,
  clockEnv,
  clockShiftProblem,
  pinClock,
  resetClock,
  shiftClock,
} from '../src/clock';
import { type ConfigError, loadConfig, serviceEnv } from '../src/config';

describe('clock', () => {
  afterEach(() => resetClock());

  it('pins to an instant; today is the Asia/Tokyo date', () => {
    pinClock('2031-03-31T15:30:00Z'); // 2031-04-01 00:30 in Tokyo
    expect(clock.now().toISOString()).toBe('2031-03-31T15:30:00.000Z');
    expect(clock.today()).toBe('2031-04-01');
    expect(clock.fiscalYear()).toBe(2031);
    pinClock('2031-03-31');
    expect(clock.today()).toBe('2031-03-31');
    expect(clock.fiscalYear()).toBe(2030);
  });

  it('shifts by calendar years and months on the Tokyo wall clock', () => {
    expect(applyClockShift(new Date('2028-02-29T03:00:00+09:00'), '+1y').toISOString()).toBe(
      new Date('2029-02-28T03:00:00+09:00').toISOString(),
    );
    expect(applyClockShift(new Date('2027-01-31T23:30:00+09:00'), '+1mo').toISOString()).toBe(
      new Date('2027-02-28T23:30:00+09:00').toISOString(),
    );
    expect(applyClockShift(new Date('2027-01-01T00:00:00+09:00'), '-1y').toISOString()).toBe(
      new Date('2026-01-01T00:00:00+09:00').toISOString(),
    );
    expect(applyClockShift(new Date('2027-01-01T00:00:00Z'), '+90d').toISOString()).toBe(
      '2027-04-01T00:00:00.000Z',
    );
    expect(clockShiftProblem('3 years')).toMatch(/not a shift/);
  });

  it('a shifted clock keeps running and travels to child processes', () => {
    shiftClock('+3y');
    const expected = applyClockShift(new Date(), '+3y').getTime();
    expect(Math.abs(clock.now().getTime() - expected)).toBeLessThan(5_000);
    const env = clockEnv();
    expect(env.MAMIS_CLOCK_SHIFT).toMatch(/^\+\d+s$/);
    resetClock();
    expect(clockEnv()).toEqual(
      process.env.MAMIS_CLOCK_SHIFT || process.env.MAMIS_CLOCK_AT ? expect.any(Object) : {},
    );
  });

  it('adds days to ISO dates', () => {
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });

  it('is refused in production and validated with the other settings', () => {
    const prev = process.env.NODE_ENV;
    const shiftBefore = process.env.MAMIS_CLOCK_SHIFT;
    process.env.NODE_ENV = 'production';
    try {
      expect(() => pinClock('2030-01-01')).toThrow(/production/);
      expect(() => shiftClock('+1y')).toThrow(/production/);
      // a production process given a shifted clock refuses it when the setting is read (at start)
      process.env.MAMIS_CLOCK_SHIFT = '+3y';
      expect(() => resetClock()).toThrow(/MAMIS_CLOCK_SHIFT: refused with NODE_ENV=production/);
    } finally {
      process.env.NODE_ENV = prev;
      if (shiftBefore === undefined) delete process.env.MAMIS_CLOCK_SHIFT;
      else process.env.MAMIS_CLOCK_SHIFT = shiftBefore;
    }
    let problems: string[] = [];
    try {
      loadConfig(serviceEnv(4001), { DATABASE_URL: 'postgres://x/y', MAMIS_CLOCK_SHIFT: 'soon' });
    } catch (e) {
      problems = (e as ConfigError).problems;
    }
    expect(problems).toEqual([expect.stringMatching(/^MAMIS_CLOCK_SHIFT: 'soon' is not a shift/)]);
  });
});
