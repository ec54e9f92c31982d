import { randomInt, timingSafeEqual } from 'node:crypto';

/** Letters and digits that cannot be mistaken for one another when read aloud or off a screen. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const CHECK_IN_CODE_LENGTH = 6;

/** A random self check-in code (32^6 ≈ 10^9 values), shown to the host's staff. */
export function newCheckInCode(): string {
  let code = '';
  for (let i = 0; i < CHECK_IN_CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** Compare a typed code with the session's (case and spaces ignored; constant time). */
export function checkInCodeMatches(expected: string | null, typed: string): boolean {
  if (!expected) return false;
  const a = Buffer.from(expected.toUpperCase());
  const b = Buffer.from(typed.replace(/[\s-]/g, '').toUpperCase());
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Self check-in is open from 30 minutes before the start until the end of the session. */
export const CHECK_IN_OPENS_BEFORE_MS = 30 * 60 * 1000;

export function checkInWindow(startsAt: Date, endsAt: Date): { opens: Date; closes: Date } {
  return { opens: new Date(startsAt.getTime() - CHECK_IN_OPENS_BEFORE_MS), closes: endsAt };
}
