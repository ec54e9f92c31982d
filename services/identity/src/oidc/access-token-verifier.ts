import { createPublicKey, verify as verifySignature, type KeyObject } from 'node:crypto';
import type { SigningJwk } from '../auth/keys';

export interface AccessTokenClaims {
  iss: string;
  sub: string;
  aud: string | string[];
  exp: number;
  iat: number;
  jti: string;
  client_id: string;
  scope?: string;
  kind?: string;
  person_id?: string;
  association_id?: string;
  role?: string;
  sysadmin?: boolean;
  terms_version?: string;
  act?: { sub: string; kind: string; [k: string]: unknown };
  [k: string]: unknown;
}

export class TokenVerificationError extends Error {}

/**
 * Verify one of our own JWT access tokens (ES256, typ at+jwt) with our public keys: signature,
 * issuer, audience, expiry. Used by the token-exchange grant and the management API.
 */
export class AccessTokenVerifier {
  private readonly keys: Map<string, KeyObject>;

  constructor(
    jwks: SigningJwk[],
    private readonly issuer: () => string,
    private readonly audience: string,
    private readonly clockToleranceSeconds = 5,
  ) {
    this.keys = new Map(
      jwks.map((k) => {
        const { d: _d, ...pub } = k;
        return [k.kid, createPublicKey({ key: pub, format: 'jwk' })];
      }),
    );
  }

  verify(token: string): AccessTokenClaims {
    const parts = token.split('.');
    if (parts.length !== 3) throw new TokenVerificationError('malformed token');
    let header: { alg?: string; typ?: string; kid?: string };
    let claims: AccessTokenClaims;
    try {
      header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8'));
      claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
    } catch {
      throw new TokenVerificationError('malformed token');
    }
    if (header.alg !== 'ES256') throw new TokenVerificationError('unexpected algorithm');
    if (header.typ !== 'at+jwt') throw new TokenVerificationError('not an access token');
    const key = header.kid ? this.keys.get(header.kid) : undefined;
    if (!key) throw new TokenVerificationError('unknown key');
    const ok = verifySignature(
      'sha256',
      Buffer.from(`${parts[0]}.${parts[1]}`),
      { key, dsaEncoding: 'ieee-p1363' },
      Buffer.from(parts[2]!, 'base64url'),
    );
    if (!ok) throw new TokenVerificationError('bad signature');
    if (claims.iss !== this.issuer()) throw new TokenVerificationError('wrong issuer');
    const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!aud.includes(this.audience)) throw new TokenVerificationError('wrong audience');
    const now = Math.floor(Date.now() / 1000);
    if (typeof claims.exp !== 'number' || claims.exp + this.clockToleranceSeconds < now)
      throw new TokenVerificationError('expired');
    if (typeof claims.sub !== 'string') throw new TokenVerificationError('no subject');
    return claims;
  }
}
