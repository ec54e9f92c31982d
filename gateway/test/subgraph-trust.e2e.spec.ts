import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import {
  createAssertionSigner,
  parseAssertionPrivateKey,
  SUBGRAPH_SECRET_HEADER,
  VIEWER_ASSERTION_HEADER,
  type Viewer,
} from '@mamis/platform';
import { createTestDatabase, type TestDatabase } from '../../test/support/database';
import { startStack, type Stack } from '../../test/support/stack';
import {
  buildAssociation,
  buildInsuranceEnrolment,
  buildPerson,
  buildTermsVersion,
  buildTrainingSession,
} from '../../test/support/builders';

/**
 * Subgraphs are useless to anyone who reaches them without the gateway: every request —
 * `_service`, `_entities`, root fields, GET or POST — needs the subgraph's own secret AND a fresh
 * viewer assertion signed by the gateway for THAT subgraph. Otherwise: 401 and no data.
 */
describe('direct subgraph calls', () => {
  let db: TestDatabase;
  let stack: Stack;
  let personId: string;
  let associationId: string;
  let sessionId: string;
  const sysadmin: Viewer = {
    kind: 'STAFF',
    sub: 'jma-admin',
    associationId: 'x',
    associationTier: 'NATIONAL',
    role: 'ADMIN',
    sysadmin: true,
    scopes: [],
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const c = await db.admin();
    const assoc = await buildAssociation(c, { tier: 'NATIONAL', code: 'JMA', prefecture_code: null });
    associationId = assoc.id;
    const person = await buildPerson(c);
    personId = person.id;
    await buildInsuranceEnrolment(c, { person_id: person.id });
    sessionId = (await buildTrainingSession(c, { host_association_id: assoc.id })).id;
    await buildTermsVersion(c);
    stack = await startStack(db);
  });
  afterAll(async () => {
    await stack?.close();
    await db?.drop();
  });

  /** For each subgraph: its `_service`, an `_entities` and a root-field operation. */
  const operations = (
    name: string,
  ): Record<string, { query: string; variables?: Record<string, unknown> }> => {
    const root: Record<string, string> = {
      membership: `{ association(id: "${associationId}") { id name } }`,
      training: `{ trainingSession(id: "${sessionId}") { id title } }`,
      // insurance-pension has no root fields of its own: only the Query type's __typename
      'insurance-pension': '{ __typename }',
      consent: '{ termsOfUse { version bodyJa } }',
    };
    return {
      _service: { query: '{ _service { sdl } }' },
      _entities: {
        query: 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Person { id } } }',
        variables: { r: [{ __typename: 'Person', id: personId }] },
      },
      root: { query: root[name]! },
    };
  };

  const post = (url: string, body: unknown, headers: Record<string, string>) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  const signAs = (privateKeyPem: string) =>
    createAssertionSigner({ privateKey: parseAssertionPrivateKey(privateKeyPem), ttlSeconds: 60 });

  /** The bad header sets for one subgraph, by name. */
  const badHeaders = async (name: string): Promise<Record<string, Record<string, string>>> => {
    const good = await stack.subgraphHeaders(name, sysadmin);
    const other = name === 'consent' ? 'membership' : 'consent';
    const strangerKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ viewer: sysadmin })
      .setProtectedHeader({ alg: 'ES256', typ: 'mamis-viewer+jwt' })
      .setIssuer('mamis-gateway')
      .setAudience(name)
      .setIssuedAt(now - 90)
      .setExpirationTime(now - 30)
      .setJti('expired')
      .sign(parseAssertionPrivateKey(stack.trust.privateKeyPem));
    return {
      'no secret and no assertion': { 'content-type': 'application/json' },
      'the secret without an assertion': { [SUBGRAPH_SECRET_HEADER]: good[SUBGRAPH_SECRET_HEADER]! },
      'an assertion without the secret': { [VIEWER_ASSERTION_HEADER]: good[VIEWER_ASSERTION_HEADER]! },
      'another subgraph’s secret': {
        [SUBGRAPH_SECRET_HEADER]: stack.trust.secrets[other]!,
        [VIEWER_ASSERTION_HEADER]: good[VIEWER_ASSERTION_HEADER]!,
      },
      'a wrong assertion (another key)': {
        [SUBGRAPH_SECRET_HEADER]: good[SUBGRAPH_SECRET_HEADER]!,
        [VIEWER_ASSERTION_HEADER]: await signAs(strangerKey).sign(sysadmin, name),
      },
      'an expired assertion': {
        [SUBGRAPH_SECRET_HEADER]: good[SUBGRAPH_SECRET_HEADER]!,
        [VIEWER_ASSERTION_HEADER]: expired,
      },
      'an assertion replayed from another subgraph': {
        [SUBGRAPH_SECRET_HEADER]: good[SUBGRAPH_SECRET_HEADER]!,
        [VIEWER_ASSERTION_HEADER]: (await stack.subgraphHeaders(other, sysadmin))[VIEWER_ASSERTION_HEADER]!,
      },
      'a garbage assertion': {
        [SUBGRAPH_SECRET_HEADER]: good[SUBGRAPH_SECRET_HEADER]!,
        [VIEWER_ASSERTION_HEADER]: 'eyJhbGciOiJub25lIn0.e30.',
      },
    };
  };

  for (const name of ['membership', 'training', 'insurance-pension', 'consent']) {
    it(`${name}: 401 and no data without a valid secret + assertion, for _service, _entities and a root field`, async () => {
      const url = stack.subgraphUrls[name]!;
      const sqlBefore = stack.services[name]!.sql.total;
      const refusals: string[] = [];
      for (const [caseName, headers] of Object.entries(await badHeaders(name))) {
        for (const [opName, op] of Object.entries(operations(name))) {
          const res = await post(url, op, headers);
          const text = await res.text();
          const body = JSON.parse(text) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
          if (
            res.status !== 401 ||
            'data' in body ||
            body.errors?.[0]?.extensions?.code !== 'UNAUTHENTICATED' ||
            /sdl|type Person|Person/.test(text)
          ) {
            refusals.push(`${caseName} / ${opName}: HTTP ${res.status} ${text.slice(0, 120)}`);
          }
        }
      }
      expect(refusals).toEqual([]);
      // nothing reached the database
      expect(stack.services[name]!.sql.total).toBe(sqlBefore);

      // GET is guarded the same way
      const get = await fetch(`${url}?query=${encodeURIComponent('{ _service { sdl } }')}`, {
        headers: { 'apollo-require-preflight': 'true' },
      });
      expect(get.status).toBe(401);

      // control: the same operations with a valid secret + assertion are answered
      for (const op of Object.values(operations(name))) {
        const res = await post(url, op, await stack.subgraphHeaders(name, sysadmin));
        expect(res.status).toBe(200);
        const body = (await res.json()) as { data?: Record<string, unknown> };
        expect(body.data).toBeDefined();
      }
      const sdl = (await (
        await post(url, operations(name)._service, await stack.subgraphHeaders(name))
      ).json()) as { data: { _service: { sdl: string } } };
      expect(sdl.data._service.sdl).toContain('type Person');
    });
  }

  it('keeps /healthz and /readyz open (they carry no data)', async () => {
    for (const url of Object.values(stack.subgraphUrls)) {
      expect((await fetch(url.replace(/\/graphql$/, '/healthz'))).status).toBe(200);
    }
  });

  it('the gateway reaches every subgraph with its secret and a per-subgraph assertion', async () => {
    const res = await stack.query<{ termsOfUse: { version: string } }>('{ termsOfUse { version } }');
    expect(res.status).toBe(200);
    expect(res.body.data?.termsOfUse.version).toBe('1.01');
    const staff = await stack.queryAs<{ association: { name: string; tier: string } }>(
      { kind: 'STAFF', associationId, associationTier: 'NATIONAL', role: 'ADMIN' },
      `{ association(id: "${associationId}") { name tier } }`,
    );
    expect(staff.status).toBe(200);
    expect(staff.body.data?.association).toMatchObject({ tier: 'NATIONAL' });
  });
});
