import type { MembershipResolvers } from '../generated/resolver-types';
import { referencedAssociation } from './association.resolver';

export const membershipResolvers: MembershipResolvers = {
  association: (m, _, ctx) => referencedAssociation(ctx, m.associationId),
};
