import type { AccessAwareContext, RequestContext } from '@mamis/platform';
import type { MembershipLoaders } from './loaders';
import type { MembershipServices } from './services';

export type MembershipContext = RequestContext<MembershipLoaders, MembershipServices> & AccessAwareContext;
