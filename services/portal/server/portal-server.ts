import { existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** What the page reads from `/config.json` (src/lib/config.ts). */
export interface PortalRuntimeConfig {
  gatewayUrl: string;
  issuer: string;
  clientId: string;
}

export interface PortalServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
};

/**
 * Serve a built portal: its static files (hashed assets cached for a year, index.html never),
 * `/config.json` (where the API and the identity service are), `/healthz` and `/readyz`, and
 * index.html for every other path without an extension (the single-page application's routes:
 * `/verify?code=…` from a QR code, `/callback`, `/me/…`). A Content-Security-Policy allows
 * scripts and styles from the portal only and connections to the gateway and the identity service.
 */
export function createPortalServer(distDir: string, config: PortalRuntimeConfig): http.Server {
  // computed per request: a test may fill in the gateway's URL once the gateway listens
  const headers = () => ({
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'content-security-policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      `connect-src 'self' ${originOf(config.gatewayUrl)} ${originOf(config.issuer)}`,
      `form-action 'self' ${originOf(config.issuer)}`,
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "object-src 'none'",
    ].join('; '),
  });
  const index = readFileSync(path.join(distDir, 'index.html'));
  const root = path.resolve(distDir);
  return http.createServer((req, res) => {
    const common = headers();
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', ...common }).end();
      return;
    }
    if (url.pathname === '/healthz' || url.pathname === '/readyz') {
      res.writeHead(200, { 'content-type': 'application/json', ...common }).end('{"status":"ok"}');
      return;
    }
    if (url.pathname === '/config.json') {
      res
        .writeHead(200, { 'content-type': TYPES['.json']!, 'cache-control': 'no-store', ...common })
        .end(JSON.stringify(config));
      return;
    }
    let file: string;
    try {
      file = path.resolve(root, `.${decodeURIComponent(url.pathname)}`);
    } catch {
      res.writeHead(400, common).end();
      return;
    }
    if (file.startsWith(root + path.sep) && existsSync(file) && statSync(file).isFile()) {
      const ext = path.extname(file);
      const immutable = file.startsWith(path.join(root, 'assets') + path.sep);
      res.writeHead(200, {
        'content-type': TYPES[ext] ?? 'application/octet-stream',
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        ...common,
      });
      res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
      return;
    }
    if (path.extname(url.pathname)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...common }).end('not found\n');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES['.html']!, 'cache-control': 'no-cache', ...common });
    res.end(req.method === 'HEAD' ? undefined : index);
  });
}

/** Build (once per source content) and serve the portal on host:port (0: any free port). */
export async function startPortal(
  distDir: string,
  config: PortalRuntimeConfig,
  port = 0,
  host = '127.0.0.1',
): Promise<PortalServer> {
  const server = createPortalServer(distDir, config);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    url: `http://${shown}:${bound}`,
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
