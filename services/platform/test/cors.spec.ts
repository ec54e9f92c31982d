import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { applyCors, corsOriginsSetting, graphqlCorsPolicy } from '../src/cors';

describe('CORS allow-list', () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    const policy = graphqlCorsPolicy(['http://127.0.0.1:5173', 'https://portal.example.jp'], 600);
    server = http.createServer((req, res) => {
      if (applyCors(policy, req, res)) return;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const preflight = (origin: string, method = 'POST', headers = 'authorization,content-type') =>
    fetch(`${base}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': method,
        'access-control-request-headers': headers,
      },
    });

  it('answers a listed origin’s preflight with methods, headers and a max-age', async () => {
    const res = await preflight('http://127.0.0.1:5173');
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
    expect(res.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
    expect(res.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(res.headers.get('access-control-allow-headers')).toMatch(/content-type/);
    expect(res.headers.get('access-control-max-age')).toBe('600');
    expect(res.headers.get('vary')).toBe('Origin');
  });

  it('gives another origin nothing: its preflight is 403 without any CORS header', async () => {
    const res = await preflight('http://evil.example');
    expect(res.status).toBe(403);
    expect([...res.headers.keys()].filter((k) => k.startsWith('access-control-'))).toEqual([]);
    const get = await fetch(`${base}/graphql`, { headers: { origin: 'http://evil.example' } });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a method or header outside the policy, even for a listed origin', async () => {
    expect((await preflight('https://portal.example.jp', 'DELETE')).status).toBe(403);
    const res = await preflight('https://portal.example.jp', 'POST', 'x-custom-thing');
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('marks a listed origin’s actual request readable and exposes the request id', async () => {
    const res = await fetch(`${base}/graphql`, { headers: { origin: 'https://portal.example.jp' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://portal.example.jp');
    expect(res.headers.get('access-control-expose-headers')).toMatch(/x-request-id/);
  });

  it('leaves requests without Origin alone', async () => {
    const res = await fetch(`${base}/graphql`);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('vary')).toBeNull();
  });

  it('accepts only exact origins in configuration', () => {
    const schema = z.object({ CORS_ORIGINS: corsOriginsSetting });
    expect(
      schema.parse({
        CORS_ORIGINS: 'http://127.0.0.1:5173, https://portal.example.jp,http://127.0.0.1:5173',
      }),
    ).toEqual({ CORS_ORIGINS: ['http://127.0.0.1:5173', 'https://portal.example.jp'] });
    expect(schema.parse({ CORS_ORIGINS: '' })).toEqual({ CORS_ORIGINS: [] });
    for (const bad of [
      '*',
      'http://127.0.0.1:5173/',
      'https://portal.example.jp/app',
      'ftp://x.example',
      'portal',
    ])
      expect(schema.safeParse({ CORS_ORIGINS: bad }).success).toBe(false);
  });
});
