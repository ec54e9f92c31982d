import http from 'node:http';
import https from 'node:https';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import nodeFetch from 'node-fetch';
import { GraphQLError } from 'graphql';
import {
  ANONYMOUS,
  ErrorCode,
  REQUEST_ID_HEADER,
  SUBGRAPH_SECRET_HEADER,
  UNAVAILABLE_MESSAGE,
  VIEWER_ASSERTION_HEADER,
} from '@mamis/platform';
import type { AssertionCache } from './assertion-cache';
import type { GatewayContext } from './context';
import type { GatewayMetrics } from './metrics';

type Fetcher = NonNullable<RemoteGraphQLDataSource['fetcher']>;
type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

// Keep-alive connections to the subgraphs, shared by all data sources.
const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 256 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 256 }),
};

/**
 * A fetcher bounded by a timeout: @apollo/gateway builds its own RequestInit (method, headers,
 * body) and drops anything else set on `request.http`, so the only reliable place for a timeout is
 * the fetcher itself. node-fetch (what @apollo/gateway uses by default) over keep-alive agents,
 * not the global WHATWG fetch: that one cost about half of the gateway's CPU per request (W1
 * profile: web streams, abort signals, DOMExceptions). node-fetch's `timeout` bounds the wait for
 * the response and, again, reading its body.
 */
export function fetcherWithTimeout(timeoutMs: number): Fetcher {
  return ((url: string, init: Record<string, unknown>) =>
    nodeFetch(url, {
      ...init,
      timeout: timeoutMs,
      agent: (u: URL) => (u.protocol === 'https:' ? agents.https : agents.http),
    })) as unknown as Fetcher;
}

/** node-fetch's timeouts (FetchError `request-timeout` / `body-timeout`), and an aborted fetch. */
const isTimeout = (err: unknown) => {
  const e = err as { name?: unknown; type?: unknown } | null;
  return (
    e?.name === 'TimeoutError' ||
    e?.name === 'AbortError' ||
    (typeof e?.type === 'string' && e.type.endsWith('-timeout'))
  );
};

export interface SubgraphCallOptions {
  name: string;
  url: string;
  secret: string;
  /** Signed viewer assertions, reused while fresh (assertion-cache.ts). */
  assertions: AssertionCache;
  timeoutMs: number;
  metrics?: GatewayMetrics;
}

/**
 * How the gateway calls one subgraph: the subgraph's shared secret, a viewer assertion signed for
 * that subgraph alone, the request id; bounded by a timeout; latency and errors measured.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(private readonly opts: SubgraphCallOptions) {
    super({ url: opts.url, fetcher: fetcherWithTimeout(opts.timeoutMs) });
  }

  override async willSendRequest({
    request,
    context,
  }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const headers = request.http!.headers;
    const ctx = context as Partial<GatewayContext> | undefined;
    if (ctx?.requestId) headers.set(REQUEST_ID_HEADER, ctx.requestId);
    headers.set(SUBGRAPH_SECRET_HEADER, this.opts.secret);
    headers.set(
      VIEWER_ASSERTION_HEADER,
      await this.opts.assertions.assertionFor(ctx?.viewer ?? ANONYMOUS, this.opts.name),
    );
  }

  override async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<GatewayGraphQLResponse> {
    const m = this.opts.metrics;
    const end = m?.subgraphDuration.startTimer({ subgraph: this.opts.name });
    try {
      const response = await super.process(options);
      if (response.errors?.length) m?.subgraphErrors.inc({ subgraph: this.opts.name, reason: 'graphql' });
      return response;
    } catch (err) {
      const reason = isTimeout(err)
        ? 'timeout'
        : err instanceof GraphQLError && err.extensions.subgraphStatus
          ? 'http'
          : 'network';
      m?.subgraphErrors.inc({ subgraph: this.opts.name, reason });
      if (err instanceof GraphQLError) throw err;
      // one plain GraphQLError for the executor (a DOMException's message cannot even be rewritten)
      const message =
        reason === 'timeout'
          ? `subgraph ${this.opts.name} did not answer within ${this.opts.timeoutMs} ms`
          : `subgraph ${this.opts.name} unreachable: ${String((err as { message?: unknown } | null)?.message ?? err)}`;
      // a subgraph that does not answer in time or cannot be reached is overload or an outage:
      // UNAVAILABLE (retry later) with the person-readable message; the detail stays in the
      // metrics (reason) and, for the operator, in the error's cause
      throw new GraphQLError(UNAVAILABLE_MESSAGE, {
        extensions: { code: ErrorCode.UNAVAILABLE },
        originalError: Object.assign(new GraphQLError(message), { name: 'SubgraphUnavailable' }),
      });
    } finally {
      end?.();
    }
  }

  /**
   * A non-2xx answer is the deployment's problem (a 401 here means a wrong secret or key, not a bad
   * client token): INTERNAL, without the subgraph's URL or body.
   */
  override async errorFromResponse(response: { status: number }): Promise<GraphQLError> {
    return new GraphQLError(`subgraph ${this.opts.name} answered HTTP ${response.status}`, {
      extensions: { code: ErrorCode.INTERNAL, subgraphStatus: response.status },
    });
  }
}
