import type { ConsentContext } from '../context';

export const queryResolvers = {
  termsOfUse: (_: unknown, __: unknown, ctx: ConsentContext) => ctx.services.terms.current(),
  termsVersions: (_: unknown, __: unknown, ctx: ConsentContext) => ctx.services.terms.all(),
  jointUseNotice: (_: unknown, __: unknown, ctx: ConsentContext) => ctx.services.jointUseNotices.current(),
  serviceDisclosure: (_: unknown, __: unknown, ctx: ConsentContext) =>
    ctx.services.serviceDisclosures.current(),
  upcomingJointUseNotice: async (_: unknown, __: unknown, ctx: ConsentContext) =>
    (await ctx.services.jointUseNotices.upcoming())[0] ?? null,
  jointUseNotices: async (_: unknown, __: unknown, ctx: ConsentContext) => {
    const [current, upcoming] = await Promise.all([
      ctx.services.jointUseNotices.current(),
      ctx.services.jointUseNotices.upcoming(),
    ]);
    return current ? [current, ...upcoming] : upcoming;
  },
};
