import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-request facts that low layers (the SQL logger) need without threading them through calls. */
export interface RequestScope {
  requestId: string;
  sqlStatements: number;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();

export const currentRequestScope = (): RequestScope | undefined => requestScope.getStore();
