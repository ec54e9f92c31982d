import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { ConfigError, loadConfig, serviceEnv } from '../src/config';
import { startTracing, tracesEndpointOf, tracingEnv, tracingStarted } from '../src/tracing';
import { z } from 'zod';

const run = promisify(execFile);
const repoRoot = path.resolve(__dirname, '../../..');

/**
 * What a service process does at its first line (src/tracing.ts), in a child Node process as the
 * services run: then which OpenTelemetry modules are loaded and whether http, graphql and pg are
 * patched.
 */
async function probe(env: Record<string, string>) {
  const script = `
    const on = require('./services/platform/src/tracing').startTracing('probe');
    const pg = require('pg');
    const http = require('node:http');
    const graphql = require('graphql');
    const otel = Object.keys(require.cache).filter((k) => k.includes('@opentelemetry'));
    process.stdout.write(JSON.stringify({
      on,
      sdkLoaded: otel.some((k) => k.includes('sdk-trace')),
      exporterLoaded: otel.some((k) => k.includes('exporter-trace-otlp')),
      patched: {
        pg: Boolean(pg.Client.prototype.query.__wrapped),
        http: Boolean(http.Server.prototype.emit.__wrapped),
        graphql: Boolean(graphql.execute.__wrapped),
      },
    }));
    process.exit(0);
  `;
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '-e', script], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    timeout: 60_000,
  });
  return JSON.parse(stdout) as {
    on: boolean;
    sdkLoaded: boolean;
    exporterLoaded: boolean;
    patched: Record<string, boolean>;
  };
}

describe('tracing: off unless OTEL_EXPORTER_OTLP_ENDPOINT is set', () => {
  const off = {
    on: false,
    sdkLoaded: false,
    exporterLoaded: false,
    patched: { pg: false, http: false, graphql: false },
  };

  it('without the variable: no SDK, no exporter, nothing patched', async () => {
    expect(await probe({})).toEqual(off);
  }, 60_000);

  it('with the variable: the SDK and the exporter run, http, graphql and pg are instrumented', async () => {
    // nothing listens there: the probe exits before its first export
    expect(await probe({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' })).toEqual({
      on: true,
      sdkLoaded: true,
      exporterLoaded: true,
      patched: { pg: true, http: true, graphql: true },
    });
  }, 60_000);

  it('unset, empty, OTEL_SDK_DISABLED=true or an invalid setting: startTracing starts nothing', () => {
    const endpoint = 'http://127.0.0.1:4318';
    for (const env of [
      {},
      { OTEL_EXPORTER_OTLP_ENDPOINT: '' },
      { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SDK_DISABLED: 'true' },
      // the service's configuration reports these (below)
      { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' },
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' },
    ])
      expect({ env, started: startTracing('unit', {}, env) }).toEqual({ env, started: false });
    expect(tracingStarted()).toBe(false);
  });
});

describe('tracing variables in the configuration', () => {
  const settings = z.object(tracingEnv);

  it('the traces endpoint wins over the general one; OTEL_SDK_DISABLED turns both off', () => {
    expect(tracesEndpointOf(settings.parse({}))).toBeUndefined();
    expect(tracesEndpointOf(settings.parse({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' }))).toBe(
      'http://c:4318',
    );
    expect(
      tracesEndpointOf(
        settings.parse({
          OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318',
          OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://t:4318/v1/traces',
        }),
      ),
    ).toBe('http://t:4318/v1/traces');
    expect(
      tracesEndpointOf(
        settings.parse({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SDK_DISABLED: 'true' }),
      ),
    ).toBeUndefined();
  });

  it('a service reports a wrong endpoint or protocol with its other problems', () => {
    const env = {
      DATABASE_URL: 'postgres://u@h/db',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4317',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      DB_POOL_SIZE: '0',
    };
    let error: unknown;
    try {
      loadConfig(serviceEnv(4001), env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/OTEL_EXPORTER_OTLP_ENDPOINT: /);
    expect(problems).toMatch(/OTEL_EXPORTER_OTLP_PROTOCOL: must be http\/protobuf or http\/json/);
    expect(problems).toMatch(/DB_POOL_SIZE: /);
  });

  it('accepts the standard values', () => {
    const config = loadConfig(serviceEnv(4001), {
      DATABASE_URL: 'postgres://u@h/db',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'https://collector.example.jp:4318',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_SERVICE_NAME: 'mamis-membership-canary',
    });
    expect(config.OTEL_EXPORTER_OTLP_ENDPOINT).toBe('https://collector.example.jp:4318');
  });
});
