import type { AccessAwareContext, RequestContext } from '@mamis/platform';
import type { InsurancePensionLoaders } from './loaders';
import type { InsurancePensionServices } from './services';

export type InsurancePensionContext = RequestContext<InsurancePensionLoaders, InsurancePensionServices> &
  AccessAwareContext;
