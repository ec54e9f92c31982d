import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Operation names are chosen by clients: bound the label's cardinality. */
const MAX_OPERATION_NAMES = 500;

/** The gateway's Prometheus metrics (one registry per gateway instance). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'gateway_' });
  const requests = new Counter({
    name: 'gateway_graphql_requests_total',
    help: 'GraphQL requests by operation name and outcome (ok, error, rejected)',
    labelNames: ['operation', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'gateway_graphql_request_duration_seconds',
    help: 'GraphQL request latency by operation name',
    labelNames: ['operation'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const rejected = new Counter({
    name: 'gateway_http_rejected_total',
    help: 'Requests refused before GraphQL ran, by reason (invalid_token, rate_limited, auth_unavailable)',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const subgraphDuration = new Histogram({
    name: 'gateway_subgraph_fetch_duration_seconds',
    help: 'Latency of fetches from the gateway to each subgraph',
    labelNames: ['subgraph'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const subgraphErrors = new Counter({
    name: 'gateway_subgraph_fetch_errors_total',
    help: 'Failed subgraph fetches by subgraph and reason (timeout, network, http, graphql)',
    labelNames: ['subgraph', 'reason'] as const,
    registers: [registry],
  });
  const seen = new Set<string>();
  const operationLabel = (name: string | null | undefined): string => {
    if (!name) return '(anonymous)';
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,99}$/.test(name)) return '(other)';
    if (seen.has(name)) return name;
    if (seen.size >= MAX_OPERATION_NAMES) return '(other)';
    seen.add(name);
    return name;
  };
  return { registry, requests, duration, rejected, subgraphDuration, subgraphErrors, operationLabel };
}

export type GatewayMetrics = ReturnType<typeof createMetrics>;
