import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import type { Viewer } from '@mamis/platform';

/** The audience the gateway expects by default (`OIDC_AUDIENCE`). */
export const TEST_AUDIENCE = 'urn:mamis:gateway';

export interface MintOptions {
  /** Default: the issuer's own key. */
  key?: CryptoKey;
  kid?: string;
  alg?: string;
  issuer?: string;
  audience?: string | string[];
  /** Seconds from now (negative: already expired; null: no `exp` at all). Default 300. */
  expiresIn?: number | null;
  /** Extra / overriding claims. */
  claims?: Record<string, unknown>;
}

/**
 * A stand-in for the identity service in tests: an ES256 key pair, a JWKS at `<issuer>/jwks`,
 * discovery at `<issuer>/.well-known/openid-configuration`, and a minter of access tokens with the
 * claims the identity service issues.
 */
export interface TestIssuer {
  issuer: string;
  jwksUrl: string;
  /** A signed access token for these claims. */
  mint(claims: JWTPayload, opts?: MintOptions): Promise<string>;
  /** A signed access token for a viewer (claims as the identity service would put them). */
  tokenFor(viewer: Partial<Viewer> & { kind: Viewer['kind'] }, opts?: MintOptions): Promise<string>;
  /** Replace the published key (a rotation); returns the new kid. */
  rotate(): Promise<string>;
  /** How many times the JWKS was fetched. */
  jwksFetches(): number;
  /** Publish a revocation (`account:<id>`, `person:<id>`, `client:<id>`) for tokens issued until now. */
  revoke(key: string): void;
  close(): Promise<void>;
}

/** Access-token claims for a viewer (the shape documented in gateway/README.md). */
export function claimsFor(viewer: Partial<Viewer> & { kind: Viewer['kind'] }): JWTPayload {
  return {
    sub: viewer.sub ?? `${viewer.kind.toLowerCase()}-${viewer.personId ?? viewer.associationId ?? 'client'}`,
    kind: viewer.kind,
    ...(viewer.personId ? { person_id: viewer.personId } : {}),
    ...(viewer.associationId ? { association_id: viewer.associationId } : {}),
    ...(viewer.associationTier ? { association_tier: viewer.associationTier } : {}),
    ...(viewer.role ? { role: viewer.role } : viewer.kind === 'STAFF' ? { role: 'ADMIN' } : {}),
    ...(viewer.scopes?.length ? { scope: viewer.scopes.join(' ') } : {}),
    ...(viewer.acceptedTermsVersion ? { terms_version: viewer.acceptedTermsVersion } : {}),
    ...(viewer.sysadmin ? { sysadmin: true } : {}),
    ...(viewer.actor
      ? {
          act: {
            sub: viewer.actor.sub,
            kind: viewer.actor.kind,
            association_id: viewer.actor.associationId,
            reason: viewer.actor.reason,
          },
        }
      : {}),
  };
}

export async function startTestIssuer(): Promise<TestIssuer> {
  let key: { privateKey: CryptoKey; jwk: JWK };
  let fetches = 0;
  let counter = 0;
  const newKey = async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    const kid = `test-key-${++counter}`;
    key = {
      privateKey: pair.privateKey,
      jwk: { ...(await exportJWK(pair.publicKey)), kid, alg: 'ES256', use: 'sig' },
    };
    return kid;
  };
  await newKey();
  let issuer = '';
  const revoked = new Map<string, number>();
  const server = http.createServer((req, res) => {
    if (req.url === '/jwks') {
      fetches++;
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ keys: [key.jwk] }));
    }
    if (req.url === '/.well-known/openid-configuration') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
    }
    if (req.url === '/internal/revocations') {
      // the identity service's revocation feed (the gateway reads it for every request)
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(
        JSON.stringify({ entries: [...revoked].map(([key, notBefore]) => ({ key, notBefore })) }),
      );
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const mint = async (claims: JWTPayload, opts: MintOptions = {}) => {
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT({ ...claims, ...opts.claims })
      .setProtectedHeader({ alg: opts.alg ?? 'ES256', kid: opts.kid ?? key.jwk.kid, typ: 'at+jwt' })
      .setIssuer(opts.issuer ?? issuer)
      .setAudience(opts.audience ?? TEST_AUDIENCE)
      .setIssuedAt(now);
    if (opts.expiresIn !== null) jwt.setExpirationTime(now + (opts.expiresIn ?? 300));
    return jwt.sign(opts.key ?? key.privateKey);
  };
  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    mint,
    tokenFor: (viewer, opts) => mint(claimsFor(viewer), opts),
    rotate: newKey,
    jwksFetches: () => fetches,
    revoke: (key) => revoked.set(key, Math.floor(Date.now() / 1000)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
