import type { Logger } from './logger';
import { ANONYMOUS, type Viewer } from './viewer';

/**
 * What every resolver gets: the request id, the viewer (taken ONLY from the gateway's verified
 * viewer assertion), a child logger, this request's own loaders (a NEW set per request, so nothing
 * is cached across requests) and the service's repositories/services.
 */
export interface RequestContext<L, S = unknown> {
  requestId: string;
  viewer: Viewer;
  log: Logger;
  loaders: L;
  services: S;
}

export function createContextFactory<L, S>(log: Logger, createLoaders: () => L, services: S) {
  return (requestId: string, viewer: Viewer = ANONYMOUS): RequestContext<L, S> => ({
    requestId,
    viewer,
    log: log.child({ requestId }),
    loaders: createLoaders(),
    services,
  });
}
