import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { applyCors, type CorsPolicy } from './cors';
import { httpOutcome, type ServiceMetrics } from './metrics';
import { formatMessage, isMessageText, type MessageText } from './messages/message';
import { REQUEST_ID_HEADER, requestIdFrom, type Logger } from './logger';
import { requestScope, type RequestScope } from './request-scope';

/**
 * Thrown by `authenticate` (or a route) to answer with a plain HTTP error before GraphQL runs:
 * the body is `{"errors":[{"message","extensions":{"code"}}]}` and nothing else — no data.
 */
export class HttpError extends Error {
  /** The catalogue reason code (`extensions.details.reason`) when made from a catalogue entry. */
  readonly reason?: string;
  constructor(
    readonly status: number,
    readonly code: string,
    message: string | MessageText,
    readonly headers: Record<string, string> = {},
  ) {
    super(isMessageText(message) ? formatMessage(message) : message);
    if (isMessageText(message)) this.reason = message.reason;
    this.name = 'HttpError';
  }
}

export interface GraphQLHttpOptions<C extends BaseContext, A = undefined> {
  apollo: ApolloServer<C>;
  /**
   * Runs first on every GraphQL request (GET and POST, before the body is read): returns what the
   * context needs (e.g. the viewer) or throws an `HttpError` (401, 429, …) so that the request
   * gets that status and no data.
   */
  authenticate?: (req: http.IncomingMessage, requestId: string) => Promise<A>;
  /** Build the per-request context (fresh loaders every time). */
  context: (req: http.IncomingMessage, requestId: string, auth: A) => Promise<C>;
  /** Extra plain routes by exact path (e.g. `/metrics`). */
  routes?: Record<string, (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>>;
  /**
   * Extra PUBLIC GET (and HEAD) routes by path prefix (e.g. `/calendar/`): answered before and
   * without `authenticate`, so they must serve no personal data. Other methods get 405.
   */
  extraRoutes?: ExtraRoute[];
  /** Readiness: resolve when dependencies (database, …) answer. */
  ready: () => Promise<void>;
  log: Logger;
  bodyLimitBytes: number;
  path?: string;
  /** Cross-origin access for browser applications (every path; preflights answered here). */
  cors?: CorsPolicy;
  /** Records every GraphQL request (operation, outcome, duration). */
  metrics?: Pick<ServiceMetrics, 'observeRequest'>;
}

/** A public GET route matched by path prefix; the handler gets the parsed URL. */
export interface ExtraRoute {
  prefix: string;
  handler: (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => Promise<void>;
}

export interface ListeningServer {
  httpServer: http.Server;
  url: string;
  port: number;
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // stop keeping it; the 413 goes out with `connection: close` and the socket is closed then
        req.off('data', onData);
        chunks.length = 0;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const json = (
  res: http.ServerResponse,
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...extra });
  res.end(JSON.stringify(body));
};

const httpError = (res: http.ServerResponse, err: HttpError) => {
  const extensions = { code: err.code, ...(err.reason ? { details: { reason: err.reason } } : {}) };
  json(res, err.status, { errors: [{ message: err.message, extensions }] }, err.headers);
};

/**
 * A plain node:http front for an ApolloServer: `/graphql`, `/healthz`, `/readyz`, a body size
 * limit, a request id on every request (taken from `x-request-id` or made) and a per-request scope
 * that counts SQL statements.
 */
export function createGraphQLHttpServer<C extends BaseContext, A = undefined>(
  opts: GraphQLHttpOptions<C, A>,
): http.Server {
  const path = opts.path ?? '/graphql';
  return http.createServer((req, res) => {
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const scope: RequestScope = { requestId, sqlStatements: 0 };
    const started = process.hrtime.bigint();
    if (opts.metrics && url.pathname === path)
      res.once('close', () =>
        opts.metrics!.observeRequest(
          scope.operation,
          scope.outcome ?? httpOutcome(res.statusCode),
          Number(process.hrtime.bigint() - started) / 1e9,
        ),
      );
    requestScope.run(scope, () => {
      void handle(url, req, res, requestId).catch((err: unknown) => {
        if (err instanceof HttpError) {
          scope.outcome = err.code;
          if (!res.headersSent) return httpError(res, err);
          return res.end();
        }
        scope.outcome = 'INTERNAL';
        opts.log.error({ err, requestId }, 'unhandled request error');
        if (!res.headersSent)
          json(res, 500, {
            errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL' } }],
          });
        else res.end();
      });
    });
  });

  async function handle(url: URL, req: http.IncomingMessage, res: http.ServerResponse, requestId: string) {
    if (opts.cors && applyCors(opts.cors, req, res)) return;
    if (url.pathname === '/healthz') return json(res, 200, { status: 'ok' });
    if (url.pathname === '/readyz') {
      try {
        await opts.ready();
        return json(res, 200, { status: 'ready' });
      } catch (err) {
        opts.log.warn({ err: (err as Error).message }, 'not ready');
        return json(res, 503, { status: 'unavailable' });
      }
    }
    const route = opts.routes?.[url.pathname];
    if (route) return route(req, res);
    const extra = opts.extraRoutes?.find((r) => url.pathname.startsWith(r.prefix));
    if (extra) {
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return json(res, 405, { errors: [{ message: 'Method not allowed' }] }, { allow: 'GET, HEAD' });
      return extra.handler(req, res, url);
    }
    if (url.pathname !== path) return json(res, 404, { error: 'not found' });
    if (req.method !== 'GET' && req.method !== 'POST') {
      return json(res, 405, { errors: [{ message: 'Method not allowed' }] }, { allow: 'GET, POST' });
    }
    const auth = opts.authenticate ? await opts.authenticate(req, requestId) : (undefined as A);
    let raw = '';
    try {
      raw = req.method === 'POST' ? await readBody(req, opts.bodyLimitBytes) : '';
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        // answer first (the client may still be sending), then drop the connection and the rest
        res.once('close', () => setTimeout(() => req.socket.destroy(), 1_000).unref());
        req.resume();
        return json(
          res,
          413,
          { errors: [{ message: 'Request body too large', extensions: { code: 'BAD_USER_INPUT' } }] },
          { connection: 'close' },
        );
      }
      throw err;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown = raw;
    if (raw && (headers.get('content-type') ?? '').includes('json')) {
      try {
        body = JSON.parse(raw);
      } catch {
        return json(res, 400, {
          errors: [{ message: 'Malformed JSON body', extensions: { code: 'BAD_REQUEST' } }],
        });
      }
    }
    const result = await opts.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method, headers, search: url.search, body },
      context: () => opts.context(req, requestId, auth),
    });
    for (const [key, value] of result.headers) res.setHeader(key, value);
    const scope = requestScope.getStore();
    if (scope) res.setHeader('x-sql-statements', String(scope.sqlStatements));
    res.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      res.end(result.body.string);
    } else {
      for await (const chunk of result.body.asyncIterator) res.write(chunk);
      res.end();
    }
  }
}

export async function listen(server: http.Server, port: number, host: string): Promise<ListeningServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    httpServer: server,
    port: address.port,
    url: `http://${shownHost === '0.0.0.0' ? '127.0.0.1' : shownHost}:${address.port}/graphql`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
