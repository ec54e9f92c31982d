import type { Logger } from './logger';

/**
 * What every resolver gets: the request id, a child logger, this request's own loaders (a NEW set
 * per request, so nothing is cached across requests) and the service's repositories/services.
 */
export interface RequestContext<L, S = unknown> {
  requestId: string;
  log: Logger;
  loaders: L;
  services: S;
}

export function createContextFactory<L, S>(log: Logger, createLoaders: () => L, services: S) {
  return (requestId: string): RequestContext<L, S> => ({
    requestId,
    log: log.child({ requestId }),
    loaders: createLoaders(),
    services,
  });
}
