import type { MembershipContext } from '../context';
import type { MembershipApplicationEntity } from '../entities';

export const membershipApplicationResolvers = {
  /** The applicant, or null when the viewer does not (or no longer) see them. */
  person: async (a: MembershipApplicationEntity, _: unknown, ctx: MembershipContext) =>
    (await ctx.access.visible(a.personId)) ? ctx.loaders.personById.load(a.personId) : null,

  steps: (a: MembershipApplicationEntity, _: unknown, ctx: MembershipContext) =>
    ctx.loaders.stepsByApplicationId.load(a.id),

  currentStep: async (a: MembershipApplicationEntity, _: unknown, ctx: MembershipContext) =>
    a.status === 'PENDING'
      ? ((await ctx.loaders.stepsByApplicationId.load(a.id)).find((s) => s.status === 'PENDING') ?? null)
      : null,

  comment: (a: MembershipApplicationEntity) => a.comment,
};
