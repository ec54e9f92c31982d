import { badInput, Messages } from '@mamis/platform';
import type { NewSessionCredit } from '../repositories/training-session.repository';

/** Validation of session input (field paths are the GraphQL input's: `input.<field>`). */

export interface SessionCreditInput {
  kind: 'CURRICULUM_CODE' | 'CATEGORY';
  code: string;
  units: number;
}

const PROGRAM_CODE = /^[A-Z][A-Z0-9_]{0,39}$/;
const SOCIETY_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const CREDIT_CODE = /^[A-Za-z0-9_.-]{1,40}$/;

export const isHalfStep = (units: number) =>
  Number.isFinite(units) && units > 0 && units <= 999 && Number.isInteger(units * 2);

export function checkTitle(title: string, field = 'input.title'): string {
  const t = title.trim();
  if (!t || t.length > 200) throw badInput(field, Messages.SESSION_TITLE);
  return t;
}

export function checkProgramCode(code: string, field = 'input.programCode'): string {
  const c = code.trim();
  if (!PROGRAM_CODE.test(c)) throw badInput(field, Messages.PROGRAM_CODE_REQUIRED);
  return c;
}

export function checkCredits(
  credits: readonly SessionCreditInput[],
  field = 'input.credits',
): NewSessionCredit[] {
  const seen = new Set<string>();
  return credits.map((c, i) => {
    const code = c.code.trim();
    if (!CREDIT_CODE.test(code)) throw badInput(`${field}.${i}.code`, Messages.CURRICULUM_CODE_REQUIRED);
    if (!isHalfStep(c.units)) throw badInput(`${field}.${i}.units`, Messages.UNITS_HALF_STEP);
    const key = `${c.kind}:${code}`;
    if (seen.has(key)) throw badInput(`${field}.${i}.code`, Messages.CODE_TWICE);
    seen.add(key);
    return { kind: c.kind, code, units: c.units };
  });
}

export const totalUnits = (credits: readonly NewSessionCredit[]) =>
  credits.reduce((sum, c) => sum + c.units, 0);

export function checkCapacity(capacity: number | null | undefined, field = 'input.capacity'): number | null {
  if (capacity === null || capacity === undefined) return null;
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > 100_000)
    throw badInput(field, Messages.CAPACITY);
  return capacity;
}

export function checkOnlineUrl(url: string | null | undefined, field = 'input.onlineUrl'): string | null {
  const u = url?.trim();
  if (!u) return null;
  if (!/^https?:\/\/[^\s]+$/i.test(u) || u.length > 1000) throw badInput(field, Messages.HTTP_URL_REQUIRED);
  return u;
}

export function checkSociety(id: string | null | undefined, field = 'input.cohostSocietyId'): string | null {
  const s = id?.trim();
  if (!s) return null;
  if (!SOCIETY_ID.test(s)) throw badInput(field, Messages.SOCIETY_ID_REQUIRED);
  return s;
}

export function checkVenue(venue: string | null | undefined, field = 'input.venue'): string | null {
  const v = venue?.trim();
  if (!v) return null;
  if (v.length > 300) throw badInput(field, Messages.TEXT_TOO_LONG({ max: 300 }));
  return v;
}

export function checkTimes(startsAt: Date, endsAt: Date | null, field = 'input.endsAt'): void {
  if (endsAt && endsAt.getTime() <= startsAt.getTime()) throw badInput(field, Messages.END_AFTER_START);
}
