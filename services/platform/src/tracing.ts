import { z } from 'zod';
import type * as TracingSdk from './tracing-sdk';

/**
 * OpenTelemetry traces, off unless `OTEL_EXPORTER_OTLP_ENDPOINT` (or `…_TRACES_ENDPOINT`) is set.
 *
 * Each service's `src/tracing.ts` calls `startTracing(<name>)` and its `src/index.ts` imports that
 * file FIRST: the instrumentations (http, graphql, pg) patch those modules when they are loaded, so
 * they must be registered before anything else loads. When the variable is not set nothing of the
 * SDK is loaded at all (tracing-sdk.ts is only `require`d here, behind the check): no span, no
 * exporter, no cost. `OTEL_SDK_DISABLED=true` turns it off as well.
 *
 * One trace follows a request through the federation: the gateway's HTTP server span, its
 * @apollo/gateway spans (`gateway.request`, `gateway.plan`, `gateway.fetch`, …) and the HTTP call
 * to each subgraph (W3C `traceparent`, injected by the http instrumentation into the gateway's
 * node-fetch calls), then in the subgraph its HTTP server span, `graphql.parse/validate/execute`
 * and each SQL statement (`pg.query`, with `pg-pool.connect`). What a span carries is in
 * tracing-sdk.ts and tracing-redaction.ts: no personal data, no parameter values.
 *
 * The standard variables apply (the exporters and the SDK read them): OTEL_SERVICE_NAME (default
 * `mamis-<service>`), OTEL_RESOURCE_ATTRIBUTES, OTEL_EXPORTER_OTLP_PROTOCOL (`http/protobuf`, the
 * default, or `http/json`), OTEL_EXPORTER_OTLP_HEADERS, OTEL_EXPORTER_OTLP_TIMEOUT,
 * OTEL_EXPORTER_OTLP_COMPRESSION, OTEL_TRACES_SAMPLER (+ `_ARG`), OTEL_BSP_* (batching),
 * OTEL_LOG_LEVEL (the SDK's own messages on stderr; default `error`).
 */

const otlpUrl = z
  .string()
  .url()
  .regex(/^https?:\/\//, 'must be an http:// or https:// URL (OTLP over HTTP)')
  .optional();
const otlpProtocol = z
  .enum(['http/protobuf', 'http/json'], {
    message: 'must be http/protobuf or http/json (OTLP over gRPC is not supported)',
  })
  .optional();

/**
 * The tracing variables every service validates with the rest of its configuration (config.ts,
 * the gateway's and identity's config), so a typo is reported with every other problem. An empty
 * value counts as unset.
 */
export const tracingEnv = {
  OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess(emptyAsUnset, otlpUrl),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.preprocess(emptyAsUnset, otlpUrl),
  OTEL_EXPORTER_OTLP_PROTOCOL: z.preprocess(emptyAsUnset, otlpProtocol),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: z.preprocess(emptyAsUnset, otlpProtocol),
  OTEL_SERVICE_NAME: z.preprocess(emptyAsUnset, z.string().min(1).optional()),
  OTEL_SDK_DISABLED: z.preprocess(emptyAsUnset, z.enum(['true', 'false']).optional()),
};

function emptyAsUnset(value: unknown) {
  return value === '' ? undefined : value;
}

const tracingSettings = z.object(tracingEnv);
export type TracingSettings = z.infer<typeof tracingSettings>;

/** Where spans go (undefined: tracing is off). */
export function tracesEndpointOf(settings: TracingSettings): string | undefined {
  if (settings.OTEL_SDK_DISABLED === 'true') return undefined;
  return settings.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? settings.OTEL_EXPORTER_OTLP_ENDPOINT;
}

export interface TracingOptions {
  /**
   * The gateway: the edge of the federation. It starts a new trace for every request and ignores
   * a client's `traceparent` (a client could otherwise force sampling, or write into other
   * traces); it still propagates its own context to the subgraphs.
   */
  edge?: boolean;
}

/** What the SDK module gives back (tracing-sdk.ts). */
export interface TracingHandle {
  serviceName: string;
  /** Flush the spans not yet exported and stop. */
  shutdown(): Promise<void>;
}

let started: TracingHandle | undefined;

/**
 * Start tracing for this process when OTEL_EXPORTER_OTLP_ENDPOINT is set (see above); call it
 * before anything else is loaded. Invalid tracing variables start nothing here: the service's
 * configuration then reports them, with its other problems, and the service does not start.
 * Returns whether tracing runs.
 */
export function startTracing(
  service: string,
  options: TracingOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (started) return true;
  const parsed = tracingSettings.safeParse(env);
  if (!parsed.success) return false;
  const endpoint = tracesEndpointOf(parsed.data);
  if (!endpoint) return false;
  // Loaded only now, synchronously (the instrumentations must be in place before the service's
  // modules load): without the variable none of the SDK is ever loaded.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('./tracing-sdk') as typeof TracingSdk;
  started = sdk.startTracingSdk({
    serviceName: parsed.data.OTEL_SERVICE_NAME ?? `mamis-${service}`,
    protocol:
      parsed.data.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ??
      parsed.data.OTEL_EXPORTER_OTLP_PROTOCOL ??
      'http/protobuf',
    edge: options.edge ?? false,
    environment: env.NODE_ENV ?? 'development',
    logLevel: env.OTEL_LOG_LEVEL,
  });
  return true;
}

/** Whether this process exports traces. */
export const tracingStarted = (): boolean => started !== undefined;

/** Export what is left and stop (runService calls it before the process exits). No-op when off. */
export async function shutdownTracing(): Promise<void> {
  const handle = started;
  started = undefined;
  await handle?.shutdown();
}
