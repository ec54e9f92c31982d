import { randomBytes } from 'node:crypto';
import { hash, verify, type Options } from '@node-rs/argon2';

/** argon2id, OWASP 2023 minimum profile (19 MiB, 2 passes, 1 lane). */
export const ARGON2_OPTIONS: Options = {
  algorithm: 2 as Options['algorithm'], // Argon2id (a const enum in the typings)
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
};

export const MIN_PASSWORD_LENGTH = 12;

export const hashPassword = (password: string): Promise<string> =>
  hash(password.normalize('NFKC'), ARGON2_OPTIONS);

export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await verify(phc, password.normalize('NFKC'));
  } catch {
    return false;
  }
}

/**
 * A hash of a random password, computed once at start with the same parameters: an unknown user's
 * attempt is verified against it, so it costs the same time as a wrong password for a real one.
 */
let dummy: Promise<string> | undefined;
export const dummyHash = (): Promise<string> =>
  (dummy ??= hashPassword(randomBytes(24).toString('base64url')));

/** Reject obviously weak passwords (length; not all one character class of digits). */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > 256) return 'at most 256 characters';
  if (/^\d+$/.test(password)) return 'not digits only';
  return null;
}

/** A random password of the given length for generated (demo) accounts. */
export function randomPassword(length = 20): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}
