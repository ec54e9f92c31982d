import type http from 'node:http';
import { SECURITY_HEADERS } from './pages';

export class BodyTooLarge extends Error {}

export function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function readForm(req: http.IncomingMessage, limit = 64 * 1024): Promise<URLSearchParams> {
  const type = String(req.headers['content-type'] ?? '');
  const raw = await readBody(req, limit);
  if (!type.startsWith('application/x-www-form-urlencoded')) return new URLSearchParams();
  return new URLSearchParams(raw);
}

export function sendHtml(
  res: http.ServerResponse,
  status: number,
  html: string,
  extra: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...SECURITY_HEADERS, ...extra });
  res.end(html);
}

export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
) {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...extra,
  });
  res.end(JSON.stringify(body));
}

export function redirect(res: http.ServerResponse, location: string) {
  res.writeHead(303, { location, 'cache-control': 'no-store', 'content-length': '0' });
  res.end();
}

/**
 * The client's address: the socket's, or behind a trusted proxy the LAST X-Forwarded-For entry
 * (the one the proxy added; earlier entries are the client's own word).
 */
export function clientAddress(req: http.IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? req.headers['x-forwarded-for'] : undefined;
  const value = Array.isArray(forwarded) ? forwarded[forwarded.length - 1] : forwarded;
  return value?.split(',').pop()?.trim() || req.socket.remoteAddress || 'unknown';
}
