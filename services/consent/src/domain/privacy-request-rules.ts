import { tokyoDate } from '@mamis/platform';

/**
 * The due date: `days` calendar days after the Tokyo date of `filedAt` (`days`: the setting
 * PRIVACY_REQUEST_DUE_DAYS, src/config.ts).
 */
export function dueDate(filedAt: Date, days: number): string {
  const d = new Date(`${tokyoDate(filedAt)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
