import type http from 'node:http';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { DataSource, EntitySubscriberInterface } from 'typeorm';
import { currentRequestScope } from './request-scope';
import { sameSecret } from './revocation-feed';

/**
 * Prometheus metrics of a service (`/metrics`, text format): one registry per service instance
 * (tests run several services in one process), every series labelled `service="<name>"`.
 *
 * - the default process metrics of prom-client (CPU seconds, memory, event-loop lag, GC, …);
 * - `mamis_request_duration_seconds{operation,outcome}`: requests by operation (the GraphQL
 *   operation name of a subgraph call, a route of the identity service) and outcome (`ok` or the
 *   error code);
 * - `mamis_sql_statements_total{outcome}` and `mamis_sql_statement_duration_seconds`: every
 *   statement a DataSource sends (no SQL text in any label).
 */
export const METRICS_PATH = '/metrics';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const SQL_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
/** Operation names come from callers: the label's cardinality is bounded. */
const MAX_OPERATION_NAMES = 500;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,119}$/;
/** An outcome is `ok` or an error code (`FORBIDDEN`, `BAD_USER_INPUT`, `HTTP_413`, …). */
const ERROR_CODE = /^[A-Z][A-Z0-9_]{0,39}$/;

export interface ServiceMetrics {
  service: string;
  registry: Registry;
  /** Record one request: its operation (bounded label), outcome and duration. */
  observeRequest(operation: string | null | undefined, outcome: string, seconds: number): void;
  /** Count and time every statement `dataSource` sends (call after `initialize()`). */
  observeSql(dataSource: DataSource): void;
}

/** The metrics of one service (`membership`, `identity`, …). */
export function createServiceMetrics(service: string): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const requestDuration = new Histogram({
    name: 'mamis_request_duration_seconds',
    help: 'Requests by operation and outcome (ok, or the error code), with their latency',
    labelNames: ['operation', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const sqlStatements = new Counter({
    name: 'mamis_sql_statements_total',
    help: 'SQL statements sent to PostgreSQL, by outcome (ok, error)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const sqlDuration = new Histogram({
    name: 'mamis_sql_statement_duration_seconds',
    help: 'Latency of SQL statements (as the ORM measures it, network included)',
    buckets: SQL_BUCKETS,
    registers: [registry],
  });
  const seen = new Set<string>();
  const operationLabel = (name: string | null | undefined): string => {
    if (!name) return '(anonymous)';
    if (!OPERATION_NAME.test(name)) return '(other)';
    if (seen.has(name)) return name;
    if (seen.size >= MAX_OPERATION_NAMES) return '(other)';
    seen.add(name);
    return name;
  };
  const sqlSubscriber: EntitySubscriberInterface = {
    afterQuery(event) {
      sqlStatements.inc({ outcome: event.success ? 'ok' : 'error' });
      if (typeof event.executionTime === 'number') sqlDuration.observe(event.executionTime / 1000);
    },
  };
  return {
    service,
    registry,
    observeRequest(operation, outcome, seconds) {
      requestDuration.observe(
        { operation: operationLabel(operation), outcome: outcomeLabel(outcome) },
        seconds,
      );
    },
    observeSql(dataSource) {
      // TypeORM fills `subscribers` when it initializes; afterQuery sees every statement it sends
      if (!dataSource.subscribers.includes(sqlSubscriber)) dataSource.subscribers.push(sqlSubscriber);
    },
  };
}

/** `ok`, an error code as it is, anything else `error`. */
export const outcomeLabel = (outcome: string): string =>
  outcome === 'ok' || ERROR_CODE.test(outcome) ? outcome : 'error';

/** The outcome of an HTTP answer that carried no GraphQL error code: `ok` below 400, else `HTTP_<status>`. */
export const httpOutcome = (status: number): string => (status < 400 ? 'ok' : `HTTP_${status}`);

/**
 * Tells the HTTP layer (http.ts, through the request scope) the operation name and outcome of a
 * GraphQL request: `ok`, or the code of its first error.
 */
export function requestOutcomePlugin<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operationName, response, errors }) {
          const scope = currentRequestScope();
          if (!scope) return;
          scope.operation = operationName ?? undefined;
          const all =
            errors ?? (response.body.kind === 'single' ? response.body.singleResult.errors : undefined);
          const code = all?.[0]?.extensions?.code;
          scope.outcome = all?.length ? (typeof code === 'string' ? code : 'error') : 'ok';
        },
      };
    },
  };
}

/**
 * `/metrics` in the Prometheus text format. With a token (required in production, see
 * `metricsTokenProblems`) only its bearer reads it (`Authorization: Bearer <token>`); others get 401.
 */
export function metricsRoute(
  registry: Registry,
  token: string | undefined,
): (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> {
  return async (req, res) => {
    const presented = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (token && !sameSecret(presented, token)) {
      res.writeHead(401, {
        'content-type': 'text/plain; charset=utf-8',
        'www-authenticate': 'Bearer realm="metrics"',
      });
      res.end('認証が必要です (METRICS_TOKEN) / Unauthorized: a bearer token is required\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      res.end('Method not allowed\n');
      return;
    }
    const body = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

/** The production checks of METRICS_TOKEN (each service's `/metrics`). */
export function metricsTokenProblems(config: { NODE_ENV: string; METRICS_TOKEN?: string }): string[] {
  if (config.NODE_ENV !== 'production') return [];
  if (!config.METRICS_TOKEN) return ['METRICS_TOKEN: required in production (the bearer token of /metrics)'];
  if (/^(dev-only-|REPLACE_ME)/.test(config.METRICS_TOKEN))
    return ['METRICS_TOKEN: a placeholder secret is refused in production'];
  return [];
}
