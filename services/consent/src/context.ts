import type { AccessAwareContext, RequestContext } from '@mamis/platform';
import type { ConsentLoaders } from './loaders';
import type { ConsentServices } from './services';

export type ConsentContext = RequestContext<ConsentLoaders, ConsentServices> & AccessAwareContext;
