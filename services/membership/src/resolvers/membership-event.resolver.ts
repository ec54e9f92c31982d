import type { MembershipEventResolvers } from '../generated/resolver-types';
import { referencedAssociation } from './association.resolver';

export const membershipEventResolvers: MembershipEventResolvers = {
  association: (e, _, ctx) => referencedAssociation(ctx, e.associationId),

  counterpartAssociation: (e, _, ctx) =>
    e.counterpartAssociationId ? ctx.loaders.associationById.load(e.counterpartAssociationId) : null,
};
