import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import {
  type Context,
  diag,
  DiagConsoleLogger,
  DiagLogLevel,
  type TextMapGetter,
  type TextMapPropagator,
  type TextMapSetter,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import {
  defaultResource,
  detectResources,
  envDetector,
  hostDetector,
  resourceFromAttributes,
} from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { RedactingSpanExporter } from './tracing-redaction';
import type { TracingHandle } from './tracing';

/**
 * The OpenTelemetry SDK of one process. Loaded only by tracing.ts, and only when tracing is on:
 * nothing here may be imported from anywhere else (that would load the SDK in every process).
 *
 * - spans are batched (OTEL_BSP_*) and sent over OTLP/HTTP to OTEL_EXPORTER_OTLP_ENDPOINT
 *   (`/v1/traces` appended) or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, as protobuf or JSON;
 * - every span passes RedactingSpanExporter (tracing-redaction.ts) on its way out;
 * - sampling: OTEL_TRACES_SAMPLER, default `parentbased_always_on` (the subgraphs follow the
 *   gateway's decision);
 * - context: W3C trace context only (no baggage); the gateway (`edge`) does not take it from
 *   requests (tracing.ts);
 * - http: incoming and outgoing, except health, readiness and metrics requests (probes and scrapes
 *   are not traces); outgoing only inside a trace. No header is recorded. The global `fetch`
 *   (undici) too, inside a trace: the gateway's reads of identity's revocation feed and of the
 *   terms version, identity's call to consent, join the request's trace.
 * - graphql: parse, validate, execute with the operation's source where every literal is `*`; no
 *   variables; no span per resolver (one per field costs too much on a 100-person page).
 * - pg: one span per statement (SQL text with `$n` placeholders, never the values) and per pool
 *   checkout, only inside a trace (background jobs and readiness pings make none).
 */

export interface TracingSdkOptions {
  serviceName: string;
  protocol: 'http/protobuf' | 'http/json';
  edge: boolean;
  environment: string;
  /** OTEL_LOG_LEVEL: the SDK's own diagnostics on stderr (default `error`). */
  logLevel?: string;
}

/** Requests that never start a trace: liveness, readiness and Prometheus scrapes. */
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

const untraced = (req: IncomingMessage) => UNTRACED_PATHS.has((req.url ?? '/').split('?')[0]!);

/** Injects the process's trace context into outgoing calls, and never takes one from a request. */
class EdgePropagator implements TextMapPropagator {
  private readonly w3c = new W3CTraceContextPropagator();
  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    this.w3c.inject(context, carrier, setter);
  }
  extract(context: Context, _carrier: unknown, _getter: TextMapGetter): Context {
    return context;
  }
  fields(): string[] {
    return this.w3c.fields();
  }
}

const DIAG_LEVELS: Record<string, DiagLogLevel> = {
  NONE: DiagLogLevel.NONE,
  ERROR: DiagLogLevel.ERROR,
  WARN: DiagLogLevel.WARN,
  INFO: DiagLogLevel.INFO,
  DEBUG: DiagLogLevel.DEBUG,
  VERBOSE: DiagLogLevel.VERBOSE,
  ALL: DiagLogLevel.ALL,
};

export function startTracingSdk(opts: TracingSdkOptions): TracingHandle {
  diag.setLogger(new DiagConsoleLogger(), {
    logLevel: DIAG_LEVELS[(opts.logLevel ?? '').toUpperCase()] ?? DiagLogLevel.ERROR,
  });
  const resource = defaultResource()
    .merge(
      resourceFromAttributes({
        'service.name': opts.serviceName,
        'service.namespace': 'mamis',
        'service.instance.id': randomUUID(),
        'deployment.environment.name': opts.environment,
      }),
    )
    // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES win; the host's name and architecture
    .merge(detectResources({ detectors: [envDetector, hostDetector] }));
  // the exporters read the endpoint, headers, timeout and compression from OTEL_EXPORTER_OTLP_*
  const exporter = opts.protocol === 'http/json' ? new OtlpJsonExporter() : new OtlpProtobufExporter();
  const provider = new NodeTracerProvider({
    resource,
    spanProcessors: [new BatchSpanProcessor(new RedactingSpanExporter(exporter))],
  });
  provider.register({
    propagator: opts.edge ? new EdgePropagator() : new W3CTraceContextPropagator(),
  });
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: untraced,
        requireParentforOutgoingSpans: true,
      }),
      new UndiciInstrumentation({ requireParentforSpans: true }),
      new GraphQLInstrumentation({
        allowValues: false,
        ignoreResolveSpans: true,
      }),
      new PgInstrumentation({
        requireParentSpan: true,
        enhancedDatabaseReporting: false,
        addSqlCommenterCommentToQueries: false,
      }),
    ],
  });
  return {
    serviceName: opts.serviceName,
    shutdown: () => provider.shutdown(),
  };
}
