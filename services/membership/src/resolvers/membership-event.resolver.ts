import type { MembershipContext } from '../context';
import type { MembershipEventEntity } from '../entities';

export const membershipEventResolvers = {
  association: (e: MembershipEventEntity, _: unknown, ctx: MembershipContext) =>
    ctx.loaders.associationById.load(e.associationId),

  counterpartAssociation: (e: MembershipEventEntity, _: unknown, ctx: MembershipContext) =>
    e.counterpartAssociationId ? ctx.loaders.associationById.load(e.counterpartAssociationId) : null,
};
