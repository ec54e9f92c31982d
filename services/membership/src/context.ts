import type { AccessAwareContext, RequestContext } from '@mamis/platform';
import type { MembershipLoaders } from './loaders';
import type { MembershipServices } from './repositories';

export type MembershipContext = RequestContext<MembershipLoaders, MembershipServices> & AccessAwareContext;
