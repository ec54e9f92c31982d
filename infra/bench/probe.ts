/**
 * Counting what one operation costs behind the gateway: recording proxies in front of the four
 * subgraphs (subgraph fetches, and the `x-sql-statements` header each subgraph answers with), and a
 * probe gateway (ours, same configuration) that calls the subgraphs through them. Used only for
 * a few sequential probe requests, never under load, so the proxies do not distort any timing.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProbeCounts {
  /** Subgraph name → fetches. */
  fetches: Record<string, number>;
  /** Subgraph name → SQL statements. */
  sqlStatements: Record<string, number>;
}

export interface RecordingProxies {
  /** Subgraph name → the proxy's GraphQL URL. */
  urls: Record<string, string>;
  reset(): void;
  counts(): ProbeCounts;
  close(): Promise<void>;
}

export async function startRecordingProxies(targets: Record<string, string>): Promise<RecordingProxies> {
  let fetches: Record<string, number> = {};
  let sql: Record<string, number> = {};
  const servers: http.Server[] = [];
  const urls: Record<string, string> = {};
  for (const [name, target] of Object.entries(targets)) {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) {
          if (v === undefined || k === 'host' || k === 'connection' || k === 'content-length') continue;
          headers[k] = Array.isArray(v) ? v.join(', ') : v;
        }
        fetches[name] = (fetches[name] ?? 0) + 1;
        fetch(target, {
          method: req.method,
          headers,
          body: req.method === 'POST' ? Buffer.concat(chunks) : undefined,
        })
          .then(async (r) => {
            const n = r.headers.get('x-sql-statements');
            if (n !== null) sql[name] = (sql[name] ?? 0) + Number(n);
            const body = Buffer.from(await r.arrayBuffer());
            res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' });
            res.end(body);
          })
          .catch((err: Error) => {
            res.writeHead(502).end(err.message);
          });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    urls[name] = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  }
  return {
    urls,
    reset() {
      fetches = {};
      sql = {};
    },
    counts: () => ({ fetches: { ...fetches }, sqlStatements: { ...sql } }),
    close: () =>
      Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.closeAllConnections();
              s.close(() => resolve());
            }),
        ),
      ).then(() => undefined),
  };
}
