import type { AccessAwareContext, RequestContext } from '@mamis/platform';
import type { MembershipLoaders } from './loaders';
import type { Repositories } from './repositories';

export type MembershipContext = RequestContext<MembershipLoaders, Repositories> & AccessAwareContext;
