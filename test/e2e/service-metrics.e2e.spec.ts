import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { REVOCATION_FEED_SECRET_HEADER } from '@mamis/platform';
import { generateSigningKey } from '@mamis/identity/src/auth/keys';
import { createServer as createMembership } from '@mamis/membership/src/server';
import { membershipEnv } from '@mamis/membership/src/config';
import { startIdentity, type IdentityProcess } from '../../services/identity/test/support/identity-process';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { freePortBase } from '../support/ports';
import { startStack, type Stack, type TestViewer } from '../support/stack';
import {
  buildAssociation,
  buildAttendance,
  buildInsuranceEnrolment,
  buildMembership,
  buildPerson,
  buildTermsAcceptance,
  buildTermsVersion,
  buildTrainingSession,
} from '../support/builders';

/**
 * `/metrics` of every service (platform metrics.ts), run in production mode: Prometheus text with
 * the process metrics, requests by operation and outcome and SQL statements, each series labelled
 * with its service; only the bearer of METRICS_TOKEN reads it.
 */

type Labels = Record<string, string>;

/** The sum of the samples of `name` whose labels include `labels` (Prometheus text format). */
function sampleSum(text: string, name: string, labels: Labels = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const own: Labels = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
      own[l[1]!] = l[2]!;
    if (Object.entries(labels).every(([k, v]) => own[k] === v)) sum += Number(m[3]);
  }
  return sum;
}

const metricsUrlOf = (graphqlOrBase: string) => `${graphqlOrBase.replace(/\/graphql$/, '')}/metrics`;

async function scrape(url: string, token: string): Promise<string> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  return res.text();
}

/** 401 without the token or with a wrong one, and no metric in the answer. */
async function expectRefused(url: string, token: string) {
  const attempts: Record<string, string>[] = [
    {},
    { authorization: `Bearer ${token}x` },
    { authorization: token },
  ];
  for (const headers of attempts) {
    const res = await fetch(url, { headers });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await res.text()).not.toMatch(/process_cpu|mamis_/);
  }
}

/** The series every service serves, labelled with its service. */
function expectServiceSeries(text: string, service: string) {
  for (const name of [
    'process_cpu_seconds_total',
    'process_resident_memory_bytes',
    'nodejs_eventloop_lag_seconds',
    'nodejs_heap_size_used_bytes',
  ])
    expect({ name, present: text.includes(`${name}{service="${service}"}`) }).toEqual({
      name,
      present: true,
    });
  expect(text).toMatch(/# TYPE mamis_request_duration_seconds histogram/);
  expect(text).toMatch(/# TYPE mamis_sql_statements_total counter/);
  expect(text).toMatch(/# TYPE mamis_sql_statement_duration_seconds histogram/);
}

const SUBGRAPHS = ['membership', 'training', 'insurance-pension', 'consent'] as const;

describe('/metrics of the subgraphs (production mode)', () => {
  let db: TestDatabase;
  let stack: Stack;
  let associationId: string;
  let staff: TestViewer;
  const token = randomBytes(32).toString('base64url');

  beforeAll(async () => {
    db = await createTestDatabase();
    const c = await db.admin();
    const national = await buildAssociation(c, { tier: 'NATIONAL', prefecture_code: null });
    const prefectural = await buildAssociation(c, { tier: 'PREFECTURAL', parent_id: national.id });
    const municipal = await buildAssociation(c, { parent_id: prefectural.id });
    associationId = prefectural.id;
    const session = await buildTrainingSession(c, { host_association_id: municipal.id });
    const terms = await buildTermsVersion(c);
    for (let i = 0; i < 2; i++) {
      const p = await buildPerson(c);
      await buildMembership(c, { person_id: p.id, association_id: municipal.id });
      await buildMembership(c, { person_id: p.id, association_id: prefectural.id });
      await buildAttendance(c, { session_id: session.id, person_id: p.id });
      await buildInsuranceEnrolment(c, { person_id: p.id });
      await buildTermsAcceptance(c, { person_id: p.id, terms_version_id: terms.id });
    }
    staff = { kind: 'STAFF', associationId, associationTier: 'PREFECTURAL', role: 'ADMIN' };
    stack = await startStack(
      db,
      {},
      {
        subgraphEnv: {
          NODE_ENV: 'production',
          METRICS_TOKEN: token,
          // training's production requirement (certificate QR codes)
          PORTAL_URL: 'https://portal.example.jp',
        },
      },
    );
  });
  afterAll(async () => {
    await stack?.close();
    await db?.drop();
  });

  it('a subgraph refuses to start in production without METRICS_TOKEN', async () => {
    const config = membershipEnv.parse({
      NODE_ENV: 'production',
      DATABASE_URL: db.urlFor('membership'),
      SUBGRAPH_SECRET: stack.trust.secrets.membership,
      GATEWAY_ASSERTION_PUBLIC_KEY: stack.trust.publicKeyPem,
    });
    await expect(createMembership(config)).rejects.toThrow(/METRICS_TOKEN: required in production/);
  });

  it.each(SUBGRAPHS)('%s: only the bearer of METRICS_TOKEN reads /metrics', async (name) => {
    const url = metricsUrlOf(stack.subgraphUrls[name]!);
    await expectRefused(url, token);
    expectServiceSeries(await scrape(url, token), name);
  });

  it('counts a federated request in each subgraph: its operation, outcome and SQL statements', async () => {
    const before = Object.fromEntries(
      await Promise.all(
        SUBGRAPHS.map(async (n) => [n, await scrape(metricsUrlOf(stack.subgraphUrls[n]!), token)] as const),
      ),
    );
    const res = await stack.queryAs<{ association: { members: { totalCount: number } } }>(
      staff,
      `query MembersForMetrics($id: ID!) {
        association(id: $id) {
          members(first: 10) {
            totalCount
            nodes {
              id familyName
              trainingAttendances { status }
              malpracticeInsurance { insuranceYear }
              termsAcceptances { version }
            }
          }
        }
      }`,
      { id: associationId },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.association.members.totalCount).toBe(2);
    for (const name of SUBGRAPHS) {
      const after = await scrape(metricsUrlOf(stack.subgraphUrls[name]!), token);
      const count = (text: string, labels: Labels) =>
        sampleSum(text, 'mamis_request_duration_seconds_count', { service: name, ...labels });
      // the gateway names its fetches <operation>__<subgraph>__<n>
      const operation = new RegExp(`operation="MembersForMetrics__${name.replace(/-/g, '_')}__\\d+"`);
      const okLines = after
        .split('\n')
        .filter((l) => l.startsWith('mamis_request_duration_seconds_count{') && operation.test(l));
      expect({ name, ok: okLines.some((l) => l.includes('outcome="ok"')) }).toEqual({ name, ok: true });
      expect(count(after, { outcome: 'ok' })).toBeGreaterThan(count(before[name]!, { outcome: 'ok' }));
      const sql = (text: string) => sampleSum(text, 'mamis_sql_statements_total', { service: name });
      expect({ name, moved: sql(after) > sql(before[name]!) }).toEqual({ name, moved: true });
      const sqlTimed = (text: string) =>
        sampleSum(text, 'mamis_sql_statement_duration_seconds_count', { service: name });
      expect(sqlTimed(after)).toBeGreaterThan(sqlTimed(before[name]!));
    }
  });

  it('labels a refused call with its error code', async () => {
    const url = stack.subgraphUrls.membership!;
    const before = await scrape(metricsUrlOf(url), token);
    const refused = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(refused.status).toBe(401);
    const after = await scrape(metricsUrlOf(url), token);
    const unauthenticated = (text: string) =>
      sampleSum(text, 'mamis_request_duration_seconds_count', {
        service: 'membership',
        outcome: 'UNAUTHENTICATED',
      });
    expect(unauthenticated(after)).toBe(unauthenticated(before) + 1);
  });
});

describe('/metrics of the identity service (production mode)', () => {
  let db: TestDatabase;
  let idp: IdentityProcess | undefined;
  const token = randomBytes(32).toString('base64url');
  const feedSecret = randomBytes(32).toString('base64url');

  const productionEnv = async () => {
    const port = await freePortBase([0]);
    return {
      NODE_ENV: 'production',
      PORT: String(port),
      IDENTITY_ISSUER: `http://127.0.0.1:${port}`,
      IDENTITY_JWKS: JSON.stringify({ keys: [generateSigningKey(`prod-${randomBytes(3).toString('hex')}`)] }),
      REVOCATION_FEED_SECRET: feedSecret,
      // terms come from consent in production; this test reads none
      CONSENT_URL: 'http://127.0.0.1:9/graphql',
      CONSENT_SUBGRAPH_SECRET: randomBytes(32).toString('base64url'),
      IDENTITY_ASSERTION_PRIVATE_KEY: generateKeyPairSync('ec', { namedCurve: 'P-256' })
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString(),
    };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await idp?.stop();
    await db?.drop();
  });

  it('refuses to start in production without METRICS_TOKEN', async () => {
    await expect(startIdentity(db.urlFor('identity'), await productionEnv())).rejects.toThrow(
      /METRICS_TOKEN: required when NODE_ENV=production/,
    );
  });

  it('serves /metrics to the bearer of METRICS_TOKEN, with its requests and SQL statements', async () => {
    idp = await startIdentity(db.urlFor('identity'), { ...(await productionEnv()), METRICS_TOKEN: token });
    const url = metricsUrlOf(idp.url);
    await expectRefused(url, token);
    const before = await scrape(url, token);
    expectServiceSeries(before, 'identity');
    // a discovery document (no database) and the revocation feed (read from the database)
    expect((await fetch(`${idp.url}/.well-known/openid-configuration`)).status).toBe(200);
    const feed = await fetch(`${idp.url}/internal/revocations`, {
      headers: { [REVOCATION_FEED_SECRET_HEADER]: feedSecret },
    });
    expect(feed.status).toBe(200);
    expect((await fetch(`${idp.url}/internal/revocations`)).status).toBe(401);
    const after = await scrape(url, token);
    const count = (text: string, labels: Labels) =>
      sampleSum(text, 'mamis_request_duration_seconds_count', { service: 'identity', ...labels });
    expect(count(after, { operation: 'discovery', outcome: 'ok' })).toBe(
      count(before, { operation: 'discovery', outcome: 'ok' }) + 1,
    );
    expect(count(after, { operation: 'revocation_feed', outcome: 'ok' })).toBe(
      count(before, { operation: 'revocation_feed', outcome: 'ok' }) + 1,
    );
    expect(count(after, { operation: 'revocation_feed', outcome: 'HTTP_401' })).toBe(
      count(before, { operation: 'revocation_feed', outcome: 'HTTP_401' }) + 1,
    );
    const sql = (text: string) => sampleSum(text, 'mamis_sql_statements_total', { service: 'identity' });
    expect(sql(after)).toBeGreaterThan(sql(before));
  });
});
