import { startTracing } from '@mamis/platform/src/tracing';

/**
 * Imported first by index.ts: OpenTelemetry traces when OTEL_EXPORTER_OTLP_ENDPOINT is set
 * (platform tracing.ts), registered before http, graphql and pg are loaded. Nothing otherwise.
 */
startTracing('membership');
