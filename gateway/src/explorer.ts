import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type http from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ApolloServerPlugin } from '@apollo/server';
import { repoRoot, type Logger } from '@mamis/platform';

/** The development client registered with the identity service for the explorer (demo data). */
export const EXPLORER_CLIENT_ID = 'mamis-explorer';

const EXPLORER_DIR = path.join(repoRoot, 'gateway', 'explorer');
const DEFAULT_QUERY = `# MAMIS API explorer (development only).
# Sign in as a demo user (the button above; accounts in .data/demo-credentials.json),
# then run a query. Public without signing in: termsOfUse, jointUseNotice, verifyCertificate.
{
  termsOfUse { version effectiveFrom titleJa }
}
`;

export interface ExplorerOptions {
  /** The identity service as browsers reach it (the token issuer). */
  issuer: string;
  clientId?: string;
  log: Logger;
}

type Route = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

/** JSON inside a <script> element (no entity decoding there): `<`, `>` and `&` as \\u escapes. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** The explorer's security headers: only this origin's script and styles, no framing. */
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    "font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/** The bundle's cache folder: one per version of what goes into it. */
function bundleDir(): string {
  const hash = createHash('sha256');
  for (const file of ['explorer.mjs', 'build-explorer.mjs'])
    hash.update(readFileSync(path.join(EXPLORER_DIR, file)));
  for (const pkg of ['graphiql', 'react', 'react-dom', '@graphiql/react']) {
    const json = path.join(repoRoot, 'node_modules', pkg, 'package.json');
    hash.update(
      existsSync(json) ? (JSON.parse(readFileSync(json, 'utf8')) as { version: string }).version : pkg,
    );
  }
  return path.join(repoRoot, 'node_modules', '.cache', 'mamis-explorer', hash.digest('hex').slice(0, 16));
}

/**
 * The local API explorer (development only): `GET /` is GraphiQL bundled from npm (no CDN) on
 * this gateway's /graphql; a developer signs in through the identity service (authorization code
 * + PKCE with the development client `mamis-explorer`) and explores as a demo user.
 * - `GET /` the page, `GET /explorer/explorer.js|.css` the bundle (built with esbuild the first
 *   time, cached in node_modules/.cache/mamis-explorer/);
 * - `POST /explorer/token` exchanges the authorization code at the identity service's token
 *   endpoint (server to server: no cross-origin call from the page), answering only the access
 *   token and its lifetime.
 */
export function explorerRoutes(opts: ExplorerOptions): Record<string, Route> {
  const issuer = opts.issuer.replace(/\/$/, '');
  const clientId = opts.clientId ?? EXPLORER_CLIENT_ID;
  let built: Promise<string> | undefined;
  const build = () =>
    (built ??= (async () => {
      const dir = bundleDir();
      if (!existsSync(path.join(dir, 'explorer.js')) || !existsSync(path.join(dir, 'explorer.css'))) {
        opts.log.info({ dir }, 'building the API explorer (GraphiQL) …');
        await promisify(execFile)(process.execPath, [path.join(EXPLORER_DIR, 'build-explorer.mjs'), dir], {
          timeout: 120_000,
        });
      }
      return dir;
    })().catch((err: unknown) => {
      built = undefined;
      throw err;
    }));

  const asset =
    (file: string, contentType: string): Route =>
    async (req, res) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(res, 'GET, HEAD');
      let body: Buffer;
      try {
        body = await readFile(path.join(await build(), file));
      } catch (err) {
        opts.log.error({ err: (err as Error).message }, 'the API explorer could not be built');
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('The API explorer could not be built (see the gateway log)\n');
        return;
      }
      res.writeHead(200, {
        'content-type': contentType,
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    };

  const page: Route = async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(res, 'GET, HEAD');
    const host = req.headers.host ?? '127.0.0.1';
    const config = {
      graphqlPath: '/graphql',
      authorizationEndpoint: `${issuer}/auth`,
      clientId,
      // the page itself receives the code (registered redirect URI of the development client)
      redirectUri: `http://${host}/`,
      scope: 'openid',
      defaultQuery: DEFAULT_QUERY,
    };
    const html = `<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>MAMIS API explorer (development)</title>
<link rel="stylesheet" href="/explorer/explorer.css">
<link rel="stylesheet" href="/explorer/page.css">
</head>
<body>
<noscript>GraphiQL needs JavaScript.</noscript>
<div id="explorer"></div>
<script type="application/json" id="explorer-config">${scriptJson(config)}</script>
<script src="/explorer/explorer.js"></script>
</body>
</html>`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...PAGE_HEADERS });
    res.end(req.method === 'HEAD' ? undefined : html);
  };

  const pageCss: Route = async (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'no-cache' });
    res.end(
      'html,body,#explorer{height:100%;margin:0}' +
        '.explorer{display:flex;flex-direction:column;height:100%}' +
        '.explorer-bar{display:flex;gap:1rem;align-items:center;flex-wrap:wrap;padding:.4rem .8rem;' +
        'background:#0b3d6e;color:#fff;font-family:system-ui,sans-serif}' +
        '.explorer-bar button{margin-left:.5rem}.explorer-problem{color:#ffd7d7}' +
        '.explorer .graphiql-container{flex:1;min-height:0}',
    );
  };

  const token: Route = async (req, res) => {
    if (req.method !== 'POST') return methodNotAllowed(res, 'POST');
    let input: { code?: unknown; codeVerifier?: unknown };
    try {
      input = JSON.parse(await readSmallBody(req)) as typeof input;
    } catch {
      return sendJson(res, 400, { error: 'invalid_request' });
    }
    if (typeof input.code !== 'string' || typeof input.codeVerifier !== 'string')
      return sendJson(res, 400, { error: 'invalid_request' });
    const host = req.headers.host ?? '127.0.0.1';
    let upstream: Response;
    try {
      upstream = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code: input.code,
          code_verifier: input.codeVerifier,
          redirect_uri: `http://${host}/`,
          client_id: clientId,
        }).toString(),
        signal: AbortSignal.timeout(10_000),
      });
    } catch {
      return sendJson(res, 502, { error: 'identity_unavailable' });
    }
    const body = (await upstream.json().catch(() => ({}))) as Record<string, unknown>;
    if (!upstream.ok) return sendJson(res, upstream.status, { error: body.error ?? 'token_request_failed' });
    return sendJson(res, 200, { access_token: body.access_token, expires_in: body.expires_in });
  };

  return {
    '/': page,
    '/explorer/explorer.js': asset('explorer.js', 'text/javascript; charset=utf-8'),
    '/explorer/explorer.css': asset('explorer.css', 'text/css; charset=utf-8'),
    '/explorer/page.css': pageCss,
    '/explorer/token': token,
  };
}

/** Apollo's landing page for a browser opening /graphql: a link to the explorer (no CDN). */
export function explorerLandingPage(): ApolloServerPlugin {
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return {
            html: `<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>MAMIS GraphQL</title>
<meta http-equiv="refresh" content="0; url=/"></head><body><p><a href="/">API explorer</a></p></body></html>`,
          };
        },
      };
    },
  };
}

function methodNotAllowed(res: http.ServerResponse, allow: string): void {
  res.writeHead(405, { allow, 'content-type': 'text/plain; charset=utf-8' });
  res.end('Method not allowed\n');
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function readSmallBody(req: http.IncomingMessage, limit = 8_192): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
