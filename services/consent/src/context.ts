import type { AccessAwareContext, RequestContext } from '@mamis/platform';
import type { ConsentLoaders } from './loaders';
import type { Repositories } from './repositories';

export type ConsentContext = RequestContext<ConsentLoaders, Repositories> & AccessAwareContext;
