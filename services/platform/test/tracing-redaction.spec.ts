import { SpanKind, SpanStatusCode, type SpanContext } from '@opentelemetry/api';
import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import {
  isRequestSpan,
  maskSqlLiterals,
  RedactingSpanExporter,
  redactSpan,
  redactSpanAttributes,
  withoutQuery,
} from '../src/tracing-redaction';
import { viewerSettingsSql } from '../src/rls';
import type { Viewer } from '../src/viewer';

const context: SpanContext = { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: 1 };

function span(overrides: Partial<ReadableSpan>): ReadableSpan {
  return {
    name: 'span',
    kind: SpanKind.INTERNAL,
    spanContext: () => context,
    parentSpanContext: { ...context, spanId: 'c'.repeat(16) },
    startTime: [0, 0],
    endTime: [0, 1],
    status: { code: SpanStatusCode.UNSET },
    attributes: {},
    links: [],
    events: [],
    duration: [0, 1],
    ended: true,
    resource: {} as ReadableSpan['resource'],
    instrumentationScope: { name: 'test' },
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
    ...overrides,
  };
}

describe('SQL text: literals masked, placeholders kept', () => {
  it("the row-security settings lose the viewer's ids", () => {
    const viewer: Viewer = {
      kind: 'STAFF',
      sub: 'staff-1',
      personId: '3f1c2a52-0000-4000-8000-000000000001',
      associationId: '7d2e1b33-0000-4000-8000-000000000002',
      associationTier: 'MUNICIPAL',
      role: 'ADMIN',
      scopes: [],
    };
    const sql = viewerSettingsSql(viewer, false, 5000);
    expect(sql).toMatch(/3f1c2a52/);
    const masked = maskSqlLiterals(sql);
    expect(masked).not.toMatch(/3f1c2a52|7d2e1b33|STAFF|5000/);
    expect(masked).toMatch(/^SELECT set_config\('\?', '\?', true\)/);
  });

  it.each([
    ["WHERE name = 'O''Brien' AND id = $1", "WHERE name = '?' AND id = $1"],
    ["x = E'it\\'s' AND y = e'a'", "x = '?' AND y = '?'"],
    ["body = $$a 'b' c$$ AND t = $tag$x$tag$ AND z = $2", "body = '?' AND t = '?' AND z = $2"],
    ["SELECT \"col's\" FROM t WHERE a = 'v'", "SELECT \"col's\" FROM t WHERE a = '?'"],
    ["type = 'x' LIMIT 10", "type = '?' LIMIT 10"],
    ["SELECT 'cut short", "SELECT '?'"],
    ['SELECT $1::uuid, COUNT(*) FROM membership.person', 'SELECT $1::uuid, COUNT(*) FROM membership.person'],
  ])('%s', (sql, masked) => {
    expect(maskSqlLiterals(sql)).toBe(masked);
  });
});

describe('span attributes', () => {
  it('URLs keep their path; the query string goes', () => {
    expect(withoutQuery('/graphql?query=%7Bme%7D&variables=%7B%7D')).toBe('/graphql');
    expect(
      redactSpanAttributes(
        {
          'url.full': 'http://gw/graphql?variables=x',
          'http.target': '/graphql?x=1',
          'url.path': '/graphql',
          'url.query': 'query=1',
        },
        false,
      ),
    ).toEqual({ 'url.full': 'http://gw/graphql', 'http.target': '/graphql', 'url.path': '/graphql' });
  });

  it("a server span loses the caller's address, a client span keeps its peer", () => {
    const attributes = {
      'client.address': '203.0.113.7',
      'network.peer.address': '203.0.113.7',
      'http.client_ip': '203.0.113.7',
      'server.address': 'gw',
    };
    expect(redactSpanAttributes(attributes, true)).toEqual({ 'server.address': 'gw' });
    expect(redactSpanAttributes(attributes, false)).toEqual(attributes);
  });

  it('GraphQL variables, headers and pg parameter values are dropped', () => {
    expect(
      redactSpanAttributes(
        {
          'graphql.variables.number': '512345',
          'http.request.header.authorization': 'Bearer x',
          'db.postgresql.values': ['山田'],
          'graphql.operation.name': 'Q',
        },
        false,
      ),
    ).toEqual({ 'graphql.operation.name': 'Q' });
  });
});

describe('a span on its way out', () => {
  it('exceptions keep their type, the status its code', () => {
    const redacted = redactSpan(
      span({
        kind: SpanKind.SERVER,
        attributes: { 'db.query.text': "SELECT 'x'", 'client.address': '203.0.113.7' },
        status: { code: SpanStatusCode.ERROR, message: 'Variable "$n" got invalid value "山田"' },
        events: [
          {
            name: 'exception',
            time: [0, 0],
            attributes: {
              'exception.type': 'GraphQLError',
              'exception.message': 'Variable "$n" got invalid value "山田"',
              'exception.stacktrace': 'GraphQLError: Variable "$n" got invalid value "山田"\n    at …',
            },
          },
        ],
      }),
    );
    expect(redacted.attributes).toEqual({ 'db.query.text': "SELECT '?'" });
    expect(redacted.status).toEqual({ code: SpanStatusCode.ERROR });
    expect(redacted.events[0]!.attributes).toEqual({ 'exception.type': 'GraphQLError' });
    expect(JSON.stringify(redacted)).not.toContain('山田');
    // still a span: its methods answer
    expect(redacted.spanContext()).toBe(context);
    expect(redacted.name).toBe('span');
  });

  it('only the spans of requests are exported: a root that is not a server span is not', async () => {
    const sent: ReadableSpan[][] = [];
    const inner: SpanExporter = {
      export: (spans, done) => {
        sent.push(spans);
        done({ code: 0 });
      },
      shutdown: async () => undefined,
    };
    const exporter = new RedactingSpanExporter(inner);
    const startup = span({ name: 'graphql.parseSchema', parentSpanContext: undefined });
    const request = span({ name: 'POST', kind: SpanKind.SERVER, parentSpanContext: undefined });
    const child = span({ name: 'pg.query', attributes: { 'db.query.text': "SELECT 'v'" } });
    expect([startup, request, child].map(isRequestSpan)).toEqual([false, true, true]);
    const results: ExportResult[] = [];
    exporter.export([startup, request, child], (r) => results.push(r));
    exporter.export([startup], (r) => results.push(r));
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.map((s) => s.name)).toEqual(['POST', 'pg.query']);
    expect(sent[0]![1]!.attributes['db.query.text']).toBe("SELECT '?'");
  });
});
