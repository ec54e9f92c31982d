import type http from 'node:http';
import { z } from 'zod';

/**
 * Cross-origin resource sharing (CORS) for the services a browser application calls directly:
 * an allow-list of exact origins. A request from a listed origin gets
 * `Access-Control-Allow-Origin: <that origin>`; a preflight (`OPTIONS` with
 * `Access-Control-Request-Method`) from it is answered 204 with the allowed methods, headers and a
 * max-age. Any other origin gets no CORS header at all (its preflight: 403), so the browser refuses
 * the call. Requests without `Origin` (servers, curl) are not affected.
 */
export interface CorsPolicy {
  /** Exact origins (`scheme://host[:port]`, no path, no trailing slash). */
  origins: readonly string[];
  methods: readonly string[];
  /** Request headers a page may send (lower case). */
  allowHeaders: readonly string[];
  /** Response headers a page may read besides the CORS-safelisted ones. */
  exposeHeaders: readonly string[];
  maxAgeSeconds: number;
}

/** What a frontend sends to a GraphQL endpoint (Apollo Client included). */
export const GRAPHQL_CORS_REQUEST_HEADERS = [
  'authorization',
  'content-type',
  'accept',
  'x-request-id',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'apollographql-client-name',
  'apollographql-client-version',
] as const;

/** Headers a frontend needs to read: the request id (support), rate limits, the auth challenge. */
export const CORS_EXPOSED_HEADERS = [
  'x-request-id',
  'retry-after',
  'ratelimit-limit',
  'ratelimit-remaining',
  'www-authenticate',
] as const;

/** `scheme://host[:port]` exactly as a browser sends it in `Origin`. */
function normalisedOrigin(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.origin !== value) return undefined;
  return url.origin;
}

/**
 * A zod field for a comma-separated origin list (`CORS_ORIGINS`): every entry must be an exact
 * origin (`https://portal.example.jp`, `http://127.0.0.1:5173`); `*` is refused (an allow-list,
 * never a wildcard). Empty string: no cross-origin access.
 */
export const corsOriginsSetting = z
  .string()
  .transform((raw, ctx) => {
    const entries = raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const origins: string[] = [];
    for (const entry of entries) {
      const origin = normalisedOrigin(entry);
      if (!origin) {
        ctx.addIssue({
          code: 'custom',
          message: `"${entry}" is not an origin (scheme://host[:port], no path or trailing slash; "*" is not allowed)`,
        });
        continue;
      }
      origins.push(origin);
    }
    return [...new Set(origins)];
  })
  .optional();

/** A policy for a GraphQL endpoint with these origins. */
export function graphqlCorsPolicy(origins: readonly string[], maxAgeSeconds = 600): CorsPolicy {
  return {
    origins,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: GRAPHQL_CORS_REQUEST_HEADERS,
    exposeHeaders: CORS_EXPOSED_HEADERS,
    maxAgeSeconds,
  };
}

/**
 * Apply the policy to a request. Returns true when the request was a preflight and has been
 * answered (the caller does nothing more), false when the caller goes on handling it.
 */
export function applyCors(policy: CorsPolicy, req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const origin = req.headers.origin;
  const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
  if (origin === undefined) return false;
  // the answer depends on Origin: caches must keep one per origin
  res.setHeader('vary', 'Origin');
  const allowed = policy.origins.includes(origin);
  if (!allowed) {
    if (!preflight) return false;
    res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('このオリジンは許可されていません / Origin not allowed\n');
    return true;
  }
  res.setHeader('access-control-allow-origin', origin);
  if (policy.exposeHeaders.length)
    res.setHeader('access-control-expose-headers', policy.exposeHeaders.join(', '));
  if (!preflight) return false;
  const method = String(req.headers['access-control-request-method']).toUpperCase();
  const requested = String(req.headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const headerRefused = requested.filter((h) => !policy.allowHeaders.includes(h));
  if (!policy.methods.includes(method) || headerRefused.length) {
    res.removeHeader('access-control-allow-origin');
    res.removeHeader('access-control-expose-headers');
    res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('このメソッドまたはヘッダーは許可されていません / Method or header not allowed\n');
    return true;
  }
  res.writeHead(204, {
    'access-control-allow-methods': policy.methods.join(', '),
    'access-control-allow-headers': policy.allowHeaders.join(', '),
    'access-control-max-age': String(policy.maxAgeSeconds),
    'content-length': '0',
  });
  res.end();
  return true;
}
