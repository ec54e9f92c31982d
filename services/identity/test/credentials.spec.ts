import { randomBytes } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { identityEnv } from '../src/config';
import { loadConfig } from '@mamis/platform';
import { generateSigningKey, loadKeys } from '../src/auth/keys';
import { hashPassword, passwordProblem, verifyPassword } from '../src/auth/password';
import { SecretBox } from '../src/auth/secret-box';
import { normalizeUsername } from '../src/repositories/account.repository';

describe('passwords, secrets and keys', () => {
  it('hashes with argon2id (19 MiB, t=2, p=1) and verifies', async () => {
    const h = await hashPassword('correct horse battery staple');
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await expect(verifyPassword(h, 'correct horse battery staple')).resolves.toBe(true);
    await expect(verifyPassword(h, 'correct horse battery stapl')).resolves.toBe(false);
    await expect(verifyPassword('not-a-hash', 'x')).resolves.toBe(false);
    // NFKC: full-width input equals its ASCII form.
    await expect(verifyPassword(h, 'ｃｏｒｒｅｃｔ horse battery staple')).resolves.toBe(true);
  });

  it('rejects weak passwords', () => {
    expect(passwordProblem('short')).toMatch(/12/);
    expect(passwordProblem('123456789012')).toMatch(/digits/);
    expect(passwordProblem('a long enough passphrase')).toBeNull();
  });

  it('normalises login names', () => {
    expect(normalizeUsername('  ＤＲ-Yamada ')).toBe('dr-yamada');
  });

  it('seals secrets with AES-256-GCM and detects tampering', () => {
    const box = new SecretBox(randomBytes(32));
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.open(sealed)).toBe('JBSWY3DPEHPK3PXP');
    const [v, iv, tag, ct] = sealed.split('.');
    const flipped = `${v}.${iv}.${tag}.${Buffer.from(Buffer.from(ct!, 'base64url').map((b, i) => (i === 0 ? b ^ 1 : b))).toString('base64url')}`;
    expect(() => box.open(flipped)).toThrow();
    expect(() => new SecretBox(randomBytes(16))).toThrow();
  });

  it('generates development keys once under the data dir (private files), and production refuses them', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'keys-'));
    const a = loadKeys({ NODE_ENV: 'development', IDENTITY_DATA_DIR: dir });
    const b = loadKeys({ NODE_ENV: 'development', IDENTITY_DATA_DIR: dir });
    expect(a.development).toBe(true);
    expect(a.jwks.keys[0]!.kid).toMatch(/^dev-/);
    expect(b.jwks.keys[0]!.kid).toBe(a.jwks.keys[0]!.kid);
    expect(b.dataKey.equals(a.dataKey)).toBe(true);
    expect(statSync(path.join(dir, 'jwks.json')).mode & 0o777).toBe(0o600);

    expect(() => loadKeys({ NODE_ENV: 'production', IDENTITY_DATA_DIR: dir })).toThrow(/production/);
    const devJwks = JSON.stringify({ keys: [generateSigningKey('dev-abc')] });
    const prod = {
      NODE_ENV: 'production' as const,
      IDENTITY_DATA_DIR: dir,
      IDENTITY_COOKIE_KEYS: 'x'.repeat(40),
      IDENTITY_DATA_KEY: randomBytes(32).toString('base64'),
    };
    expect(() => loadKeys({ ...prod, IDENTITY_JWKS: devJwks })).toThrow(/development key/);
    const ok = loadKeys({
      ...prod,
      IDENTITY_JWKS: JSON.stringify({ keys: [generateSigningKey('2026-11-a')] }),
    });
    expect(ok.development).toBe(false);
    expect(() =>
      loadKeys({ ...prod, IDENTITY_JWKS: JSON.stringify({ keys: [{ kty: 'RSA', kid: 'r' }] }) }),
    ).toThrow(/ES256/);
  });

  it('requires keys, cookie keys, data key and issuer in production — all reported at once', () => {
    expect(() =>
      loadConfig(identityEnv, { NODE_ENV: 'production', DATABASE_URL: 'postgres://x@y/z' }),
    ).toThrow(/IDENTITY_JWKS[\s\S]*IDENTITY_COOKIE_KEYS[\s\S]*IDENTITY_DATA_KEY[\s\S]*IDENTITY_ISSUER/);
    expect(() =>
      loadConfig(identityEnv, { DATABASE_URL: 'postgres://x@y/z', ACCESS_TOKEN_TTL_SECONDS: '600' }),
    ).toThrow(/ACCESS_TOKEN_TTL_SECONDS/);
  });
});
