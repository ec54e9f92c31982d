import type { AccessAwareContext, RequestContext } from '@mamis/platform';
import type { InsurancePensionLoaders } from './loaders';
import type { Services } from './services';

export type InsurancePensionContext = RequestContext<InsurancePensionLoaders, Services> & AccessAwareContext;
