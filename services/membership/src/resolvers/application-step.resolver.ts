import type { MembershipContext } from '../context';
import type { MembershipApplicationStepEntity } from '../entities';

export const applicationStepResolvers = {
  association: (s: MembershipApplicationStepEntity, _: unknown, ctx: MembershipContext) =>
    ctx.loaders.associationById.load(s.associationId),

  counterpartAssociation: (s: MembershipApplicationStepEntity, _: unknown, ctx: MembershipContext) =>
    s.counterpartAssociationId ? ctx.loaders.associationById.load(s.counterpartAssociationId) : null,

  decidedByName: async (s: MembershipApplicationStepEntity, _: unknown, ctx: MembershipContext) =>
    s.decidedBy ? ((await ctx.loaders.accountNameById.load(s.decidedBy))?.displayName ?? null) : null,

  comment: (s: MembershipApplicationStepEntity) => s.decisionComment,
};
