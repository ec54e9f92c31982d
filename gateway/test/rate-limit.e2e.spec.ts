import { randomUUID } from 'node:crypto';
import net from 'node:net';
import Redis from 'ioredis';
import { createTestDatabase, type TestDatabase } from '../../test/support/database';
import { postGraphQL, startStack, type GatewayInstance, type Stack } from '../../test/support/stack';
import { buildTermsVersion } from '../../test/support/builders';

const REDIS_URL = process.env.MAMIS_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const TERMS = '{ termsOfUse { version } }';

/** Is a Redis answering PING at REDIS_URL? */
function redisReachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

/**
 * Per-viewer rate limit → HTTP 429 + RATE_LIMITED, before anything runs; in memory per instance,
 * shared through Redis between replicas. (Windows of one hour: a window boundary cannot fall
 * inside a test run by chance.)
 */
describe('rate limit', () => {
  let db: TestDatabase;
  let stack: Stack;
  const hour = '3600000';

  beforeAll(async () => {
    db = await createTestDatabase();
    await buildTermsVersion(await db.admin());
    stack = await startStack(db);
  });
  afterAll(async () => {
    await stack?.close();
    await db?.drop();
  });

  const sqlTotals = () =>
    Object.fromEntries(Object.entries(stack.services).map(([n, s]) => [n, s.sql.total]));

  async function expectLimited(res: Awaited<ReturnType<typeof postGraphQL>>) {
    expect(res.status).toBe(429);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors).toEqual([
      {
        message: 'リクエストが多すぎます。しばらくしてから再度お試しください。 (Too many requests)',
        extensions: { code: 'RATE_LIMITED', details: { reason: 'RATE_LIMITED' } },
      },
    ]);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  }

  it('limits each viewer separately, in memory', async () => {
    const gw = await stack.startGateway({
      RATE_LIMIT_MAX: '3',
      RATE_LIMIT_ANONYMOUS_MAX: '2',
      RATE_LIMIT_WINDOW_MS: hour,
    });
    const alice = await stack.tokenFor({ kind: 'CLIENT', sub: 'alice', scopes: [] });
    const bob = await stack.tokenFor({ kind: 'CLIENT', sub: 'bob', scopes: [] });
    const as = (token: string) => postGraphQL(gw.url, TERMS, undefined, { authorization: `Bearer ${token}` });
    for (let i = 0; i < 3; i++) expect((await as(alice)).status).toBe(200);
    const before = sqlTotals();
    await expectLimited(await as(alice));
    expect(sqlTotals()).toEqual(before);
    expect((await as(bob)).status).toBe(200);
    // anonymous callers are counted by address, with their own limit
    expect((await gw.query(TERMS)).status).toBe(200);
    expect((await gw.query(TERMS)).status).toBe(200);
    await expectLimited(await gw.query(TERMS));
    await gw.close();
  });

  it('behind a proxy, counts anonymous callers by the address the proxy added (CLIENT_IP_HEADER)', async () => {
    const gw = await stack.startGateway({
      RATE_LIMIT_ANONYMOUS_MAX: '1',
      RATE_LIMIT_WINDOW_MS: hour,
      CLIENT_IP_HEADER: 'X-Forwarded-For',
    });
    const from = (xff: string) => postGraphQL(gw.url, TERMS, undefined, { 'x-forwarded-for': xff });
    expect((await from('192.0.2.1')).status).toBe(200);
    await expectLimited(await from('192.0.2.1'));
    // a client cannot choose its key by prepending addresses: the proxy's (last) entry counts
    await expectLimited(await from('198.51.100.7, 192.0.2.1'));
    expect((await from('192.0.2.1, 192.0.2.2')).status).toBe(200);
    await gw.close();
  });

  it('counts requests with an invalid token by client address, like anonymous ones', async () => {
    const gw = await stack.startGateway({
      RATE_LIMIT_ANONYMOUS_MAX: '2',
      RATE_LIMIT_WINDOW_MS: hour,
      CLIENT_IP_HEADER: 'X-Forwarded-For',
    });
    const forged = (xff: string, n: number) =>
      postGraphQL(gw.url, TERMS, undefined, {
        authorization: `Bearer not-a-token-${n}`,
        'x-forwarded-for': xff,
      });
    expect((await forged('192.0.2.50', 1)).status).toBe(401);
    expect((await forged('192.0.2.50', 2)).status).toBe(401);
    // the third guess from that address is refused before the token is looked at again
    await expectLimited(await forged('192.0.2.50', 3));
    // the address's anonymous requests share the count
    await expectLimited(await postGraphQL(gw.url, TERMS, undefined, { 'x-forwarded-for': '192.0.2.50' }));
    // another address is not affected
    expect((await forged('192.0.2.51', 4)).status).toBe(401);
    await gw.close();
  });

  it('two instances WITHOUT Redis count separately (the reason for Redis)', async () => {
    const opts = { RATE_LIMIT_MAX: '2', RATE_LIMIT_WINDOW_MS: hour };
    const [a, b] = [await stack.startGateway(opts), await stack.startGateway(opts)];
    const token = await stack.tokenFor({ kind: 'CLIENT', sub: 'carol', scopes: [] });
    const statuses: number[] = [];
    for (const gw of [a, b, a, b, a, b])
      statuses.push(
        (await postGraphQL(gw.url, TERMS, undefined, { authorization: `Bearer ${token}` })).status,
      );
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    await a.close();
    await b.close();
  });

  it('two instances sharing Redis agree on one limit', async () => {
    if (!(await redisReachable(REDIS_URL))) {
      console.warn(`rate limit / Redis: SKIPPED — no Redis answers at ${REDIS_URL}`);
      return;
    }
    const prefix = `mamis:test:${randomUUID()}:`;
    const opts = {
      RATE_LIMIT_MAX: '4',
      RATE_LIMIT_WINDOW_MS: hour,
      REDIS_URL,
      RATE_LIMIT_REDIS_PREFIX: prefix,
    };
    let a: GatewayInstance | undefined;
    let b: GatewayInstance | undefined;
    const redis = new Redis(REDIS_URL);
    try {
      a = await stack.startGateway(opts);
      b = await stack.startGateway(opts);
      const token = await stack.tokenFor({ kind: 'CLIENT', sub: 'dave', scopes: [] });
      const other = await stack.tokenFor({ kind: 'CLIENT', sub: 'erin', scopes: [] });
      const statuses: number[] = [];
      for (const gw of [a, b, a, b, a, b])
        statuses.push(
          (await postGraphQL(gw.url, TERMS, undefined, { authorization: `Bearer ${token}` })).status,
        );
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
      await expectLimited(await postGraphQL(b.url, TERMS, undefined, { authorization: `Bearer ${token}` }));
      expect((await postGraphQL(a.url, TERMS, undefined, { authorization: `Bearer ${other}` })).status).toBe(
        200,
      );
      // the counter lives in Redis, with an expiry
      const keys = await redis.keys(`${prefix}*`);
      expect(keys.length).toBe(2);
      expect(await redis.pttl(keys[0]!)).toBeGreaterThan(0);
    } finally {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
      await a?.close();
      await b?.close();
    }
  });

  it('keeps serving (counting in memory) when Redis is unreachable', async () => {
    const gw = await stack.startGateway({
      RATE_LIMIT_MAX: '2',
      RATE_LIMIT_WINDOW_MS: hour,
      REDIS_URL: 'redis://127.0.0.1:9',
    });
    const token = await stack.tokenFor({ kind: 'CLIENT', sub: 'frank', scopes: [] });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push(
        (await postGraphQL(gw.url, TERMS, undefined, { authorization: `Bearer ${token}` })).status,
      );
    expect(statuses).toEqual([200, 200, 429]);
    await gw.close();
  });
});
