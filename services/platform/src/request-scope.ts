import { AsyncLocalStorage } from 'node:async_hooks';
import type { DbViewer } from './db-viewer';

/** Per-request facts that low layers (the SQL logger) need without threading them through calls. */
export interface RequestScope {
  requestId: string;
  sqlStatements: number;
  /** Who the database sees (row-level security, rls.ts): a request's viewer, or SYSTEM for jobs. */
  viewer?: DbViewer;
  /** The request's `statement_timeout` (ms), sent with the viewer's settings; none for jobs. */
  statementTimeoutMs?: number;
  /** A GraphQL request's operation name and outcome (`ok` or an error code), for the metrics. */
  operation?: string;
  outcome?: string;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();

export const currentRequestScope = (): RequestScope | undefined => requestScope.getStore();
