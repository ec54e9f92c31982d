import type { MembershipContext } from '../context';
import type { MembershipEntity } from '../entities';

export const membershipResolvers = {
  association: (m: MembershipEntity, _: unknown, ctx: MembershipContext) =>
    ctx.loaders.associationById.load(m.associationId),
};
