import type { AccessAwareContext, RequestContext } from '@mamis/platform';
import type { ConsentLoaders } from './loaders';
import type { ConsentServices } from './services';

export type ConsentContext = RequestContext<ConsentLoaders, ConsentServices> & AccessAwareContext;

/**
 * What the feature services (src/services/) need of a request: the viewer, the access module and
 * the repositories — not the rest of the GraphQL context.
 */
export type ConsentWriteContext = Pick<ConsentContext, 'viewer' | 'access' | 'services'>;
