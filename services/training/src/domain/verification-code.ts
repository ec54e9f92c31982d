import { randomBytes } from 'node:crypto';

/** Unambiguous characters for printed codes (no 0/O, 1/I/L). */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export const randomCode = (n: number) =>
  Array.from(randomBytes(n), (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');

/** A printed verification code: XXXX-XXXX-XXXX. */
export const newVerificationCode = () => `${randomCode(4)}-${randomCode(4)}-${randomCode(4)}`;

/**
 * A verification code as typed or scanned, in its canonical form: any case, with or without
 * hyphens or spaces (full-width letters and digits too) → `XXXX-XXXX-XXXX`. Null when it cannot be
 * a code (wrong length or a character outside the alphabet).
 */
export function normalizeVerificationCode(input: string): string | null {
  if (input.length > 100) return null;
  const plain = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-‐-―ー−]/g, '');
  if (plain.length !== 12) return null;
  for (const ch of plain) if (!CODE_ALPHABET.includes(ch)) return null;
  return `${plain.slice(0, 4)}-${plain.slice(4, 8)}-${plain.slice(8, 12)}`;
}
