import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** RFC 6238 TOTP with RFC 4226 HOTP: HMAC-SHA-1, 30-second steps, 6 digits (what authenticator apps use). */
export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(buf: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(input: string): Buffer {
  const clean = input.toUpperCase().replace(/[\s=-]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const idx = B32.indexOf(ch);
    if (idx < 0) throw new Error('invalid base32');
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new 160-bit secret, base32 (as authenticator apps expect). */
export const generateTotpSecret = (): string => base32Encode(randomBytes(20));

/** RFC 4226 HOTP value for a counter. */
export function hotp(secret: Buffer, counter: bigint, digits = TOTP_DIGITS, algorithm = 'sha1'): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(counter);
  const mac = createHmac(algorithm, secret).update(msg).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const code =
    ((mac[offset]! & 0x7f) << 24) |
    ((mac[offset + 1]! & 0xff) << 16) |
    ((mac[offset + 2]! & 0xff) << 8) |
    (mac[offset + 3]! & 0xff);
  return String(code % 10 ** digits).padStart(digits, '0');
}

export const timeStep = (nowMs: number = Date.now()): bigint =>
  BigInt(Math.floor(nowMs / 1000 / TOTP_STEP_SECONDS));

/** The code for a base32 secret at a time (tests and demo tooling compute codes with this). */
export const totpCode = (secretBase32: string, nowMs: number = Date.now()): string =>
  hotp(base32Decode(secretBase32), timeStep(nowMs));

/**
 * Check a code within ±`window` steps. Returns the matched step (callers store it and refuse any
 * step ≤ the last one used: a code works once) or null.
 */
export function verifyTotp(
  secretBase32: string,
  code: string,
  opts: { nowMs?: number; window?: number; lastStep?: bigint | null } = {},
): bigint | null {
  const digits = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(digits)) return null;
  const secret = base32Decode(secretBase32);
  const now = timeStep(opts.nowMs);
  const window = opts.window ?? 1;
  let matched: bigint | null = null;
  // Compare every candidate (no early exit) so timing does not tell which step matched.
  for (let d = -window; d <= window; d++) {
    const step = now + BigInt(d);
    const expected = Buffer.from(hotp(secret, step));
    if (timingSafeEqual(expected, Buffer.from(digits)) && matched === null) matched = step;
  }
  if (matched === null) return null;
  if (opts.lastStep !== undefined && opts.lastStep !== null && matched <= opts.lastStep) return null;
  return matched;
}

/** otpauth:// URI for enrolment in an authenticator app. */
export const otpauthUri = (issuer: string, account: string, secretBase32: string): string =>
  `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(account)}?secret=${secretBase32}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=${TOTP_DIGITS}&period=${TOTP_STEP_SECONDS}`;
