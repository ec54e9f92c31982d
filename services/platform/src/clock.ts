import { fiscalYear, tokyoDate } from './scalars';

/**
 * The one source of "now" and "today" for every decision that depends on the date: registration
 * deadlines, eligibility and expiry, fiscal and insurance years, reminders, the terms in force,
 * notice dates. SQL that decides by date receives `clock.today()` / `clock.now()` as a parameter,
 * never `now()` / `current_date`.
 *
 * What keeps the real clock: token lifetimes, signatures, rate limits, lock-outs, caches and
 * timeouts (security and transport concerns, not calendar decisions).
 *
 * Tests pin or shift it (`pinClock`, `shiftClock`, `resetClock`). A whole stack is shifted with the
 * environment variable `MAMIS_CLOCK_SHIFT` (e.g. `+3y`, `-1y`, `+90d`, `-12h`; units y, mo, d, h,
 * m, s) or pinned with `MAMIS_CLOCK_AT` (an ISO instant, e.g. `2030-04-01T09:00:00+09:00`): every
 * service process reads it at start. Both are refused with `NODE_ENV=production`.
 */
export interface Clock {
  /** The current instant. */
  now(): Date;
  /** Today's calendar date in Asia/Tokyo, `YYYY-MM-DD`. */
  today(): string;
  /** The Japanese fiscal year (from April 1) of today. */
  fiscalYear(): number;
}

export const CLOCK_SHIFT_ENV = 'MAMIS_CLOCK_SHIFT';
export const CLOCK_AT_ENV = 'MAMIS_CLOCK_AT';

const SHIFT_PATTERN = /^([+-])(\d{1,10})(y|mo|d|h|m|s)$/;

/** Checks a shift spec (`+3y`, `-1y`, `+90d` …); returns a problem text or null. */
export function clockShiftProblem(spec: string): string | null {
  return SHIFT_PATTERN.test(spec.trim())
    ? null
    : `'${spec}' is not a shift such as +3y, -1y, +90d, -12h or +30m`;
}

/** Checks a pin (an ISO instant with offset); returns a problem text or null. */
export function clockAtProblem(spec: string): string | null {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(spec.trim()) &&
    !Number.isNaN(Date.parse(spec))
    ? null
    : `'${spec}' is not an ISO instant with offset such as 2030-04-01T09:00:00+09:00`;
}

/** `base` moved by a shift spec, in Asia/Tokyo calendar terms for years and months. */
export function applyClockShift(base: Date, spec: string): Date {
  const m = SHIFT_PATTERN.exec(spec.trim());
  if (!m) throw new Error(clockShiftProblem(spec) ?? 'bad shift');
  const sign = m[1] === '-' ? -1 : 1;
  const n = Number(m[2]) * sign;
  const unit = m[3];
  const HOUR = 3_600_000;
  switch (unit) {
    case 's':
      return new Date(base.getTime() + n * 1000);
    case 'm':
      return new Date(base.getTime() + n * 60_000);
    case 'h':
      return new Date(base.getTime() + n * HOUR);
    case 'd':
      return new Date(base.getTime() + n * 24 * HOUR);
    default: {
      // Calendar months/years on the Tokyo wall clock (fixed +09:00, no DST): 2028-02-29 + 1y → 2029-02-28.
      const jst = new Date(base.getTime() + 9 * HOUR);
      const months = unit === 'y' ? n * 12 : n;
      const y = jst.getUTCFullYear();
      const mo = jst.getUTCMonth() + months;
      const target = new Date(Date.UTC(y, mo, 1));
      const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
      target.setUTCDate(Math.min(jst.getUTCDate(), lastDay));
      target.setUTCHours(
        jst.getUTCHours(),
        jst.getUTCMinutes(),
        jst.getUTCSeconds(),
        jst.getUTCMilliseconds(),
      );
      return new Date(target.getTime() - 9 * HOUR);
    }
  }
}

type ClockSetting = { kind: 'real' } | { kind: 'offset'; ms: number } | { kind: 'pinned'; at: number };

function settingFromEnv(env: NodeJS.ProcessEnv): ClockSetting {
  const shift = env[CLOCK_SHIFT_ENV]?.trim();
  const at = env[CLOCK_AT_ENV]?.trim();
  if (!shift && !at) return { kind: 'real' };
  if (env.NODE_ENV === 'production')
    throw new Error(
      `${shift ? CLOCK_SHIFT_ENV : CLOCK_AT_ENV}: refused with NODE_ENV=production (test and development only)`,
    );
  if (at) {
    const problem = clockAtProblem(at);
    if (problem) throw new Error(`${CLOCK_AT_ENV}: ${problem}`);
    return { kind: 'pinned', at: Date.parse(at) };
  }
  const problem = clockShiftProblem(shift!);
  if (problem) throw new Error(`${CLOCK_SHIFT_ENV}: ${problem}`);
  const real = Date.now();
  return { kind: 'offset', ms: applyClockShift(new Date(real), shift!).getTime() - real };
}

let setting: ClockSetting = settingFromEnv(process.env);

export const clock: Clock = {
  now(): Date {
    switch (setting.kind) {
      case 'real':
        return new Date();
      case 'offset':
        return new Date(Date.now() + setting.ms);
      case 'pinned':
        return new Date(setting.at);
    }
  },
  today(): string {
    return tokyoDate(clock.now());
  },
  fiscalYear(): number {
    return fiscalYear(clock.today());
  },
};

/**
 * The variables that carry this process's clock setting to a child process (tests' stacks), or a
 * clock `aheadMs` later than this process's (a test that starts a service "eight days later" stays
 * relative to a run that is itself shifted or pinned).
 */
export function clockEnv(aheadMs = 0): Record<string, string> {
  if (setting.kind === 'real' && aheadMs === 0) return {};
  // A child gets the same instant: pinned stays pinned; an offset travels in seconds.
  if (setting.kind === 'pinned') return { [CLOCK_AT_ENV]: new Date(setting.at + aheadMs).toISOString() };
  const ms = (setting.kind === 'offset' ? setting.ms : 0) + aheadMs;
  return { [CLOCK_SHIFT_ENV]: `${ms < 0 ? '-' : '+'}${Math.round(Math.abs(ms) / 1000)}s` };
}

function refuseInProduction(what: string): void {
  if (process.env.NODE_ENV === 'production')
    throw new Error(`${what}: not available with NODE_ENV=production`);
}

/** Tests: stop the clock at an instant (a Date, or an ISO instant / `YYYY-MM-DD` taken as 09:00 JST). */
export function pinClock(at: Date | string): void {
  refuseInProduction('pinClock');
  const ms =
    typeof at === 'string'
      ? Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(at) ? `${at}T09:00:00+09:00` : at)
      : at.getTime();
  if (Number.isNaN(ms)) throw new Error(`pinClock: '${String(at)}' is not an instant`);
  setting = { kind: 'pinned', at: ms };
}

/** Tests: let the clock run, moved by a shift spec (`+3y`) or by milliseconds from the real clock. */
export function shiftClock(by: string | number): void {
  refuseInProduction('shiftClock');
  const real = Date.now();
  const ms = typeof by === 'number' ? by : applyClockShift(new Date(real), by).getTime() - real;
  setting = { kind: 'offset', ms };
}

/** Tests: back to the setting the environment gives (the real clock unless the run is shifted). */
export function resetClock(): void {
  setting = settingFromEnv(process.env);
}

/** An ISO date `days` after (or before, negative) `isoDate`. */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
