import { generateKeyPair, SignJWT } from 'jose';
import { addDays, clock } from '@mamis/platform';
import { createTestDatabase, type TestDatabase } from '../../test/support/database';
import { postGraphQL, startStack, type Stack } from '../../test/support/stack';
import { TEST_AUDIENCE } from '../../test/support/oidc';
import {
  buildAssociation,
  buildMembership,
  buildPerson,
  buildTermsVersion,
} from '../../test/support/builders';

/** Access tokens, anonymous access and the terms gate, through the whole stack. */
describe('gateway edge: tokens, anonymous access, terms gate', () => {
  let db: TestDatabase;
  let stack: Stack;
  let personId: string;
  let associationId: string;

  const PERSON = (id: string) => `{ person(id: "${id}") { id familyName } }`;
  const sqlTotals = () =>
    Object.fromEntries(Object.entries(stack.services).map(([n, s]) => [n, s.sql.total]));

  beforeAll(async () => {
    db = await createTestDatabase();
    const c = await db.admin();
    const assoc = await buildAssociation(c, { tier: 'PREFECTURAL' });
    associationId = assoc.id;
    personId = (await buildPerson(c)).id;
    await buildMembership(c, { person_id: personId, association_id: assoc.id });
    // in force for a year already (dates follow the services' clock, which a run may shift)
    await buildTermsVersion(c, { version: '1.01', effective_from: addDays(clock.today(), -365) });
    stack = await startStack(db);
  });
  afterAll(async () => {
    await stack?.close();
    await db?.drop();
  });

  describe('tokens', () => {
    const staffClaims = () => ({
      sub: 'staff-1',
      kind: 'STAFF',
      association_id: associationId,
      association_tier: 'PREFECTURAL',
      role: 'ADMIN',
      terms_version: '1.01',
    });
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

    it('a valid token reaches the data', async () => {
      const token = await stack.issuer.mint(staffClaims());
      const res = await stack.query<{ association: { id: string } }>(
        `{ association(id: "${associationId}") { id name } }`,
        undefined,
        {
          authorization: `Bearer ${token}`,
        },
      );
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data?.association?.id).toBe(associationId);
    });

    it.each([
      [
        'a forged signature',
        async () => stack.issuer.mint(staffClaims(), { key: (await generateKeyPair('ES256')).privateKey }),
      ],
      ['a wrong audience', () => stack.issuer.mint(staffClaims(), { audience: 'urn:mamis:identity' })],
      ['an expired token', () => stack.issuer.mint(staffClaims(), { expiresIn: -30 })],
      [
        'alg none',
        async () =>
          `${b64({ alg: 'none' })}.${b64({ ...staffClaims(), iss: stack.issuer.issuer, aud: TEST_AUDIENCE, exp: Math.floor(Date.now() / 1000) + 300 })}.`,
      ],
      [
        'HS256',
        async () =>
          new SignJWT(staffClaims())
            .setProtectedHeader({ alg: 'HS256' })
            .setIssuer(stack.issuer.issuer)
            .setAudience(TEST_AUDIENCE)
            .setExpirationTime('5m')
            .sign(new Uint8Array(32)),
      ],
    ])('%s → 401 UNAUTHENTICATED with WWW-Authenticate, no data, no subgraph call', async (_name, make) => {
      const token = await make();
      const before = sqlTotals();
      const res = await stack.query(PERSON(personId), undefined, { authorization: `Bearer ${token}` });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(sqlTotals()).toEqual(before);
    });
  });

  describe('anonymous callers', () => {
    it('may read the terms of use', async () => {
      const res = await stack.query<{ termsOfUse: { version: string } }>(
        '{ termsOfUse { version titleJa } }',
      );
      expect(res.status).toBe(200);
      expect(res.body.data?.termsOfUse.version).toBe('1.01');
    });

    it('get UNAUTHENTICATED (401) for anything else, before any subgraph is asked', async () => {
      const before = sqlTotals();
      for (const q of [
        PERSON(personId),
        `{ termsOfUse { version } association(id: "${associationId}") { name } }`,
        '{ people { totalCount } }',
      ]) {
        const res = await stack.query(q);
        expect(res.status).toBe(401);
        expect(res.body.data).toBeUndefined();
        expect(res.body.errors).toEqual([
          {
            message: 'ログインが必要です。 (Authentication required)',
            extensions: { code: 'UNAUTHENTICATED', details: { reason: 'AUTHENTICATION_REQUIRED' } },
          },
        ]);
      }
      expect(sqlTotals()).toEqual(before);
    });
  });

  describe('terms gate', () => {
    const physician = (terms?: string) => ({
      kind: 'PHYSICIAN' as const,
      personId,
      ...(terms !== undefined ? { acceptedTermsVersion: terms } : {}),
    });

    it('holds a human with an older terms version to the terms, and lets the current one through', async () => {
      const old = await stack.queryAs(physician('1.00'), PERSON(personId));
      expect(old.status).toBe(403);
      expect(old.body.data).toBeUndefined();
      expect(old.body.errors?.[0]?.extensions).toEqual({
        code: 'TERMS_NOT_ACCEPTED',
        termsVersion: '1.01',
        details: { reason: 'TERMS_NOT_ACCEPTED' },
      });

      const none = await stack.queryAs(physician(''), PERSON(personId));
      expect(none.body.errors?.[0]?.extensions?.code).toBe('TERMS_NOT_ACCEPTED');

      const terms = await stack.queryAs<{ termsOfUse: { version: string } }>(
        physician('1.00'),
        '{ termsOfUse { version bodyJa } }',
      );
      expect(terms.status).toBe(200);
      expect(terms.body.data?.termsOfUse.version).toBe('1.01');

      const current = await stack.queryAs(physician('1.01'), PERSON(personId));
      expect(current.body.errors?.find((e) => e.extensions?.code === 'TERMS_NOT_ACCEPTED')).toBeUndefined();
      expect(current.status).toBe(200);
    });

    it('applies to staff too, not to machine clients', async () => {
      const staff = await stack.queryAs(
        {
          kind: 'STAFF',
          associationId,
          associationTier: 'PREFECTURAL',
          role: 'ADMIN',
          acceptedTermsVersion: '0.9',
        },
        PERSON(personId),
      );
      expect(staff.body.errors?.[0]?.extensions?.code).toBe('TERMS_NOT_ACCEPTED');
      const client = await stack.queryAs(
        { kind: 'CLIENT', sub: 'analytics', scopes: ['analytics:aggregate'] },
        PERSON(personId),
      );
      expect(client.body.errors?.find((e) => e.extensions?.code === 'TERMS_NOT_ACCEPTED')).toBeUndefined();
    });

    it('follows a new terms version (from consent’s termsOfUse) from its effective date', async () => {
      const token = await stack.tokenFor(physician('1.01'));
      const c = await db.admin();
      // published for tomorrow: not in force yet
      await buildTermsVersion(c, { version: '3.00', effective_from: addDays(clock.today(), 1) });
      await buildTermsVersion(c, { version: '2.00', effective_from: clock.today() });
      const res = await postGraphQL(stack.gatewayUrl, PERSON(personId), undefined, {
        authorization: `Bearer ${token}`,
      });
      expect(res.body.errors?.[0]?.extensions).toEqual({
        code: 'TERMS_NOT_ACCEPTED',
        termsVersion: '2.00',
        details: { reason: 'TERMS_NOT_ACCEPTED' },
      });
      // a token carrying the new version passes the gate
      const fresh = await stack.queryAs(physician(), PERSON(personId));
      expect(fresh.body.errors?.find((e) => e.extensions?.code === 'TERMS_NOT_ACCEPTED')).toBeUndefined();
    });
  });

  it('serves /metrics with request, latency and subgraph fetch series', async () => {
    await stack.query('query TermsForMetrics { termsOfUse { version } }');
    const text = await (
      await fetch(stack.gatewayUrl.replace(/\/graphql$/, '/metrics'), {
        headers: { authorization: `Bearer ${stack.trust.metricsToken}` },
      })
    ).text();
    expect(text).toMatch(/gateway_graphql_requests_total\{operation="TermsForMetrics",outcome="ok"\} 1/);
    expect(text).toMatch(
      /gateway_graphql_request_duration_seconds_bucket\{le="[^"]+",operation="TermsForMetrics"\}/,
    );
    expect(text).toMatch(/gateway_subgraph_fetch_duration_seconds_count\{subgraph="consent"\} \d+/);
    expect(text).toMatch(/gateway_http_rejected_total\{reason="invalid_token"\} \d+/);
  });

  it('serves /metrics only to the bearer of METRICS_TOKEN when it is set', async () => {
    const token = 'metrics-token-for-the-test-0123456789abcdef';
    const gw = await stack.startGateway({ METRICS_TOKEN: token });
    try {
      const metricsUrl = gw.url.replace(/\/graphql$/, '/metrics');
      const open = await fetch(metricsUrl);
      expect(open.status).toBe(401);
      expect(open.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await open.text()).not.toMatch(/gateway_/);
      const wrong = await fetch(metricsUrl, { headers: { authorization: `Bearer ${token}x` } });
      expect(wrong.status).toBe(401);
      const right = await fetch(metricsUrl, { headers: { authorization: `Bearer ${token}` } });
      expect(right.status).toBe(200);
      expect(await right.text()).toMatch(/gateway_http_rejected_total/);
    } finally {
      await gw.close();
    }
  });
});
