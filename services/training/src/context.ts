import type { AccessAwareContext, RequestContext } from '@mamis/platform';
import type { TrainingLoaders } from './loaders';
import type { TrainingServices } from './repositories';

export type TrainingContext = RequestContext<TrainingLoaders, TrainingServices> & AccessAwareContext;
