import type { AccessAwareContext, RequestContext } from '@mamis/platform';
import type { TrainingLoaders } from './loaders';
import type { Repositories } from './repositories';

export type TrainingContext = RequestContext<TrainingLoaders, Repositories> & AccessAwareContext;
