import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { ExtraRoute } from './http';
import type { Logger } from './logger';
import type { Relation } from './access/policy';
import type { Viewer } from './viewer';

/** What a document link stands for: one document, for one viewer, until `exp`. */
export interface DocumentLinkClaims<Kind extends string = string> {
  /** Which kind of document (each service names its own, e.g. C: a certificate, I: an invoice). */
  kind: Kind;
  /** The document's record id (a certificate, an attendance, an invoice). */
  id: string;
  /** The person the document is about (for the audit record). */
  personId: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
  /** Who asked (recorded in the audit trail when the document is fetched). */
  viewer: Pick<Viewer, 'kind' | 'sub' | 'associationId' | 'actor'>;
  /** The viewer's relations to the person when the link was issued. */
  relations: Relation[];
}

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/**
 * Short-lived, signed download links (HMAC-SHA256): the GraphQL field that returns one has
 * already decided that the viewer may read the document; the link carries that decision (and who
 * made the request, for the audit record) to the download route, which needs no token. `purpose`
 * keeps one service's links from being accepted by another's (a key of its own from one secret).
 */
export class SignedDocumentLinks<Kind extends string> {
  private readonly key: Buffer;

  constructor(
    secret: string,
    purpose: string,
    private readonly kinds: readonly Kind[],
  ) {
    this.key = createHash('sha256').update(`mamis ${purpose}\0${secret}`).digest();
  }

  sign(claims: DocumentLinkClaims<Kind>): string {
    const body = b64(JSON.stringify(claims));
    return `${body}.${b64(createHmac('sha256', this.key).update(body).digest())}`;
  }

  /**
   * A download of one document for `viewer` (whose relations to the person were just decided):
   * the path under `prefix` with a signed token valid for `ttlSeconds`.
   */
  download(
    prefix: string,
    document: { kind: Kind; id: string; personId: string; fileName: string },
    viewer: Viewer,
    relations: Iterable<Relation>,
    ttlSeconds: number,
  ): { path: string; expiresAt: Date; fileName: string; contentType: string } {
    const exp = Math.floor(Date.now() / 1000) + ttlSeconds;
    const token = this.sign({
      kind: document.kind,
      id: document.id,
      personId: document.personId,
      exp,
      viewer: {
        kind: viewer.kind,
        sub: viewer.sub,
        associationId: viewer.associationId,
        actor: viewer.actor,
      },
      relations: [...relations],
    });
    return {
      path: `${prefix}${token}`,
      expiresAt: new Date(exp * 1000),
      fileName: document.fileName,
      contentType: 'application/pdf',
    };
  }

  /** The claims of a valid, unexpired token; null otherwise. */
  verify(token: string, nowMs = Date.now()): DocumentLinkClaims<Kind> | null {
    const m = /^([A-Za-z0-9_-]{10,4000})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!m) return null;
    const expected = createHmac('sha256', this.key).update(m[1]!).digest();
    const given = Buffer.from(m[2]!, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    let claims: DocumentLinkClaims<Kind>;
    try {
      claims = JSON.parse(Buffer.from(m[1]!, 'base64url').toString('utf8')) as DocumentLinkClaims<Kind>;
    } catch {
      return null;
    }
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= nowMs) return null;
    if (!this.kinds.includes(claims.kind)) return null;
    return claims;
  }
}

const notFound = (res: Parameters<ExtraRoute['handler']>[1]) => {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(
    '見つかりません（リンクの有効期限切れの可能性があります） / Not found (the link may have expired)\n',
  );
};

/**
 * `GET <prefix><signed token>`: a document's PDF (the gateway passes the path on). The token was
 * issued by a GraphQL field that decided the viewer may read the document; an invalid or expired
 * token is a 404. `download` audits the download before the document is sent (fail closed).
 */
export const pdfDocumentRoute = <Kind extends string>(opts: {
  prefix: string;
  links: SignedDocumentLinks<Kind>;
  download(claims: DocumentLinkClaims<Kind>): Promise<{ fileName: string; pdf: Buffer } | null>;
  /** What the documents are, for the log (e.g. `certificate document`). */
  what: string;
  log: Logger;
}): ExtraRoute => ({
  prefix: opts.prefix,
  handler: async (req, res, url) => {
    const claims = opts.links.verify(url.pathname.slice(opts.prefix.length));
    if (!claims) return notFound(res);
    let doc: { fileName: string; pdf: Buffer } | null;
    try {
      doc = await opts.download(claims);
    } catch (err) {
      opts.log.error({ err: (err as Error).message, id: claims.id }, `${opts.what} failed`);
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.end('Internal server error\n');
      return;
    }
    if (!doc) return notFound(res);
    res.writeHead(200, {
      'content-type': 'application/pdf',
      'content-length': String(doc.pdf.length),
      'content-disposition': `attachment; filename="${doc.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(req.method === 'HEAD' ? undefined : doc.pdf);
  },
});
