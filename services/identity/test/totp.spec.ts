import {
  base32Decode,
  base32Encode,
  generateTotpSecret,
  hotp,
  otpauthUri,
  totpCode,
  verifyTotp,
} from '../src/auth/totp';

describe('TOTP (RFC 6238 / RFC 4226)', () => {
  // RFC 6238 Appendix B, SHA-1, secret "12345678901234567890", 8 digits.
  const secret = Buffer.from('12345678901234567890');
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('matches the RFC 6238 test vector at T=%d', (t, expected) => {
    expect(hotp(secret, BigInt(Math.floor(t / 30)), 8)).toBe(expected);
  });

  it('round-trips base32 (RFC 4648)', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI').toString()).toBe('foobar');
    const s = generateTotpSecret();
    expect(s).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Encode(base32Decode(s))).toBe(s);
  });

  it('accepts the current code within ±1 step, refuses others and replays', () => {
    const s = generateTotpSecret();
    const now = Date.now();
    const step = verifyTotp(s, totpCode(s, now), { nowMs: now });
    expect(step).not.toBeNull();
    expect(verifyTotp(s, totpCode(s, now - 30_000), { nowMs: now })).not.toBeNull();
    expect(verifyTotp(s, totpCode(s, now - 90_000), { nowMs: now })).toBeNull();
    expect(verifyTotp(s, 'abcdef', { nowMs: now })).toBeNull();
    expect(verifyTotp(s, totpCode(s, now), { nowMs: now, lastStep: step })).toBeNull();
  });

  it('builds an otpauth URI for authenticator apps', () => {
    expect(otpauthUri('MAMIS', 'dr-a', 'ABC')).toBe(
      'otpauth://totp/MAMIS:dr-a?secret=ABC&issuer=MAMIS&algorithm=SHA1&digits=6&period=30',
    );
  });
});
