import { createHash } from 'node:crypto';
import pg from 'pg';
import { currentRequestScope, requestScope } from './request-scope';
import { SYSTEM, type DbViewer } from './db-viewer';
import { relationKeysOf, type RelationKeys } from './access/relation-facts';

/**
 * Row-level security, the database half (design.md "Defence in depth"): every person-keyed table
 * has RLS enabled and forced (infra/db/row-security.ts), and its policies read the viewer from
 * transaction-local settings (`set_config(..., true)`). This module puts the viewer there.
 *
 * Each service's pg pool uses `RlsClient`: while a request (or a job started with `runAsSystem`)
 * is in scope, every statement runs in a transaction whose first statement sets the viewer:
 * - a statement outside an explicit transaction becomes `BEGIN; set_config…; <statement>; COMMIT`;
 * - an explicit transaction (TypeORM's `START TRANSACTION`) gets the settings right after it, and
 *   `mamis.write = on`: inside a write transaction rows the viewer created in it stay readable
 *   (INSERT … RETURNING must see the new row); writes are decided before by the WRITE_POLICY.
 * With no viewer in scope (startup, migrations) nothing is set, and person-keyed tables return no
 * rows to service roles. The settings are transaction-local: nothing survives on a pooled
 * connection into the next request.
 */

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * The `set_config` statement for a viewer (values inlined as literals: a simple-query batch), and
 * the request's statement timeout when it has one.
 */
export function viewerSettingsSql(viewer: DbViewer, write: boolean, statementTimeoutMs?: number): string {
  const kind = viewer === SYSTEM ? SYSTEM : viewer.kind;
  // the same keys the relation forms match (relation-facts.ts): staff and an assistant of an
  // association through their association, a physician (or whoever acts as one) through their person
  const keys: RelationKeys =
    viewer === SYSTEM
      ? { person: null, association: null, national: false, societies: [] }
      : relationKeysOf(viewer);
  const settings: [string, string][] = [
    ['mamis.viewer_kind', kind],
    ['mamis.viewer_person', keys.person ?? ''],
    ['mamis.viewer_association', keys.association ?? ''],
    ['mamis.viewer_national', keys.national ? 'on' : ''],
    ['mamis.viewer_societies', keys.societies.join(',')],
    ['mamis.write', write ? 'on' : ''],
  ];
  if (statementTimeoutMs && statementTimeoutMs > 0)
    settings.push(['statement_timeout', String(Math.floor(statementTimeoutMs))]);
  return `SELECT ${settings.map(([k, val]) => `set_config(${literal(k)}, ${literal(val)}, true)`).join(', ')}`;
}

/** Run `fn` (and every statement it sends) as this viewer. */
export const runAsViewer = <T>(viewer: DbViewer, fn: () => Promise<T>): Promise<T> => {
  const outer = currentRequestScope();
  return requestScope.run(
    {
      requestId: outer?.requestId ?? 'job',
      sqlStatements: 0,
      viewer,
      // a request's statements stay bounded when it switches viewer (e.g. statistics as SYSTEM)
      statementTimeoutMs: outer?.statementTimeoutMs,
    },
    fn,
  );
};

/** Run a background job of a service (no request, no person viewer) with access to all rows. */
export const runAsSystem = <T>(fn: () => Promise<T>): Promise<T> => runAsViewer(SYSTEM, fn);

const TX_START = /^\s*(START\s+TRANSACTION|BEGIN)\b/i;
const TX_END = /^\s*(COMMIT|ROLLBACK|END)\s*;?\s*$/i;

type QueryArgs = Parameters<pg.Client['query']>;

/** Named prepared statements one connection keeps at most (PostgreSQL holds each one's plan). */
const MAX_PREPARED_STATEMENTS = 1000;

/** A pg client that runs every statement of a scoped viewer inside a transaction that sets it. */
export class RlsClient extends pg.Client {
  private inTransaction = false;
  /**
   * The statements this connection has prepared, text → name, at most MAX_PREPARED_STATEMENTS (the
   * name is hashed once per text, not per run).
   */
  private readonly prepared = new Map<string, string>();
  private readonly preparedStatements: boolean;

  /** Always in pipeline mode: `scoped` below sends its statements together (one round trip). */
  constructor(config?: string | (pg.ClientConfig & { preparedStatements?: boolean })) {
    super(
      typeof config === 'string'
        ? { connectionString: config, pipeline: true }
        : { ...config, pipeline: true },
    );
    this.preparedStatements = typeof config === 'string' ? true : (config?.preparedStatements ?? true);
  }

  /**
   * A parameterised statement as a named prepared statement of this connection: PostgreSQL parses
   * and rewrites it (row security's policies included) once per connection instead of every time,
   * and after five runs may keep a generic plan when it costs no more than the custom ones. The
   * viewer's settings are read by `current_setting` when the statement runs, never planned in, so
   * one prepared statement serves every viewer. Statements without parameters (possibly several in
   * one text: the simple protocol) and, past MAX_PREPARED_STATEMENTS distinct texts (lists with a
   * parameter per element make texts without end), new texts go unnamed as before.
   */
  private named(args: QueryArgs): QueryArgs {
    const [text, values] = args as unknown[];
    if (!this.preparedStatements || typeof text !== 'string' || !Array.isArray(values) || values.length === 0)
      return args;
    let name = this.prepared.get(text);
    if (name === undefined) {
      if (this.prepared.size >= MAX_PREPARED_STATEMENTS) return args;
      name = `mamis_${createHash('sha1').update(text).digest('base64url')}`;
      this.prepared.set(text, name);
    }
    return [{ name, text, values }] as unknown as QueryArgs;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const [first] = args;
    const text: unknown = typeof first === 'string' ? first : first?.text;
    const scope = currentRequestScope();
    const viewer = scope?.viewer;
    // callbacks, submittables (COPY, cursors) and unscoped statements go through untouched
    if (
      !viewer ||
      typeof text !== 'string' ||
      typeof args[args.length - 1] === 'function' ||
      typeof first?.submit === 'function'
    )
      return super.query(...(args as QueryArgs));
    return this.scoped(text, viewer, scope?.statementTimeoutMs, args as QueryArgs);
  }

  /**
   * Submit several statements with ONE socket write: pg writes each simple query with its own
   * `write` (a system call each; the BEGIN, the statement and the COMMIT of every scoped statement
   * made ~15% of the membership process's CPU in W1's profile). In pipeline mode `query` submits
   * synchronously, so corking the socket around the submissions sends them as one `writev`.
   */
  private together<T>(submit: () => T): T {
    const stream = (this as unknown as { connection?: { stream?: { cork?(): void; uncork?(): void } } })
      .connection?.stream;
    stream?.cork?.();
    try {
      return submit();
    } finally {
      stream?.uncork?.();
    }
  }

  private async scoped(text: string, viewer: DbViewer, timeoutMs: number | undefined, args: QueryArgs) {
    const run = (...a: unknown[]) => super.query(...(a as QueryArgs)) as unknown as Promise<unknown>;
    args = this.named(args);
    // The client runs in pipeline mode (constructor): the statements below go out together, one round
    // trip instead of three. PostgreSQL runs them in order; when one fails, the transaction is
    // aborted and what follows it in the transaction fails too (COMMIT of an aborted transaction
    // rolls it back), so a statement never runs without its settings.
    if (TX_START.test(text)) {
      const [result] = await Promise.all(
        this.together(() => [run(...args), run(viewerSettingsSql(viewer, true, timeoutMs))]),
      );
      this.inTransaction = true;
      return result;
    }
    if (TX_END.test(text)) {
      this.inTransaction = false;
      return run(...args);
    }
    if (this.inTransaction) return run(...args);
    const [began, ran, committed] = await Promise.allSettled(
      this.together(() => [
        run(`BEGIN; ${viewerSettingsSql(viewer, false, timeoutMs)}`),
        run(...args),
        run('COMMIT'),
      ]),
    );
    if (began.status === 'rejected') throw began.reason;
    if (ran.status === 'rejected') throw ran.reason;
    if (committed.status === 'rejected') throw committed.reason;
    return ran.value;
  }
}
