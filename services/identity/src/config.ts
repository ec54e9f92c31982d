import path from 'node:path';
import { z } from 'zod';
import { corsOriginsSetting, loadConfig, repoRoot, serviceEnv } from '@mamis/platform';

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1');

export const identityEnv = serviceEnv(4010)
  .extend({
    /** Public issuer URL. Default: http://HOST:<bound port> (known once listening). */
    IDENTITY_ISSUER: z.string().url().optional(),
    /** The audience (RFC 8707 resource) of every access token: the gateway. */
    GATEWAY_AUDIENCE: z.string().url().default('urn:mamis:gateway'),
    /** Private signing keys as a JWK Set JSON (ES256). Required in production. */
    IDENTITY_JWKS: z.string().optional(),
    /** Cookie signing keys, comma separated (≥32 chars each). Required in production. */
    IDENTITY_COOKIE_KEYS: z.string().optional(),
    /** 32-byte key (base64) sealing TOTP secrets at rest. Required in production. */
    IDENTITY_DATA_KEY: z.string().optional(),
    /** Development: where generated keys are kept. */
    IDENTITY_DATA_DIR: z.string().default(path.join(repoRoot, '.data', 'identity')),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(300).default(300),
    REFRESH_TOKEN_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(300)
      .max(30 * 24 * 3600)
      .default(12 * 3600),
    SESSION_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(300)
      .max(30 * 24 * 3600)
      .default(8 * 3600),
    /** Failures before the backoff starts, its first step and its cap. */
    LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
    LOCKOUT_BASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(2),
    LOCKOUT_MAX_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 3600)
      .default(900),
    /**
     * Password spraying (one password over many names): failures per client address before its
     * backoff starts, the first step and the cap (the address's counter is forgotten after a quiet
     * period as long as the cap; a successful sign-in does not reset it).
     */
    LOCKOUT_ADDRESS_THRESHOLD: z.coerce.number().int().min(1).max(100_000).default(30),
    LOCKOUT_ADDRESS_BASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    LOCKOUT_ADDRESS_MAX_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 3600)
      .default(900),
    /**
     * All failed sign-ins of the service per fixed window: above the maximum, every password
     * attempt is refused (429) until the window ends — a circuit breaker against spraying from
     * many addresses. Set it well above the normal failure rate.
     */
    LOCKOUT_GLOBAL_MAX_FAILURES: z.coerce.number().int().min(1).max(10_000_000).default(600),
    LOCKOUT_GLOBAL_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    /**
     * Behind a TLS-terminating proxy: trust X-Forwarded-* (secure cookies, issuer scheme; the
     * client address of the sign-in limits is the LAST X-Forwarded-For entry, the proxy's).
     */
    IDENTITY_TRUST_PROXY: bool(false),
    /**
     * Origins whose pages call the /manage API (a physician's assistants, from the MAMIS portal):
     * comma-separated exact origins. Default outside production: the portal's development URLs;
     * in production none until configured. The OpenID endpoints (token, revocation) allow the
     * origins of each client's registered redirect URIs; discovery and JWKS are public documents.
     */
    CORS_ORIGINS: corsOriginsSetting,
    /** Link shown with the terms of use (the joint-use notice, 共同利用について). */
    JOINT_USE_NOTICE_URL: z.string().default('/joint-use-notice'),
    /**
     * Password-reset mail: SMTP URL (smtp:// or smtps://, credentials in the URL). Unset: in
     * development/test every message is written to <IDENTITY_DATA_DIR>/outbox/; in production
     * password reset is switched off.
     */
    IDENTITY_SMTP_URL: z
      .string()
      .url()
      .refine((u) => /^smtps?:\/\//.test(u), 'must be smtp:// or smtps://')
      .optional(),
    /** Sender of the password-reset mail. */
    IDENTITY_MAIL_FROM: z.string().min(3).default('MAMIS <no-reply@mamis.localhost>'),
    /**
     * The consent subgraph (the system of record of the terms of use): identity reads terms and
     * acceptances from the `access` views and records acceptances through consent's `acceptTerms`.
     * Unset: development/test keep them in identity's interim tables. Required in production.
     */
    CONSENT_URL: z.string().url().optional(),
    /** Consent's subgraph secret (default: the development secret). Required in production. */
    CONSENT_SUBGRAPH_SECRET: z.string().min(32, 'at least 32 characters').optional(),
    /**
     * Private key (PKCS#8 PEM or JWK JSON, ES256/Ed25519) signing identity's viewer assertions to
     * consent; its public key must be in consent's GATEWAY_ASSERTION_JWKS. Default: the development
     * key. Required in production.
     */
    IDENTITY_ASSERTION_PRIVATE_KEY: z.string().min(1).optional(),
    /**
     * Shared with the gateway (its REVOCATION_FEED_SECRET): authenticates its reads of
     * `/internal/revocations`. Default: the development secret. Required in production.
     */
    REVOCATION_FEED_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    for (const key of [
      'IDENTITY_JWKS',
      'IDENTITY_COOKIE_KEYS',
      'IDENTITY_DATA_KEY',
      'IDENTITY_ISSUER',
      'REVOCATION_FEED_SECRET',
      'METRICS_TOKEN',
    ] as const) {
      if (!env[key])
        ctx.addIssue({ code: 'custom', path: [key], message: 'required when NODE_ENV=production' });
    }
    if (env.REVOCATION_FEED_SECRET && /^(dev-only-|REPLACE_ME)/.test(env.REVOCATION_FEED_SECRET))
      ctx.addIssue({
        code: 'custom',
        path: ['REVOCATION_FEED_SECRET'],
        message: 'a development or placeholder secret is refused in production',
      });
    if (env.METRICS_TOKEN && /^(dev-only-|REPLACE_ME)/.test(env.METRICS_TOKEN))
      ctx.addIssue({
        code: 'custom',
        path: ['METRICS_TOKEN'],
        message: 'a placeholder secret is refused in production',
      });
    if (env.IDENTITY_SMTP_URL && /@mamis\.localhost>?$/.test(env.IDENTITY_MAIL_FROM))
      ctx.addIssue({
        code: 'custom',
        path: ['IDENTITY_MAIL_FROM'],
        message: 'set a real sender when IDENTITY_SMTP_URL is used in production',
      });
  });

export type IdentityConfig = z.infer<typeof identityEnv>;
/** The portal's development origins (`npm start` serves it on 5173). */
export const DEV_CORS_ORIGINS = ['http://127.0.0.1:5173', 'http://localhost:5173'];
export const corsOriginsOf = (c: IdentityConfig): string[] =>
  c.CORS_ORIGINS ?? (c.NODE_ENV === 'production' ? [] : DEV_CORS_ORIGINS);
export const loadIdentityConfig = (env: NodeJS.ProcessEnv = process.env): IdentityConfig =>
  loadConfig(identityEnv, env);
