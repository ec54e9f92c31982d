import type { MembershipApplicationResolvers } from '../generated/resolver-types';

export const membershipApplicationResolvers: MembershipApplicationResolvers = {
  /** The applicant, or null when the viewer does not (or no longer) see them. */
  person: async (a, _, ctx) =>
    (await ctx.access.visible(a.personId)) ? ctx.loaders.personById.load(a.personId) : null,

  steps: (a, _, ctx) => ctx.loaders.stepsByApplicationId.load(a.id),

  currentStep: async (a, _, ctx) =>
    a.status === 'PENDING'
      ? ((await ctx.loaders.stepsByApplicationId.load(a.id)).find((s) => s.status === 'PENDING') ?? null)
      : null,

  comment: (a) => a.comment,
};
