import type { AccessAwareContext, RequestContext } from '@mamis/platform';
import type { TrainingLoaders } from './loaders';
import type { TrainingServices } from './services';

export type TrainingContext = RequestContext<TrainingLoaders, TrainingServices> & AccessAwareContext;

/**
 * What the feature services (src/services/) need of a request: the viewer, the access module, the
 * repositories and the request's loaders — not the rest of the GraphQL context.
 */
export type TrainingWriteContext = Pick<TrainingContext, 'viewer' | 'access' | 'services' | 'loaders'>;
