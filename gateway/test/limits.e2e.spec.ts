import { createHash } from 'node:crypto';
import { Lexer, Source, TokenKind } from 'graphql';
import { createTestDatabase, type TestDatabase } from '../../test/support/database';
import {
  postGraphQL,
  startStack,
  type GatewayInstance,
  type Stack,
  type TestViewer,
} from '../../test/support/stack';
import {
  buildAssociation,
  buildMembership,
  buildPerson,
  buildTermsVersion,
  buildTrainingSession,
} from '../../test/support/builders';
import { gatewayEnv } from '../src/config';

/**
 * Every operation limit with its DEFAULT value (gateway/README.md): just under passes, just over is
 * rejected before anything is executed — no subgraph sees the request (SQL counters unchanged).
 */
describe('operation limits (defaults)', () => {
  let db: TestDatabase;
  let stack: Stack;
  let production: GatewayInstance;
  let personId: string;
  let associationId: string;
  let staff: TestViewer;
  const defaults = gatewayEnv.parse({});

  const sqlTotals = () =>
    Object.fromEntries(Object.entries(stack.services).map(([n, s]) => [n, s.sql.total]));
  const LIMIT_CODES = new Set([
    'GRAPHQL_VALIDATION_FAILED',
    'GRAPHQL_PARSE_FAILED',
    'BAD_USER_INPUT',
    'BAD_REQUEST',
  ]);

  beforeAll(async () => {
    db = await createTestDatabase();
    const c = await db.admin();
    const assoc = await buildAssociation(c, { tier: 'PREFECTURAL' });
    associationId = assoc.id;
    personId = (await buildPerson(c)).id;
    await buildMembership(c, { person_id: personId, association_id: assoc.id });
    await buildTrainingSession(c, { host_association_id: assoc.id });
    await buildTermsVersion(c);
    stack = await startStack(db);
    staff = { kind: 'STAFF', associationId, associationTier: 'PREFECTURAL', role: 'ADMIN' };
    production = await stack.startGateway({ NODE_ENV: 'production' });
  });
  afterAll(async () => {
    await stack?.close();
    await db?.drop();
  });

  /** Run a request that must be REJECTED: 400, a limit error, no data, no SQL anywhere. */
  async function expectRejected(
    send: () => Promise<{
      status: number;
      body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
    }>,
    message: RegExp,
  ) {
    const before = sqlTotals();
    const res = await send();
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(LIMIT_CODES.has(String(res.body.errors?.[0]?.extensions?.code))).toBe(true);
    expect(res.body.errors?.[0]?.message).toMatch(message);
    expect(sqlTotals()).toEqual(before);
  }

  /** A request that must PASS the limits: 200 and data, no limit error. */
  function expectPassed(res: {
    status: number;
    body: { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] };
  }) {
    expect(res.body.errors?.filter((e) => LIMIT_CODES.has(String(e.extensions?.code))) ?? []).toEqual([]);
    expect(res.status).toBe(200);
    expect(res.body.data).toBeDefined();
  }

  const asStaff = async (query: string) => {
    const token = await stack.tokenFor(staff);
    return () => postGraphQL(stack.gatewayUrl, query, undefined, { authorization: `Bearer ${token}` });
  };

  it('has the documented defaults', () => {
    expect({
      depth: defaults.MAX_DEPTH,
      aliases: defaults.MAX_ALIASES,
      directives: defaults.MAX_DIRECTIVES,
      tokens: defaults.MAX_TOKENS,
      characters: defaults.MAX_CHARACTERS,
      cost: defaults.MAX_COST,
      body: defaults.BODY_LIMIT_BYTES,
    }).toEqual({
      depth: 10,
      aliases: 15,
      directives: 50,
      tokens: 1000,
      characters: 10_000,
      cost: 5000,
      body: 200_000,
    });
  });

  it('depth: 10 passes, 11 is rejected', async () => {
    // person(1) memberships(2) association(3) members(4) nodes(5) memberships(6) association(7) members(8) nodes(9) id(10)
    const depth10 = `{ person(id: "${personId}") { memberships { association { members { nodes { memberships { association { members { nodes { id } } } } } } } } } }`;
    expectPassed(await (await asStaff(depth10))());
    const depth11 = depth10.replace('nodes { id }', 'nodes { memberships { id } }');
    await expectRejected(await asStaff(depth11), /depth limit of 10 exceeded, found 11/);
  });

  const aliases = (n: number) =>
    `{ ${Array.from({ length: n }, (_, i) => `a${i}: termsOfUse { version }`).join(' ')} }`;
  it('aliases: 15 pass, 16 are rejected', async () => {
    expectPassed(await stack.query(aliases(15)));
    await expectRejected(() => stack.query(aliases(16)), /Aliases limit of 15 exceeded, found 16/);
  });

  const directives = (n: number) =>
    `{ termsOfUse { ${Array.from({ length: n }, () => 'version @include(if: true)').join(' ')} } }`;
  it('directives: 50 pass, 51 are rejected', async () => {
    expectPassed(await stack.query(directives(50)));
    await expectRejected(() => stack.query(directives(51)), /Directives limit of 50 exceeded, found 51/);
  });

  // `{ termsOfUse { version [version] ...F × k } } fragment F on TermsVersion { version }` has
  // 13 [+ 1] + 2k tokens (fragment spreads, not hundreds of identical fields: graphql-js caps the
  // work of comparing overlapping fields)
  const tokens = (n: number) => {
    const extra = (n - 13) % 2 === 0 ? '' : ' version';
    const spreads = Array.from({ length: Math.floor((n - 13) / 2) }, () => '...F').join(' ');
    return `{ termsOfUse { version${extra} ${spreads} } } fragment F on TermsVersion { version }`;
  };
  it('tokens: 1000 pass, 1001 are rejected', async () => {
    const count = (q: string) => {
      const lexer = new Lexer(new Source(q));
      let n = 0;
      while (lexer.advance().kind !== TokenKind.EOF) n++;
      return n;
    };
    expect([count(tokens(1000)), count(tokens(1001))]).toEqual([1000, 1001]);
    expectPassed(await stack.query(tokens(1000)));
    await expectRejected(() => stack.query(tokens(1001)), /more that 1000 tokens/);
  });

  const characters = (n: number) => {
    const q = '{ termsOfUse { version } }';
    return q.slice(0, -1) + ' '.repeat(n - q.length) + '}';
  };
  it('characters: 10 000 pass, 10 001 are rejected', async () => {
    expect(characters(10_000)).toHaveLength(10_000);
    expectPassed(await stack.query(characters(10_000)));
    await expectRejected(() => stack.query(characters(10_001)), /too long: 10001 characters, at most 10000/);
  });

  // trainingSessions(first: N) { id } costs N × (object 2 + 1.5 × scalar 1) = 3.5 N; the subgraph
  // allows first ≤ 500, so three of them: 3.5 × (500 + 500 + 428) = 4998, with 429: 5001.5
  const cost = (last: number) =>
    `{ ${[500, 500, last].map((n, i) => `s${i}: trainingSessions(hostAssociationId: "${associationId}", first: ${n}) { id }`).join(' ')} }`;
  it('cost: 4998 passes, 5001.5 is rejected', async () => {
    expectPassed(await (await asStaff(cost(428)))());
    await expectRejected(await asStaff(cost(429)), /Cost limit of 5000 exceeded, found 5001\.5/);
  });

  it('body size: 200 000 bytes pass, 200 001 are refused with 413', async () => {
    const body = (size: number) => {
      const base = JSON.stringify({ query: '{ termsOfUse { version } }', variables: { pad: '' } });
      return JSON.stringify({
        query: '{ termsOfUse { version } }',
        variables: { pad: 'x'.repeat(size - base.length) },
      });
    };
    expect(Buffer.byteLength(body(200_000))).toBe(200_000);
    const send = (b: string) =>
      fetch(stack.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: b });
    const ok = await send(body(200_000));
    expect(ok.status).toBe(200);
    const before = sqlTotals();
    const tooBig = await send(body(200_001));
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { data?: unknown }).data).toBeUndefined();
    expect(sqlTotals()).toEqual(before);
  });

  it('refuses array batching', async () => {
    const before = sqlTotals();
    const res = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { query: '{ termsOfUse { version } }' },
        { query: '{ termsOfUse { version } }' },
      ]),
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).not.toContain('"data"');
    expect(sqlTotals()).toEqual(before);
  });

  it('gives no field suggestions', async () => {
    const res = await stack.query('{ termsOfUs { versio } }');
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    for (const e of res.body.errors ?? []) expect(e.message).not.toMatch(/Did you mean|termsOfUse/);
  });

  it('allows introspection outside production and refuses it in production', async () => {
    const q = '{ __schema { queryType { name } } }';
    expect((await stack.query<{ __schema: unknown }>(q)).body.data?.__schema).toEqual({
      queryType: { name: 'Query' },
    });
    const prod = await production.query(q);
    expect(prod.status).toBe(400);
    expect(prod.body.data).toBeUndefined();
    expect(prod.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('supports automatic persisted queries (POST and GET)', async () => {
    const query = 'query ApqTerms { termsOfUse { version } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const post = (body: unknown) =>
      fetch(stack.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] },
      }));
    const miss = await post({ extensions });
    expect(miss.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await post({ query, extensions })).body.data).toEqual({ termsOfUse: { version: '1.01' } });
    expect((await post({ extensions })).body.data).toEqual({ termsOfUse: { version: '1.01' } });
    const get = await fetch(
      `${stack.gatewayUrl}?extensions=${encodeURIComponent(JSON.stringify(extensions))}`,
      { headers: { 'apollo-require-preflight': 'true' } },
    );
    expect(get.status).toBe(200);
    expect(((await get.json()) as { data: unknown }).data).toEqual({ termsOfUse: { version: '1.01' } });
    // a wrong hash for a query is refused
    const wrong = await post({ query: '{ termsOfUse { titleJa } }', extensions });
    expect(wrong.status).toBe(400);
  });
});
