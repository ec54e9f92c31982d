import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource, QueryEvent } from 'typeorm';
import {
  createServiceMetrics,
  httpOutcome,
  metricsRoute,
  metricsTokenProblems,
  outcomeLabel,
} from '../src/metrics';

/** The value of the sample `name` with exactly these labels (in any order), or undefined. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const want = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .sort()
    .join(',');
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)\{(.*)\} (\S+)$/.exec(line);
    if (m?.[1] === name && m[2]!.split(',').sort().join(',') === want) return Number(m[3]);
  }
  return undefined;
}

describe('service metrics (platform metrics.ts)', () => {
  it('requires a real METRICS_TOKEN in production only', () => {
    expect(metricsTokenProblems({ NODE_ENV: 'development' })).toEqual([]);
    expect(metricsTokenProblems({ NODE_ENV: 'test' })).toEqual([]);
    expect(metricsTokenProblems({ NODE_ENV: 'production' })).toEqual([
      'METRICS_TOKEN: required in production (the bearer token of /metrics)',
    ]);
    expect(
      metricsTokenProblems({ NODE_ENV: 'production', METRICS_TOKEN: 'REPLACE_ME-metrics-token-0123456789' }),
    ).toEqual(['METRICS_TOKEN: a placeholder secret is refused in production']);
    expect(metricsTokenProblems({ NODE_ENV: 'production', METRICS_TOKEN: 'm'.repeat(40) })).toEqual([]);
  });

  it('labels outcomes with error codes only, and HTTP failures by status', () => {
    expect(outcomeLabel('ok')).toBe('ok');
    expect(outcomeLabel('FORBIDDEN')).toBe('FORBIDDEN');
    expect(outcomeLabel('some free text')).toBe('error');
    expect(httpOutcome(200)).toBe('ok');
    expect(httpOutcome(302)).toBe('ok');
    expect(httpOutcome(413)).toBe('HTTP_413');
  });

  it('keeps operation labels bounded and every series labelled with the service', async () => {
    const m = createServiceMetrics('membership');
    m.observeRequest('MembersQuery__membership__0', 'ok', 0.01);
    m.observeRequest(undefined, 'UNAUTHENTICATED', 0.001);
    m.observeRequest('{ not a name }', 'ok', 0.001);
    for (let i = 0; i < 600; i++) m.observeRequest(`Op${i}`, 'ok', 0.001);
    const text = await m.registry.metrics();
    const count = (operation: string, outcome: string) =>
      sample(text, 'mamis_request_duration_seconds_count', { service: 'membership', operation, outcome });
    expect(count('MembersQuery__membership__0', 'ok')).toBe(1);
    expect(count('(anonymous)', 'UNAUTHENTICATED')).toBe(1);
    // the malformed name and the names beyond the 500th
    expect(count('(other)', 'ok')).toBe(102);
    expect(count('Op600', 'ok')).toBeUndefined();
    expect(text).toMatch(/process_cpu_seconds_total\{service="membership"\}/);
    expect(text).toMatch(/nodejs_eventloop_lag_seconds\{service="membership"\}/);
  });

  it('counts and times the statements of a DataSource, without their text', async () => {
    const m = createServiceMetrics('consent');
    const ds = { subscribers: [] as { afterQuery?: (e: Partial<QueryEvent<unknown>>) => void }[] };
    m.observeSql(ds as unknown as DataSource);
    m.observeSql(ds as unknown as DataSource); // once only
    expect(ds.subscribers).toHaveLength(1);
    const after = ds.subscribers[0]!.afterQuery!;
    after({ query: 'SELECT secret FROM x', success: true, executionTime: 3 } as never);
    after({ query: 'SELECT 1', success: true, executionTime: 12 } as never);
    after({ query: 'SELEC', success: false } as never);
    const text = await m.registry.metrics();
    const service = 'consent';
    expect(sample(text, 'mamis_sql_statements_total', { service, outcome: 'ok' })).toBe(2);
    expect(sample(text, 'mamis_sql_statements_total', { service, outcome: 'error' })).toBe(1);
    expect(sample(text, 'mamis_sql_statement_duration_seconds_count', { service })).toBe(2);
    expect(sample(text, 'mamis_sql_statement_duration_seconds_sum', { service })).toBeCloseTo(0.015);
    expect(text).not.toMatch(/SELECT/);
  });

  it('serves the registry only to the bearer of the token', async () => {
    const m = createServiceMetrics('training');
    const server = http.createServer((req, res) => void metricsRoute(m.registry, 't'.repeat(40))(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
    try {
      const open = await fetch(url);
      expect(open.status).toBe(401);
      expect(open.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
      const right = await fetch(url, { headers: { authorization: `Bearer ${'t'.repeat(40)}` } });
      expect(right.status).toBe(200);
      expect(await right.text()).toMatch(/process_cpu_seconds_total\{service="training"\}/);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
