import { generateKeyPairSync, randomBytes, type JsonWebKey } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Key ids of keys this service generated for development start with this; production refuses them. */
export const DEV_KEY_PREFIX = 'dev-';

export interface SigningJwk extends JsonWebKey {
  kid: string;
  alg: 'ES256';
  use: 'sig';
}

export interface ServiceKeys {
  jwks: { keys: SigningJwk[] };
  cookieKeys: string[];
  dataKey: Buffer;
  /** True when any key came from the development key store. */
  development: boolean;
}

export interface KeySource {
  NODE_ENV: 'development' | 'test' | 'production';
  IDENTITY_JWKS?: string;
  IDENTITY_COOKIE_KEYS?: string;
  IDENTITY_DATA_KEY?: string;
  IDENTITY_DATA_DIR: string;
}

function writePrivate(file: string, content: string) {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, content, { mode: 0o600 });
  chmodSync(file, 0o600);
}

function devFile<T>(dir: string, name: string, make: () => T): T {
  const file = path.join(dir, name);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as T;
  const value = make();
  writePrivate(file, JSON.stringify(value, null, 2));
  return value;
}

export function generateSigningKey(kid: string): SigningJwk {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { ...privateKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' };
}

function parseJwks(raw: string): SigningJwk[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error('IDENTITY_JWKS: not JSON');
  }
  const keys = (parsed as { keys?: unknown }).keys;
  if (!Array.isArray(keys) || keys.length === 0)
    throw new Error('IDENTITY_JWKS: needs {"keys":[…]} with at least one key');
  return keys.map((k: SigningJwk, i) => {
    if (k.kty !== 'EC' || k.crv !== 'P-256' || !k.d || !k.x || !k.y)
      throw new Error(`IDENTITY_JWKS: key ${i} must be a private EC P-256 key (ES256)`);
    if (!k.kid) throw new Error(`IDENTITY_JWKS: key ${i} needs a kid`);
    return { ...k, alg: 'ES256', use: 'sig' };
  });
}

/**
 * Signing keys, cookie keys and the data key: from configuration, or — outside production —
 * generated once and kept under IDENTITY_DATA_DIR (`.data/identity/`). Production requires
 * configured keys and refuses development ones.
 */
export function loadKeys(src: KeySource): ServiceKeys {
  const production = src.NODE_ENV === 'production';
  let development = false;
  const dev = <T>(name: string, make: () => T): T => {
    if (production) throw new Error(`production: ${name} must be configured (development keys are refused)`);
    development = true;
    return devFile(src.IDENTITY_DATA_DIR, name, make);
  };

  const keys = src.IDENTITY_JWKS
    ? parseJwks(src.IDENTITY_JWKS)
    : dev('jwks.json', () => ({
        keys: [generateSigningKey(`${DEV_KEY_PREFIX}${randomBytes(6).toString('hex')}`)],
      })).keys;
  if (production && keys.some((k) => k.kid.startsWith(DEV_KEY_PREFIX))) {
    throw new Error(
      'production: IDENTITY_JWKS contains a development key (kid dev-…); configure production keys',
    );
  }

  const cookieKeys = src.IDENTITY_COOKIE_KEYS
    ? src.IDENTITY_COOKIE_KEYS.split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : dev('cookie-keys.json', () => [randomBytes(32).toString('base64url')]);
  if (cookieKeys.some((k) => k.length < 32))
    throw new Error('IDENTITY_COOKIE_KEYS: each key needs at least 32 characters');

  const dataKeyB64 = src.IDENTITY_DATA_KEY ?? dev('data-key.json', () => randomBytes(32).toString('base64'));
  const dataKey = Buffer.from(dataKeyB64, 'base64');
  if (dataKey.length !== 32) throw new Error('IDENTITY_DATA_KEY: must be 32 bytes, base64');

  return { jwks: { keys }, cookieKeys, dataKey, development };
}
