import type { AccessAwareContext, RequestContext } from '@mamis/platform';
import type { MembershipLoaders } from './loaders';
import type { MembershipServices } from './services';

export type MembershipContext = RequestContext<MembershipLoaders, MembershipServices> & AccessAwareContext;

/**
 * What the feature services (src/services/) need of a request: the viewer (actor and idempotency
 * scope), the access module, the repositories and the request's loaders — not the rest of the
 * GraphQL context (no logger, request id or statistics guard).
 */
export type MembershipWriteContext = Pick<MembershipContext, 'viewer' | 'access' | 'services' | 'loaders'>;
