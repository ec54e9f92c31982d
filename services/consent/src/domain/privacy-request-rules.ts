import { z } from 'zod';
import { tokyoDate } from '@mamis/platform';

/**
 * The answer period of a privacy request. APPI arts. 33–35 require an answer "without delay"
 * (遅滞なく) and neither the terms of use nor the joint-use notice set a number of days, so it is a
 * setting: PRIVACY_REQUEST_DUE_DAYS (calendar days after filing, Asia/Tokyo), default 14 — two
 * weeks, the period association offices commonly promise for disclosure requests.
 */
export const privacyEnv = z.object({
  PRIVACY_REQUEST_DUE_DAYS: z.coerce.number().int().min(1).max(90).default(14),
});

/** The due date: `days` calendar days after the Tokyo date of `filedAt`. */
export function dueDate(filedAt: Date, days: number): string {
  const d = new Date(`${tokyoDate(filedAt)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
