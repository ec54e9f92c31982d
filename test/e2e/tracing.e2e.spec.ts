import { generateKeyPairSync, randomBytes, randomInt } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { clockEnv } from '@mamis/platform';
import { buildAssociation, buildMembership, buildPerson } from '../support/builders';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestIssuer, type TestIssuer } from '../support/oidc';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver';
import { startServiceProcess, type ServiceProcess } from '../support/service-process';
import { postGraphQL } from '../support/stack';

/**
 * OpenTelemetry (platform tracing.ts) as it runs: the gateway and the membership subgraph, each its
 * own process as `npm start` runs them, export OTLP/JSON to a stand-in collector. One query that
 * crosses gateway → subgraph → SQL must make ONE trace that links the gateway's spans, the
 * subgraph's spans (its HTTP server span a child of the gateway's call) and the subgraph's SQL
 * statements, and nothing exported may carry the person's name, registry number, a variable's or a
 * literal's value, or the viewer's ids.
 */

const SERVER = 2;
const CLIENT = 3;

/** Consent's `termsOfUse` for the gateway's terms gate: no terms in force (nothing to accept). */
async function startTermsStandIn(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () =>
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ data: { termsOfUse: null } })),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('OpenTelemetry traces with OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  let db: TestDatabase;
  let receiver: OtlpReceiver;
  let issuer: TestIssuer;
  let terms: Awaited<ReturnType<typeof startTermsStandIn>>;
  const processes: ServiceProcess[] = [];
  let spans: ReceivedSpan[] = [];
  let response: Awaited<ReturnType<typeof postGraphQL>>;

  // what must never leave a process in a span
  const registryNumber = String(700_000 + randomInt(99_999));
  const person = {
    family_name: '追跡',
    given_name: '花子',
    family_name_kana: 'ツイセキ',
    given_name_kana: 'ハナコ',
    registry_number: registryNumber,
    email: `tracing-${registryNumber}@example.jp`,
  };
  let secrets: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    const c = await db.admin();
    const national = await buildAssociation(c, { tier: 'NATIONAL', prefecture_code: null });
    const prefectural = await buildAssociation(c, { tier: 'PREFECTURAL', parent_id: national.id });
    const municipal = await buildAssociation(c, { parent_id: prefectural.id });
    const p = await buildPerson(c, person);
    await buildMembership(c, { person_id: p.id, association_id: municipal.id });
    secrets = [
      person.family_name,
      person.given_name,
      person.family_name_kana,
      person.given_name_kana,
      registryNumber,
      person.email,
      p.id,
      municipal.id,
    ];

    receiver = await startOtlpReceiver();
    issuer = await startTestIssuer();
    terms = await startTermsStandIn();
    const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const secret = randomBytes(32).toString('base64url');
    const otel = {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '200',
    };
    const common = { NODE_ENV: 'test', LOG_LEVEL: 'info', ...clockEnv(), ...otel };
    const membership = await startServiceProcess('services/membership', 'membership subgraph listening', {
      ...common,
      DATABASE_URL: db.urlFor('membership'),
      STATEMENT_TIMEOUT_MS: '30000',
      SUBGRAPH_SECRET: secret,
      GATEWAY_ASSERTION_PUBLIC_KEY: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    });
    processes.push(membership);
    const gateway = await startServiceProcess('gateway', 'gateway listening', {
      ...common,
      MEMBERSHIP_URL: membership.url,
      MEMBERSHIP_SUBGRAPH_SECRET: secret,
      // the query below needs membership only; consent answers the terms gate (stand-in)
      TRAINING_URL: terms.url,
      INSURANCE_PENSION_URL: terms.url,
      CONSENT_URL: terms.url,
      GATEWAY_ASSERTION_PRIVATE_KEY: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      OIDC_ISSUER: issuer.issuer,
      SUBGRAPH_TIMEOUT_MS: '30000',
      API_EXPLORER: 'off',
    });
    processes.push(gateway);

    // probes and scrapes: no trace (and the readiness ping's SQL no span)
    for (const base of [membership.url, gateway.url].map((u) => u.replace(/\/graphql$/, '')))
      for (const path of ['/healthz', '/readyz', '/metrics']) await (await fetch(base + path)).arrayBuffer();

    const token = await issuer.tokenFor({
      kind: 'STAFF',
      associationId: municipal.id,
      associationTier: 'MUNICIPAL',
      role: 'ADMIN',
    });
    response = await postGraphQL(
      gateway.url,
      `query Trace($number: String!) {
        byNumber: people(search: $number, first: 5) { nodes { id familyName givenName registryNumber } }
        byName: people(search: "ツイセキ", first: 5) { totalCount nodes { familyName givenName } }
      }`,
      { number: registryNumber },
      {
        authorization: `Bearer ${token}`,
        traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      },
    );
    // both stop on SIGTERM and export their last spans before they exit
    for (const proc of processes.splice(0).reverse()) await proc.stop();
    spans = receiver.spans();
  }, 240_000);

  afterAll(async () => {
    for (const proc of processes.reverse()) await proc.stop().catch(() => undefined);
    await terms?.close();
    await issuer?.close();
    await receiver?.close();
    await db?.drop();
  });

  it('answers the query (the person is there to be leaked)', () => {
    expect(response.body.errors).toBeUndefined();
    const data = response.body.data as {
      byNumber: { nodes: { familyName: string; registryNumber: string }[] };
      byName: { totalCount: number };
    };
    expect(data.byNumber.nodes).toEqual([expect.objectContaining({ familyName: '追跡', registryNumber })]);
    expect(data.byName.totalCount).toBe(1);
  });

  it('links the gateway, the subgraph and its SQL statements in one trace', () => {
    const services = new Set(spans.map((s) => s.service));
    expect(services).toEqual(new Set(['mamis-gateway', 'mamis-membership']));

    const gatewayRequest = spans.filter((s) => s.service === 'mamis-gateway' && s.name === 'gateway.request');
    expect(gatewayRequest).toHaveLength(1);
    const traceId = gatewayRequest[0]!.traceId;
    const trace = spans.filter((s) => s.traceId === traceId);
    const byId = new Map(trace.map((s) => [s.spanId, s]));

    // the gateway: its HTTP server span is the root (a client's traceparent is not taken)
    const gatewayServer = trace.find((s) => s.service === 'mamis-gateway' && s.kind === SERVER);
    expect(gatewayServer).toBeDefined();
    expect(gatewayServer!.parentSpanId).toBe('');
    expect(traceId).not.toBe('0af7651916cd43dd8448eb211c80319c');

    // the subgraph's HTTP server span is a child of the gateway's HTTP call to it
    const subgraphServer = trace.filter((s) => s.service === 'mamis-membership' && s.kind === SERVER);
    expect(subgraphServer.length).toBeGreaterThanOrEqual(1);
    for (const server of subgraphServer) {
      const parent = byId.get(server.parentSpanId);
      expect(parent).toMatchObject({ service: 'mamis-gateway', kind: CLIENT });
    }

    // the read of identity's revocation feed (fetch) is part of the request
    expect(
      trace.some(
        (s) =>
          s.service === 'mamis-gateway' &&
          s.kind === CLIENT &&
          String(s.attributes['url.full']).endsWith('/internal/revocations'),
      ),
    ).toBe(true);

    // the subgraph's GraphQL execution and its SQL statements, in the same trace
    const execute = trace.filter((s) => s.service === 'mamis-membership' && s.name.startsWith('query'));
    expect(execute.length).toBeGreaterThanOrEqual(1);
    const sql = trace.filter(
      (s) => s.service === 'mamis-membership' && typeof s.attributes['db.query.text'] === 'string',
    );
    expect(sql.length).toBeGreaterThan(0);
    // every SQL span leads up to the gateway's request
    for (const s of sql) {
      let at: ReceivedSpan | undefined = s;
      while (at && at.parentSpanId) at = byId.get(at.parentSpanId);
      expect(at?.spanId).toBe(gatewayServer!.spanId);
    }
    expect(sql.some((s) => /\bperson\b/i.test(String(s.attributes['db.query.text'])))).toBe(true);
    // placeholders, never values
    expect(sql.some((s) => /\$1\b/.test(String(s.attributes['db.query.text'])))).toBe(true);
  });

  it('exports no personal data: no name, registry number, variable or literal value, or viewer id', () => {
    expect(receiver.bodies.length).toBeGreaterThan(0);
    const exported = receiver.bodies.join('\n');
    for (const value of secrets)
      expect({ value, found: exported.includes(value) }).toEqual({ value, found: false });
    // and attribute by attribute (the raw bodies above cover names, events and statuses too)
    for (const span of spans) {
      const values = [
        ...Object.values(span.attributes),
        ...span.events.flatMap((e) => Object.values(e.attributes)),
      ].map(String);
      for (const value of secrets)
        expect({ span: span.name, leaks: values.some((v) => v.includes(value)) }).toEqual({
          span: span.name,
          leaks: false,
        });
    }
    // the operation's source is there, its literal masked
    const sources = spans.map((s) => s.attributes['graphql.source']).filter((v) => typeof v === 'string');
    expect(sources.some((v) => /byName: people\(search: "\*"\s+first: \*\)/.test(v))).toBe(true);
  });

  it('exports only the spans of requests: none for probes, scrapes or start-up', () => {
    expect(spans.filter((s) => /\/(healthz|readyz|metrics)\b/.test(JSON.stringify(s.attributes)))).toEqual(
      [],
    );
    // every trace starts at an HTTP server span (the readiness ping's SQL, the schema parsing at
    // start-up make none)
    expect(spans.filter((s) => s.parentSpanId === '' && s.kind !== SERVER)).toEqual([]);
    // and there was one request: the query
    expect(new Set(spans.map((s) => s.traceId)).size).toBe(1);
  });
});
