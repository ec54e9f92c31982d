import {
  createECDH,
  createHash,
  createPrivateKey,
  createPublicKey,
  randomUUID,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto';
import {
  createLocalJWKSet,
  errors as joseErrors,
  exportJWK,
  jwtVerify,
  SignJWT,
  type JSONWebKeySet,
  type JWK,
} from 'jose';
import { z } from 'zod';
import { ConfigError } from './config';
import type { Viewer } from './viewer';

/**
 * Trusted gateway → subgraph calls.
 *
 * Every subgraph request carries (a) the subgraph's own shared secret in `x-subgraph-secret` and
 * (b) a viewer assertion in `x-viewer-assertion`: a JWT the gateway signs with its own key
 * (ES256 or EdDSA), `iss` = `mamis-gateway`, `aud` = the subgraph name, valid ≤ 60 s, with the
 * Viewer in the `viewer` claim. A subgraph takes the viewer from there and nowhere else.
 *
 * Development and test: when no key / secret is configured, both sides fall back to a key pair and
 * secrets DERIVED from fixed labels (`devAssertionKeyPair()`, `devSubgraphSecret(name)`), so a
 * gateway and subgraphs started as separate processes (`npm start`) agree without any wiring.
 * Production refuses to start without configured ones and refuses the derived dev key.
 */
export const SUBGRAPH_SECRET_HEADER = 'x-subgraph-secret';
export const VIEWER_ASSERTION_HEADER = 'x-viewer-assertion';
export const VIEWER_ASSERTION_ISSUER = 'mamis-gateway';
export const VIEWER_ASSERTION_MAX_TTL_SECONDS = 60;
export const VIEWER_ASSERTION_ALGORITHMS = ['ES256', 'EdDSA'] as const;

/** Why a subgraph refused a call (logged, never sent to the caller). */
export class SubgraphAuthError extends Error {
  override name = 'SubgraphAuthError';
}

// ---------------------------------------------------------------------------------------------
// Development defaults
// ---------------------------------------------------------------------------------------------

const b64url = (b: Buffer) => b.toString('base64url');

let devPair: { privateKey: KeyObject; publicKey: KeyObject } | undefined;

/** The development-only assertion key pair (P-256), derived from a fixed label: never for production. */
export function devAssertionKeyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
  if (devPair) return devPair;
  const d = createHash('sha256').update('mamis development gateway viewer-assertion key v1').digest();
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(d);
  const point = ecdh.getPublicKey(); // 0x04 | x | y
  const jwk = {
    kty: 'EC',
    crv: 'P-256',
    d: b64url(d),
    x: b64url(point.subarray(1, 33)),
    y: b64url(point.subarray(33, 65)),
  };
  const privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
  devPair = { privateKey, publicKey: publicOf(privateKey) };
  return devPair;
}

/** The development-only shared secret of a subgraph, derived from its name: never for production. */
export function devSubgraphSecret(subgraph: string): string {
  return `dev-only-${createHash('sha256').update(`mamis development subgraph secret: ${subgraph}`).digest('hex')}`;
}

const publicOf = (key: KeyObject) => (key.type === 'public' ? key : createPublicKey(key));
const spkiOf = (key: KeyObject) => publicOf(key).export({ type: 'spki', format: 'der' });

/** True when `key` (private or public) is the derived development key. */
export function isDevAssertionKey(key: KeyObject): boolean {
  return spkiOf(key).equals(spkiOf(devAssertionKeyPair().publicKey));
}

// ---------------------------------------------------------------------------------------------
// Keys from configuration
// ---------------------------------------------------------------------------------------------

function checkAlgorithmOf(key: KeyObject): 'ES256' | 'EdDSA' {
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  if (key.asymmetricKeyType === 'ed25519') return 'EdDSA';
  throw new Error('the viewer-assertion key must be an EC P-256 (ES256) or Ed25519 (EdDSA) key');
}

/** PEM text; `\n` escapes (as env files often carry them) are accepted. */
const pemText = (value: string) => value.replace(/\\n/g, '\n').trim();

/** The gateway's signing key from a PKCS#8 PEM (or a private JWK as JSON). */
export function parseAssertionPrivateKey(value: string): KeyObject {
  const text = pemText(value);
  const key = text.startsWith('{')
    ? createPrivateKey({ key: JSON.parse(text) as JWK & { kty: string }, format: 'jwk' })
    : createPrivateKey(text);
  checkAlgorithmOf(key);
  return key;
}

/**
 * The keys a subgraph accepts assertions from: a JWKS (JSON `{"keys":[…]}`, several keys allow a
 * rotation) or one SPKI public-key PEM.
 */
export async function parseAssertionVerificationKeys(opts: {
  jwks?: string;
  publicKeyPem?: string;
}): Promise<JSONWebKeySet> {
  if (opts.jwks) {
    const set = JSON.parse(opts.jwks) as JSONWebKeySet;
    if (!Array.isArray(set.keys) || set.keys.length === 0) throw new Error('GATEWAY_ASSERTION_JWKS: no keys');
    for (const k of set.keys) {
      if ('d' in k) throw new Error('GATEWAY_ASSERTION_JWKS must hold public keys only');
      checkAlgorithmOf(createPublicKey({ key: k as JWK & { kty: string }, format: 'jwk' }));
    }
    return set;
  }
  if (opts.publicKeyPem) return { keys: [await publicJwkOf(createPublicKey(pemText(opts.publicKeyPem)))] };
  throw new Error('no viewer-assertion verification key configured');
}

/** A public JWK (with `alg`, `use` and a thumbprint-like `kid`) for a key pair's public half. */
export async function publicJwkOf(key: KeyObject, kid?: string): Promise<JWK> {
  const pub = publicOf(key);
  const alg = checkAlgorithmOf(pub);
  const jwk = await exportJWK(pub);
  return { ...jwk, alg, use: 'sig', kid: kid ?? keyIdOf(pub) };
}

/** A stable key id: the first 16 hex chars of the SHA-256 of the SPKI DER. */
export const keyIdOf = (key: KeyObject) =>
  createHash('sha256').update(spkiOf(key)).digest('hex').slice(0, 16);

// ---------------------------------------------------------------------------------------------
// Sign (gateway) and verify (subgraph)
// ---------------------------------------------------------------------------------------------

export interface AssertionSigner {
  /** Sign the viewer for ONE subgraph (the audience). */
  sign(viewer: Viewer, audience: string): Promise<string>;
  readonly ttlSeconds: number;
}

export function createAssertionSigner(opts: {
  privateKey: KeyObject;
  kid?: string;
  ttlSeconds?: number;
}): AssertionSigner {
  const alg = checkAlgorithmOf(opts.privateKey);
  const kid = opts.kid ?? keyIdOf(opts.privateKey);
  const ttlSeconds = Math.min(opts.ttlSeconds ?? 30, VIEWER_ASSERTION_MAX_TTL_SECONDS);
  if (!(ttlSeconds > 0)) throw new Error('viewer-assertion TTL must be positive');
  return {
    ttlSeconds,
    async sign(viewer, audience) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ viewer: { ...viewer } })
        .setProtectedHeader({ alg, kid, typ: 'mamis-viewer+jwt' })
        .setIssuer(VIEWER_ASSERTION_ISSUER)
        .setAudience(audience)
        .setSubject(viewer.sub ?? 'anonymous')
        .setIssuedAt(now)
        .setExpirationTime(now + ttlSeconds)
        .setJti(randomUUID())
        .sign(opts.privateKey);
    },
  };
}

const viewerKind = z.enum(['PHYSICIAN', 'STAFF', 'ASSISTANT', 'CLIENT', 'ANONYMOUS']);
const viewerSchema = z.object({
  kind: viewerKind,
  sub: z.string().min(1).optional(),
  personId: z.string().min(1).optional(),
  associationId: z.string().min(1).optional(),
  associationTier: z.enum(['NATIONAL', 'PREFECTURAL', 'MUNICIPAL', 'DISTRICT', 'WORKPLACE']).optional(),
  role: z.enum(['ADMIN', 'CLERK', 'VIEWER']).optional(),
  sysadmin: z.boolean().optional(),
  scopes: z.array(z.string()),
  actor: z
    .object({
      sub: z.string().min(1),
      kind: viewerKind,
      associationId: z.string().min(1).optional(),
      reason: z.string().optional(),
    })
    .optional(),
  acceptedTermsVersion: z.string().optional(),
});

/** A presented secret is compared by its SHA-256 in constant time (the verifier keeps the expected one's). */
const sha256 = (s: string) => createHash('sha256').update(s).digest();

/** Verified assertions a subgraph remembers at most (expired ones are dropped first). */
const VERIFIED_ASSERTIONS_KEPT = 10_000;

/** A verified viewer is shared by every request presenting the same assertion: nobody may change it. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export interface AssertionVerifier {
  /**
   * Check the secret header and the assertion of one request; the viewer, or a
   * `SubgraphAuthError` saying why not.
   */
  verify(headers: Record<string, string | string[] | undefined>): Promise<Viewer>;
}

export function createAssertionVerifier(opts: {
  /** This subgraph's name: the only audience accepted. */
  audience: string;
  secret: string;
  keys: JSONWebKeySet;
  clockToleranceSeconds?: number;
}): AssertionVerifier {
  const keySet = createLocalJWKSet(opts.keys);
  const tolerance = opts.clockToleranceSeconds ?? 5;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const expectedSecret = sha256(opts.secret);
  // The gateway reuses an assertion per (subgraph, viewer) for half its life, so a subgraph sees
  // the same text many times: a text verified once is the same viewer until its `exp` (checked
  // without the clock tolerance, so never longer than the first verification allowed). Signature
  // verification was ~5% of the membership process's CPU in W1's profile.
  const verified = new Map<string, { viewer: Viewer; exp: number }>();
  const remember = (token: string, viewer: Viewer, exp: number) => {
    if (verified.size >= VERIFIED_ASSERTIONS_KEPT) {
      const now = Date.now() / 1000;
      for (const [t, v] of verified) if (v.exp <= now) verified.delete(t);
      if (verified.size >= VERIFIED_ASSERTIONS_KEPT) verified.clear();
    }
    verified.set(token, { viewer, exp });
  };
  return {
    async verify(headers) {
      const presented = one(headers[SUBGRAPH_SECRET_HEADER]);
      if (!presented || !timingSafeEqual(sha256(presented), expectedSecret)) {
        throw new SubgraphAuthError('missing or wrong subgraph secret');
      }
      const token = one(headers[VIEWER_ASSERTION_HEADER]);
      if (!token) throw new SubgraphAuthError('missing viewer assertion');
      const known = verified.get(token);
      if (known) {
        if (Date.now() / 1000 < known.exp) return known.viewer;
        verified.delete(token);
      }
      let payload;
      try {
        ({ payload } = await jwtVerify(token, keySet, {
          issuer: VIEWER_ASSERTION_ISSUER,
          audience: opts.audience,
          algorithms: [...VIEWER_ASSERTION_ALGORITHMS],
          requiredClaims: ['iat', 'exp', 'jti'],
          maxTokenAge: VIEWER_ASSERTION_MAX_TTL_SECONDS + tolerance,
          clockTolerance: tolerance,
          typ: 'mamis-viewer+jwt',
        }));
      } catch (err) {
        if (err instanceof joseErrors.JOSEError)
          throw new SubgraphAuthError(`viewer assertion refused: ${err.code}`);
        throw err;
      }
      if (payload.exp! - payload.iat! > VIEWER_ASSERTION_MAX_TTL_SECONDS) {
        throw new SubgraphAuthError('viewer assertion lives longer than 60 s');
      }
      const parsed = viewerSchema.safeParse(payload.viewer);
      if (!parsed.success) throw new SubgraphAuthError('viewer assertion carries no valid viewer');
      const viewer = deepFreeze(parsed.data as Viewer);
      remember(token, viewer, payload.exp!);
      return viewer;
    },
  };
}

/**
 * The verifier of a subgraph from its configuration, with the development fallbacks; in
 * production both the secret and the key are required and the dev key is refused.
 */
export async function assertionVerifierFromConfig(
  subgraph: string,
  config: {
    NODE_ENV: string;
    SUBGRAPH_SECRET?: string;
    GATEWAY_ASSERTION_JWKS?: string;
    GATEWAY_ASSERTION_PUBLIC_KEY?: string;
  },
): Promise<AssertionVerifier> {
  const production = config.NODE_ENV === 'production';
  const problems: string[] = [];
  if (production && !config.SUBGRAPH_SECRET) problems.push('SUBGRAPH_SECRET: required in production');
  if (production && !config.GATEWAY_ASSERTION_JWKS && !config.GATEWAY_ASSERTION_PUBLIC_KEY) {
    problems.push('GATEWAY_ASSERTION_JWKS or GATEWAY_ASSERTION_PUBLIC_KEY: required in production');
  }
  if (production && config.SUBGRAPH_SECRET && /^(dev-only-|REPLACE_ME)/.test(config.SUBGRAPH_SECRET)) {
    problems.push('SUBGRAPH_SECRET: a development or placeholder secret is refused in production');
  }
  let keys: JSONWebKeySet | undefined;
  if (config.GATEWAY_ASSERTION_JWKS || config.GATEWAY_ASSERTION_PUBLIC_KEY) {
    try {
      keys = await parseAssertionVerificationKeys({
        jwks: config.GATEWAY_ASSERTION_JWKS,
        publicKeyPem: config.GATEWAY_ASSERTION_PUBLIC_KEY,
      });
      if (
        production &&
        keys.keys.some((k) =>
          isDevAssertionKey(createPublicKey({ key: k as JWK & { kty: string }, format: 'jwk' })),
        )
      ) {
        problems.push('GATEWAY_ASSERTION_*: the development key is refused in production');
      }
    } catch (err) {
      problems.push(`GATEWAY_ASSERTION_*: ${(err as Error).message}`);
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return createAssertionVerifier({
    audience: subgraph,
    secret: config.SUBGRAPH_SECRET ?? devSubgraphSecret(subgraph),
    keys: keys ?? { keys: [await publicJwkOf(devAssertionKeyPair().publicKey)] },
  });
}
