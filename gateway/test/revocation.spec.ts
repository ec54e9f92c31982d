import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, HttpError } from '@mamis/platform';
import { createRevocationFeedCheck } from '../src/revocation';

/** The gateway's reads of the identity service's revocation feed. */
describe('revocation feed check', () => {
  let server: http.Server;
  let url: string;
  let entries: { key: string; notBefore: number }[] = [];
  let reads = 0;
  let delayMs = 0;
  let status = 200;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      reads++;
      // the answer is what the store holds when the read ARRIVES
      const body = JSON.stringify({ entries: [...entries] });
      setTimeout(() => {
        if (req.headers['x-revocation-feed-secret'] !== 'secret') return res.writeHead(401).end();
        res.writeHead(status, { 'content-type': 'application/json' }).end(body);
      }, delayMs);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/internal/revocations`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    entries = [];
    reads = 0;
    delayMs = 0;
    status = 200;
  });

  const check = (secret = 'secret') =>
    createRevocationFeedCheck({ url, secret, timeoutMs: 1_000, log: createLogger('test', 'silent') });
  const iat = 1_800_000_000;

  it('refuses a token whose account, actor, person or client was revoked at or after its iat', async () => {
    const c = check();
    entries = [
      { key: 'account:a1', notBefore: iat },
      { key: 'person:p1', notBefore: iat + 10 },
      { key: 'client:c1', notBefore: iat - 1 },
    ];
    expect(await c.refused({ sub: 'a1', iat })).toBe(true);
    expect(await c.refused({ sub: 'x', act: { sub: 'a1' }, iat })).toBe(true);
    expect(await c.refused({ sub: 'x', person_id: 'p1', iat })).toBe(true);
    expect(await c.refused({ sub: 'x', client_id: 'c1', iat })).toBe(false); // issued after it
    expect(await c.refused({ sub: 'a1', iat: iat + 1 })).toBe(false); // issued after it
    expect(await c.refused({ sub: 'a1' })).toBe(true); // no iat: refused when anything matches
  });

  it('never answers a request from a read that started before it arrived', async () => {
    const c = check();
    delayMs = 150;
    const first = c.refused({ sub: 'a1', iat }); // read 1 in flight, store empty
    await new Promise((r) => setTimeout(r, 30));
    entries = [{ key: 'account:a1', notBefore: iat }]; // revoked while read 1 is in flight
    const second = c.refused({ sub: 'a1', iat });
    const third = c.refused({ sub: 'a1', iat });
    expect(await first).toBe(false);
    expect(await second).toBe(true);
    expect(await third).toBe(true);
    expect(reads).toBe(2); // the second and third share one read
  });

  it('fails closed: a feed that does not answer or refuses the secret gives 503', async () => {
    status = 500;
    await expect(check().refused({ sub: 'a1', iat })).rejects.toMatchObject({ status: 503 });
    status = 200;
    await expect(check('wrong').refused({ sub: 'a1', iat })).rejects.toBeInstanceOf(HttpError);
  });
});
