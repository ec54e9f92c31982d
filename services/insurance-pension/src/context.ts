import type { AccessAwareContext, RequestContext } from '@mamis/platform';
import type { InsurancePensionLoaders } from './loaders';
import type { InsurancePensionServices } from './services';

export type InsurancePensionContext = RequestContext<InsurancePensionLoaders, InsurancePensionServices> &
  AccessAwareContext;

/**
 * What the feature services (src/services/) need of a request: the viewer (who records the change)
 * and the access module (who may make it) — not the rest of the GraphQL context. The services hold
 * their repositories themselves.
 */
export type InsurancePensionWriteContext = Pick<InsurancePensionContext, 'viewer' | 'access'>;
