import type { AccessAwareContext, RequestContext } from '@mamis/platform';
import type { InsurancePensionLoaders } from './loaders';
import type { Repositories } from './repositories';

export type InsurancePensionContext = RequestContext<InsurancePensionLoaders, Repositories> &
  AccessAwareContext;
