import type { Attributes, AttributeValue } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

/**
 * What leaves a process in a span (tracing.ts): no personal data. The instrumentations are set up
 * not to record values (GraphQL sources with `*` for literals and no variables, SQL text without
 * parameter values, no headers); this is the net under them, applied to every span before it is
 * exported, whichever instrumentation made it:
 *
 * - URLs keep their path only: a query string (GraphQL over GET carries `query` and `variables`
 *   there) is cut from `url.full`, `http.url`, `http.target`, and `url.query` is dropped;
 * - SQL text keeps its structure, every quoted literal becomes `'?'`: the row-security settings
 *   (rls.ts) inline the viewer's ids as literals, and a repository may inline a value too;
 * - the end user's address is dropped from server spans (`client.address`, `http.client_ip`,
 *   `network.peer.address`, `net.peer.ip`, `net.sock.peer.addr`);
 * - exception events keep their type only and the status its code: messages such as GraphQL's
 *   `Variable "$x" got invalid value …` or a database error may quote input.
 *
 * And only requests make traces: a span without a parent that is not a SERVER span (the schema
 * parsing at start-up) is not exported. Loaded by tracing-sdk.ts only, like the SDK.
 */

/** Attributes whose value is a URL or a request target: the query string is cut. */
const URL_KEYS = new Set(['url.full', 'http.url', 'http.target']);
/** Attributes dropped wherever they are. */
const DROPPED_KEYS = new Set(['url.query', 'db.postgresql.values', 'graphql.document']);
/** Attributes prefixed with these are dropped (GraphQL variables when `allowValues` is on). */
const DROPPED_PREFIXES = ['graphql.variables.', 'http.request.header.', 'http.response.header.'];
/** The peer's address on a SERVER span: the end user (or the proxy in front of them). */
const CLIENT_ADDRESS_KEYS = new Set([
  'client.address',
  'client.port',
  'http.client_ip',
  'network.peer.address',
  'network.peer.port',
  'net.peer.ip',
  'net.peer.port',
  'net.sock.peer.addr',
  'net.sock.peer.port',
]);
/** SQL text: the stable and the older attribute. */
const SQL_KEYS = new Set(['db.query.text', 'db.statement']);
/** Attributes of an exception event that are kept. */
const EXCEPTION_KEPT_KEYS = new Set(['exception.type', 'exception.escaped']);

/** SpanKind.SERVER of @opentelemetry/api. */
const SPAN_KIND_SERVER = 1;

/** Cut `?…` (and `#…`) from a URL or a request target. */
export function withoutQuery(value: string): string {
  const cut = value.search(/[?#]/);
  return cut === -1 ? value : value.slice(0, cut);
}

/**
 * Every quoted literal of a SQL text as `'?'`: standard strings (`'…'` with `''` inside, also
 * `E'…'` with backslash escapes) and dollar-quoted strings (`$$…$$`, `$tag$…$tag$`). Quoted
 * identifiers (`"…"`), `$1` placeholders and numbers stay. A statement cut short (an unterminated
 * literal) loses everything from the opening quote.
 */
export function maskSqlLiterals(sql: string): string {
  let out = '';
  let i = 0;
  const special = /["'$]/g;
  for (;;) {
    special.lastIndex = i;
    const found = special.exec(sql);
    if (!found) return out + sql.slice(i);
    const at = found.index;
    out += sql.slice(i, at);
    const c = sql[at]!;
    if (c === '"') {
      // a quoted identifier: copied as it is
      const end = sql.indexOf('"', at + 1);
      i = end === -1 ? sql.length : end + 1;
      out += sql.slice(at, i);
    } else if (c === "'") {
      // E'…' (backslash escapes) when an E stands right before the quote as a word of its own
      const escapes = /^(?:^|[^A-Za-z0-9_$])[Ee]$/.test(sql.slice(Math.max(0, at - 2), at));
      if (escapes) out = out.slice(0, -1);
      i = skipQuoted(sql, at + 1, escapes);
      out += "'?'";
    } else {
      // `$tag$…$tag$` / `$$…$$` (not `$1`, not a `$` inside a word)
      const tag = /[A-Za-z0-9_]/.test(sql[at - 1] ?? '')
        ? undefined
        : /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(at, at + 64))?.[0];
      if (!tag) {
        out += c;
        i = at + 1;
        continue;
      }
      const end = sql.indexOf(tag, at + tag.length);
      i = end === -1 ? sql.length : end + tag.length;
      out += "'?'";
    }
  }
}

/** The index after the closing quote of a literal whose text starts at `i` (or the end). */
function skipQuoted(sql: string, i: number, backslashEscapes: boolean): number {
  while (i < sql.length) {
    const c = sql[i]!;
    if (backslashEscapes && c === '\\') i += 2;
    else if (c === "'" && sql[i + 1] === "'") i += 2;
    else if (c === "'") return i + 1;
    else i += 1;
  }
  return sql.length;
}

function redactValue(key: string, value: AttributeValue): AttributeValue {
  if (typeof value !== 'string') return value;
  if (URL_KEYS.has(key)) return withoutQuery(value);
  if (SQL_KEYS.has(key)) return maskSqlLiterals(value);
  return value;
}

/** The attributes of a span as they may leave the process. */
export function redactSpanAttributes(attributes: Attributes, server: boolean): Attributes {
  const out: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || DROPPED_KEYS.has(key)) continue;
    if (DROPPED_PREFIXES.some((p) => key.startsWith(p))) continue;
    if (server && CLIENT_ADDRESS_KEYS.has(key)) continue;
    out[key] = redactValue(key, value);
  }
  return out;
}

/** An event's attributes: an exception keeps its type; other events are redacted like spans. */
export function redactEventAttributes(
  name: string,
  attributes: Attributes | undefined,
): Attributes | undefined {
  if (!attributes) return attributes;
  if (name !== 'exception') return redactSpanAttributes(attributes, false);
  return Object.fromEntries(Object.entries(attributes).filter(([key]) => EXCEPTION_KEPT_KEYS.has(key)));
}

/** A span as it may leave the process (a view over the original: its methods still answer). */
export function redactSpan(span: ReadableSpan): ReadableSpan {
  const server = span.kind === SPAN_KIND_SERVER;
  return Object.create(span, {
    attributes: { value: redactSpanAttributes(span.attributes, server), enumerable: true },
    events: {
      value: span.events.map((e) => ({ ...e, attributes: redactEventAttributes(e.name, e.attributes) })),
      enumerable: true,
    },
    // the code stays (error or not); a message may quote input
    status: { value: { code: span.status.code }, enumerable: true },
    links: {
      value: span.links.map((l) => ({
        ...l,
        attributes: l.attributes && redactSpanAttributes(l.attributes, false),
      })),
      enumerable: true,
    },
  }) as ReadableSpan;
}

/** A span of a request: a SERVER span, or a span with a parent (local or from the caller). */
export const isRequestSpan = (span: ReadableSpan): boolean =>
  span.parentSpanContext !== undefined || span.kind === SPAN_KIND_SERVER;

/** Exports the spans of requests only (isRequestSpan), each one redacted (redactSpan). */
export class RedactingSpanExporter implements SpanExporter {
  constructor(private readonly inner: SpanExporter) {}
  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    const kept = spans.filter(isRequestSpan);
    if (kept.length === 0) return resultCallback({ code: ExportResultCode.SUCCESS });
    this.inner.export(kept.map(redactSpan), resultCallback);
  }
  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}
