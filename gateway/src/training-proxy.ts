import type { ExtraRoute } from '@mamis/platform';

const CALENDAR_PATH = /^\/calendar\/[0-9a-fA-F-]{36}\.ics$/;
/** A signed document link issued by the training subgraph (`DocumentDownload.path`). */
const DOCUMENT_PATH = /^\/documents\/[A-Za-z0-9_-]{10,4000}\.[A-Za-z0-9_-]{43}$/;
/** A signed invoice or receipt link issued by the membership subgraph (`DuesInvoice.invoiceDocument`). */
const DUES_DOCUMENT_PATH = /^\/dues-documents\/[A-Za-z0-9_-]{10,4000}\.[A-Za-z0-9_-]{43}$/;
const PASSED_HEADERS = ['content-type', 'content-disposition', 'cache-control', 'x-content-type-options'];

interface TrainingProxyOptions {
  trainingUrl: string;
  timeoutMs: number;
  /** Throws an HttpError (429) when the caller is over its rate limit. */
  beforeForward?: (req: Parameters<ExtraRoute['handler']>[0]) => Promise<void>;
}

/**
 * A GET route of the training service passed on through the gateway, so that frontends use one
 * origin. No token is needed (and none forwarded); only paths of the exact shape are passed on.
 */
function trainingProxy(
  prefix: string,
  shape: RegExp,
  unavailable: string,
  opts: TrainingProxyOptions,
): ExtraRoute {
  return {
    prefix,
    handler: async (req, res, url) => {
      if (!shape.test(url.pathname)) {
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
        res.end(`${unavailable}\n`);
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

/**
 * `GET /calendar/<associationId>.ics` on the gateway, passed to the training service's public
 * iCalendar feed. Public: no token needed.
 */
export const calendarProxy = (opts: TrainingProxyOptions): ExtraRoute =>
  trainingProxy('/calendar/', CALENDAR_PATH, 'Calendar unavailable', opts);

/**
 * `GET /documents/<signed link>` on the gateway: a certificate's PDF from the training service.
 * The link (from `Certificate.document` / `Attendance.certificateDocument`) is the permission:
 * signed and short-lived, checked (and the download audited) by the training service.
 */
export const documentProxy = (opts: TrainingProxyOptions): ExtraRoute =>
  trainingProxy('/documents/', DOCUMENT_PATH, 'Document service unavailable', opts);

/**
 * `GET /dues-documents/<signed link>` on the gateway: an invoice's or receipt's PDF from the
 * membership service (`trainingUrl` is then the membership service's URL). The link (from
 * `DuesInvoice.invoiceDocument` / `receiptDocument`) is the permission, checked and audited there.
 */
export const duesDocumentProxy = (opts: TrainingProxyOptions): ExtraRoute =>
  trainingProxy('/dues-documents/', DUES_DOCUMENT_PATH, 'Document service unavailable', opts);
