import { GraphQLError } from 'graphql';
import {
  ANONYMOUS,
  ErrorCode,
  formatMessage,
  Messages,
  SUBGRAPH_SECRET_HEADER,
  VIEWER_ASSERTION_HEADER,
  type Logger,
} from '@mamis/platform';
import type { AssertionCache } from './assertion-cache';

/**
 * The version of the terms of use in force, asked from the consent subgraph (`termsOfUse
 * { version }`) as an anonymous viewer and cached for `cacheMs`. Concurrent callers share one
 * fetch. When consent cannot be reached the last known version is used; when none is known
 * the gate fails CLOSED (an INTERNAL error, HTTP 503) rather than letting everyone through.
 * `null`: no terms in force, nothing to accept.
 */
export function createTermsVersionSource(opts: {
  consentUrl: string;
  secret: string;
  /** The gateway's viewer assertions (assertion-cache.ts). */
  assertions: AssertionCache;
  timeoutMs: number;
  cacheMs: number;
  log: Logger;
}) {
  let known: { version: string | null; at: number } | undefined;
  let inflight: Promise<string | null> | undefined;

  const fetchVersion = async (): Promise<string | null> => {
    const res = await fetch(opts.consentUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        [SUBGRAPH_SECRET_HEADER]: opts.secret,
        [VIEWER_ASSERTION_HEADER]: await opts.assertions.assertionFor(ANONYMOUS, 'consent'),
      },
      body: JSON.stringify({ query: '{ termsOfUse { version } }' }),
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
    const body = (await res.json()) as {
      data?: { termsOfUse: { version: string } | null };
      errors?: unknown[];
    };
    if (!res.ok || body.errors?.length || !body.data) throw new Error(`consent answered HTTP ${res.status}`);
    return body.data.termsOfUse?.version ?? null;
  };

  const refresh = () => {
    inflight ??= fetchVersion()
      .then((version) => {
        known = { version, at: Date.now() };
        return version;
      })
      .finally(() => (inflight = undefined));
    return inflight;
  };

  return {
    async current(): Promise<string | null> {
      if (known && Date.now() - known.at < opts.cacheMs) return known.version;
      try {
        return await refresh();
      } catch (err) {
        if (known) {
          opts.log.warn(
            { err: (err as Error).message },
            'terms version: consent unreachable, using the last known one',
          );
          return known.version;
        }
        opts.log.error({ err: (err as Error).message }, 'terms version unknown: consent unreachable');
        throw new GraphQLError(formatMessage(Messages.TERMS_CHECK_UNAVAILABLE), {
          extensions: { code: ErrorCode.INTERNAL, http: { status: 503 } },
        });
      }
    },
    /** Warm the cache (errors ignored). */
    warm() {
      void refresh().catch(() => undefined);
    },
    /** Forget the cached version (tests; after a terms change). */
    reset() {
      known = undefined;
    },
  };
}

export type TermsVersionSource = ReturnType<typeof createTermsVersionSource>;
