import type { ExtraRoute } from '@mamis/platform';

const PATH = /^\/calendar\/[0-9a-fA-F-]{36}\.ics$/;
const PASSED_HEADERS = ['content-type', 'content-disposition', 'cache-control'];

/**
 * `GET /calendar/<associationId>.ics` on the gateway, passed to the training service's public
 * iCalendar feed, so that frontends and calendar apps use one origin. Public: no token needed
 * (and none forwarded); only this exact path shape is passed on.
 */
export function calendarProxy(opts: {
  trainingUrl: string;
  timeoutMs: number;
  /** Throws an HttpError (429) when the caller is over its rate limit. */
  beforeForward?: (req: Parameters<ExtraRoute['handler']>[0]) => Promise<void>;
}): ExtraRoute {
  return {
    prefix: '/calendar/',
    handler: async (req, res, url) => {
      if (!PATH.test(url.pathname)) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Not found\n');
        return;
      }
      await opts.beforeForward?.(req);
      const target = new URL(url.pathname, opts.trainingUrl);
      let upstream: Response;
      try {
        upstream = await fetch(target, {
          method: req.method === 'HEAD' ? 'HEAD' : 'GET',
          signal: AbortSignal.timeout(opts.timeoutMs),
        });
      } catch {
        res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Calendar unavailable\n');
        return;
      }
      const headers: Record<string, string> = {};
      for (const h of PASSED_HEADERS) {
        const v = upstream.headers.get(h);
        if (v) headers[h] = v;
      }
      const body = Buffer.from(await upstream.arrayBuffer());
      res.writeHead(upstream.status, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    },
  };
}
