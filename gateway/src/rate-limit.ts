import Redis from 'ioredis';
import type { Logger } from '@mamis/platform';

export interface RateDecision {
  allowed: boolean;
  /** Requests counted in the current window, this one included. */
  count: number;
  limit: number;
  /** Milliseconds until the window ends. */
  resetMs: number;
}

export interface RateLimiter {
  /** Count one request for `key` against `limit` per window. */
  hit(key: string, limit: number): Promise<RateDecision>;
  /** Resolves when counting is shared (Redis connected), or after `timeoutMs` at the latest. */
  ready(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Fixed windows aligned on the clock (`floor(now / window)`), so that several replicas sharing
 * Redis count into the same window without coordinating.
 */
const windowOf = (windowMs: number, now = Date.now()) => {
  const index = Math.floor(now / windowMs);
  return { index, resetMs: (index + 1) * windowMs - now };
};

/** One instance: counters in memory, swept as windows pass. */
export function createMemoryRateLimiter(windowMs: number): RateLimiter {
  let current = -1;
  let counts = new Map<string, number>();
  return {
    async hit(key, limit) {
      const w = windowOf(windowMs);
      if (w.index !== current) {
        current = w.index;
        counts = new Map();
      }
      const count = (counts.get(key) ?? 0) + 1;
      counts.set(key, count);
      return { allowed: count <= limit, count, limit, resetMs: w.resetMs };
    },
    async ready() {},
    async close() {
      counts.clear();
    },
  };
}

const INCR_WITH_EXPIRY = `
local c = redis.call('INCR', KEYS[1])
if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return c`;

/**
 * Several replicas: one counter per (viewer, window) in Redis (INCR + PEXPIRE in one script).
 * When Redis does not answer quickly, the request is counted in memory instead (this instance's
 * own share of the limit) and a warning is logged: the gateway keeps working without Redis.
 */
export function createRedisRateLimiter(opts: {
  url: string;
  prefix: string;
  windowMs: number;
  log: Logger;
}): RateLimiter {
  const redis = new Redis(opts.url, {
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 1_000,
    commandTimeout: 500,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
  let warned = 0;
  redis.on('error', (err: Error) => {
    if (Date.now() - warned > 30_000) {
      warned = Date.now();
      opts.log.warn({ err: err.message }, 'rate limit: Redis unavailable, counting in memory');
    }
  });
  const fallback = createMemoryRateLimiter(opts.windowMs);
  const connected = new Promise<void>((resolve) => {
    if (redis.status === 'ready') resolve();
    else redis.once('ready', () => resolve());
  });
  return {
    // a replica that has just started would otherwise count its first requests in memory, its own
    // share only, until the connection is up (seen under load: one request too many let through)
    async ready(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        connected,
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, timeoutMs);
        }),
      ]);
      clearTimeout(timer);
    },
    async hit(key, limit) {
      const w = windowOf(opts.windowMs);
      try {
        const count = Number(
          await redis.eval(
            INCR_WITH_EXPIRY,
            1,
            `${opts.prefix}${key}:${w.index}`,
            String(opts.windowMs + 1_000),
          ),
        );
        return { allowed: count <= limit, count, limit, resetMs: w.resetMs };
      } catch (err) {
        if (Date.now() - warned > 30_000) {
          warned = Date.now();
          opts.log.warn(
            { err: (err as Error).message },
            'rate limit: Redis command failed, counting in memory',
          );
        }
        return fallback.hit(key, limit);
      }
    },
    async close() {
      // no reconnection after this, whatever state the client is in (connecting, waiting to retry)
      redis.options.retryStrategy = () => null;
      redis.disconnect();
      await fallback.close();
    },
  };
}
