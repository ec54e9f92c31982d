import type { JWTPayload } from 'jose';
import {
  ErrorCode,
  HttpError,
  Messages,
  REVOCATION_FEED_SECRET_HEADER,
  revocationKeysOf,
  type Logger,
  type RevocationFeedEntry,
} from '@mamis/platform';
import { fetcherWithTimeout } from './subgraph-data-source';

export interface RevocationCheck {
  /** True when the token's subject, actor, person or client was revoked at or after its `iat`. */
  refused(payload: JWTPayload): Promise<boolean>;
}

/**
 * Revocations (an assistant revoked, an account suspended or ended, a client disabled) hold from
 * the next request on, on every replica: the gateway reads the identity service's
 * revocation feed (PostgreSQL behind it, the one state every replica shares) for every request
 * instead of trusting a token until its `exp`. The feed is small (the revocations of the last
 * 15 minutes). Requests arriving together share one read, but a request only ever uses a read
 * that STARTED after it arrived, so an answer of the revoke call is always seen.
 * Fail closed: when the feed does not answer, requests with a token get 503.
 */
export function createRevocationFeedCheck(opts: {
  url: string;
  secret: string;
  timeoutMs: number;
  log: Logger;
}): RevocationCheck {
  let running: Promise<Map<string, number>> | null = null;
  let queued: Promise<Map<string, number>> | null = null;

  // node-fetch over the keep-alive agents the subgraph calls use: the global WHATWG fetch cost ~6%
  // of the gateway's CPU in W1's profile for this one small read per request
  const fetchFeed = fetcherWithTimeout(opts.timeoutMs);
  const read = async (): Promise<Map<string, number>> => {
    const res = await fetchFeed(opts.url, {
      headers: { accept: 'application/json', [REVOCATION_FEED_SECRET_HEADER]: opts.secret },
    });
    if (!res.ok) throw new Error(`revocation feed ${opts.url}: HTTP ${res.status}`);
    const body = (await res.json()) as { entries?: RevocationFeedEntry[] };
    if (!Array.isArray(body.entries)) throw new Error('revocation feed: no entries');
    const map = new Map<string, number>();
    for (const e of body.entries) {
      if (typeof e.key === 'string' && typeof e.notBefore === 'number')
        map.set(e.key, Math.max(e.notBefore, map.get(e.key) ?? -Infinity));
    }
    return map;
  };
  const start = () => {
    const p: Promise<Map<string, number>> = read().finally(() => {
      if (running === p) running = null;
    });
    running = p;
    return p;
  };
  /** A read that starts now, or the next one queued behind the read in flight. */
  const fresh = (): Promise<Map<string, number>> => {
    if (!running) return start();
    queued ??= running
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        queued = null;
        return start();
      });
    return queued;
  };

  let warned = 0;
  return {
    async refused(payload) {
      let revoked: Map<string, number>;
      try {
        revoked = await fresh();
      } catch (err) {
        if (Date.now() - warned > 10_000) {
          warned = Date.now();
          opts.log.error({ err: (err as Error).message }, 'revocation feed unavailable: refusing tokens');
        }
        throw new HttpError(503, ErrorCode.INTERNAL, Messages.AUTHENTICATION_UNAVAILABLE, {
          'retry-after': '5',
        });
      }
      if (revoked.size === 0) return false;
      const iat = typeof payload.iat === 'number' ? payload.iat : Number.NEGATIVE_INFINITY;
      return revocationKeysOf(payload).some((k) => {
        const notBefore = revoked.get(k);
        return notBefore !== undefined && iat <= notBefore;
      });
    },
  };
}
