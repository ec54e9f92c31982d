import type http from 'node:http';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { z } from 'zod';
import { ANONYMOUS, ErrorCode, HttpError, type Logger, Messages, type Viewer } from '@mamis/platform';
import type { RevocationCheck } from './revocation';

/** Only asymmetric algorithms: `none` and every HS* (shared-secret) algorithm are refused. */
export const ACCESS_TOKEN_ALGORITHMS = ['ES256', 'EdDSA'];

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  /** Default: `jwks_uri` of `<issuer>/.well-known/openid-configuration`. */
  jwksUrl?: string;
  clockToleranceSeconds: number;
  jwksCooldownMs: number;
  jwksCacheMaxAgeMs: number;
  jwksTimeoutMs: number;
  log: Logger;
  /** Checked on every request, cached token or not. */
  revocations?: RevocationCheck;
}

/** 401 `invalid_token` (RFC 6750): the caller sent a token that is not good. */
export const invalidToken = (description = 'The access token is invalid') =>
  new HttpError(401, ErrorCode.UNAUTHENTICATED, Messages.INVALID_ACCESS_TOKEN, {
    'www-authenticate': `Bearer error="invalid_token", error_description="${description}"`,
  });

const kind = z.enum(['PHYSICIAN', 'STAFF', 'ASSISTANT', 'CLIENT']);
const nonEmpty = z.string().min(1);

/**
 * The access-token claims the identity service issues (see gateway/README.md):
 * `sub`, `kind`, `person_id` | `association_id` + `association_tier` + `role`, `scope`,
 * `terms_version`, `act` (RFC 8693), `sysadmin`.
 */
const claimsSchema = z
  .object({
    sub: nonEmpty,
    kind,
    person_id: nonEmpty.optional(),
    association_id: nonEmpty.optional(),
    association_tier: z.enum(['NATIONAL', 'PREFECTURAL', 'MUNICIPAL', 'DISTRICT', 'WORKPLACE']).optional(),
    role: z.enum(['ADMIN', 'CLERK', 'VIEWER']).optional(),
    scope: z.string().optional(),
    scp: z.array(z.string()).optional(),
    terms_version: nonEmpty.optional(),
    sysadmin: z.boolean().optional(),
    act: z
      .object({
        sub: nonEmpty,
        kind: z.enum(['PHYSICIAN', 'STAFF', 'ASSISTANT', 'CLIENT']).optional(),
        association_id: nonEmpty.optional(),
        reason: z.string().optional(),
      })
      .optional(),
  })
  .superRefine((c, ctx) => {
    if ((c.kind === 'PHYSICIAN' || c.kind === 'ASSISTANT') && !c.person_id) {
      ctx.addIssue({ code: 'custom', message: `${c.kind} token without person_id` });
    }
    if (c.kind === 'STAFF' && (!c.association_id || !c.role)) {
      ctx.addIssue({ code: 'custom', message: 'STAFF token without association_id and role' });
    }
  });

/** Claims of a verified token → Viewer (throws `invalidToken` when the shape is wrong). */
export function viewerFromClaims(payload: JWTPayload): Viewer {
  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success) throw invalidToken('The access token does not carry a valid viewer');
  const c = parsed.data;
  const scopes = [...(c.scope ? c.scope.split(' ').filter(Boolean) : []), ...(c.scp ?? [])];
  const viewer: Viewer = {
    kind: c.kind,
    sub: c.sub,
    scopes: [...new Set(scopes)],
    ...(c.person_id ? { personId: c.person_id } : {}),
    ...(c.association_id ? { associationId: c.association_id } : {}),
    ...(c.association_tier ? { associationTier: c.association_tier } : {}),
    ...(c.role ? { role: c.role } : {}),
    ...(c.sysadmin ? { sysadmin: true } : {}),
    ...(c.terms_version ? { acceptedTermsVersion: c.terms_version } : {}),
  };
  if (c.act) {
    viewer.actor = {
      sub: c.act.sub,
      kind: c.act.kind ?? (c.kind === 'ASSISTANT' ? 'ASSISTANT' : 'STAFF'),
      ...(c.act.association_id ? { associationId: c.act.association_id } : {}),
      ...(c.act.reason ? { reason: c.act.reason } : {}),
    };
  }
  return viewer;
}

/** The bearer token of a request: undefined when there is no Authorization header. */
export function bearerToken(req: http.IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (header === undefined || header === '') return undefined;
  const m = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i.exec(header.trim());
  if (!m) {
    throw new HttpError(401, ErrorCode.UNAUTHENTICATED, Messages.INVALID_AUTHORIZATION_HEADER, {
      'www-authenticate':
        'Bearer error="invalid_request", error_description="Expected: Authorization: Bearer <token>"',
    });
  }
  return m[1];
}

/**
 * Verifies access tokens against the identity service's JWKS (fetched on first use, cached,
 * refetched for an unknown `kid` at most once per cooldown) and builds the Viewer.
 */
export function createTokenVerifier(opts: TokenVerifierOptions) {
  let jwks: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;
  /**
   * Tokens verified in the last VERIFIED_TTL_MS, by their exact text: a client sends the same
   * access token with every request, and the signature check was the largest item of the
   * gateway's own CPU per request after the subgraph calls. A hit never outlives the token's `exp`
   * (checked on every use), and a signing key withdrawn from the JWKS stops being honoured within
   * VERIFIED_TTL_MS.
   */
  const verified = new Map<string, { payload: JWTPayload; until: number }>();

  const discover = async (): Promise<string> => {
    if (opts.jwksUrl) return opts.jwksUrl;
    const url = `${opts.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const res = await fetch(url, { signal: AbortSignal.timeout(opts.jwksTimeoutMs) });
    if (!res.ok) throw new Error(`OIDC discovery ${url}: HTTP ${res.status}`);
    const doc = (await res.json()) as { issuer?: string; jwks_uri?: string };
    if (doc.issuer !== opts.issuer) throw new Error(`OIDC discovery: issuer ${doc.issuer} ≠ ${opts.issuer}`);
    if (!doc.jwks_uri) throw new Error('OIDC discovery: no jwks_uri');
    return doc.jwks_uri;
  };

  const keySet = () => {
    jwks ??= discover().then((u) =>
      createRemoteJWKSet(new URL(u), {
        cooldownDuration: opts.jwksCooldownMs,
        cacheMaxAge: opts.jwksCacheMaxAgeMs,
        timeoutDuration: opts.jwksTimeoutMs,
      }),
    );
    // a failed discovery is retried by the next request
    jwks.catch(() => (jwks = undefined));
    return jwks;
  };

  const refuseRevoked = async (payload: JWTPayload) => {
    if (opts.revocations && (await opts.revocations.refused(payload))) {
      opts.log.info({ sub: payload.sub }, 'access token refused: revoked');
      throw invalidToken('The access token was revoked');
    }
  };

  return {
    /** The Viewer of a request: ANONYMOUS without a token; throws HttpError 401/503 otherwise. */
    async viewerOf(req: http.IncomingMessage): Promise<Viewer> {
      const token = bearerToken(req);
      if (token === undefined) return ANONYMOUS;
      const now = Date.now();
      const hit = verified.get(token);
      if (hit) {
        if (now < hit.until && now < (hit.payload.exp! + opts.clockToleranceSeconds) * 1000) {
          await refuseRevoked(hit.payload);
          return viewerFromClaims(hit.payload);
        }
        verified.delete(token);
      }
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, await keySet(), {
          issuer: opts.issuer,
          audience: opts.audience,
          algorithms: ACCESS_TOKEN_ALGORITHMS,
          requiredClaims: ['exp', 'sub'],
          clockTolerance: opts.clockToleranceSeconds,
        }));
      } catch (err) {
        if (
          err instanceof joseErrors.JWTExpired ||
          err instanceof joseErrors.JWTClaimValidationFailed ||
          err instanceof joseErrors.JWSSignatureVerificationFailed ||
          err instanceof joseErrors.JWSInvalid ||
          err instanceof joseErrors.JWTInvalid ||
          err instanceof joseErrors.JOSEAlgNotAllowed ||
          err instanceof joseErrors.JOSENotSupported ||
          err instanceof joseErrors.JWKSNoMatchingKey ||
          err instanceof joseErrors.JWKSMultipleMatchingKeys
        ) {
          opts.log.info({ reason: (err as joseErrors.JOSEError).code }, 'access token refused');
          throw invalidToken(err instanceof joseErrors.JWTExpired ? 'The access token expired' : undefined);
        }
        // the identity service (discovery or JWKS) is unreachable or answers garbage: not the caller's fault
        opts.log.error(
          { err: (err as Error).message },
          'access token could not be checked: JWKS unavailable',
        );
        throw new HttpError(503, ErrorCode.INTERNAL, Messages.AUTHENTICATION_UNAVAILABLE, {
          'retry-after': '5',
        });
      }
      const viewer = viewerFromClaims(payload); // throws for claims that make no viewer: not cached
      await refuseRevoked(payload);
      if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!);
      verified.set(token, { payload, until: now + VERIFIED_TTL_MS });
      return viewer;
    },
  };
}

const VERIFIED_TTL_MS = 60_000;
const VERIFIED_MAX = 10_000;
