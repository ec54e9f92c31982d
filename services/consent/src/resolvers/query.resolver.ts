import type { QueryResolvers } from '../generated/resolver-types';

export const queryResolvers: QueryResolvers = {
  termsOfUse: (_, __, ctx) => ctx.services.terms.current(),
  termsVersions: (_, __, ctx) => ctx.services.terms.all(),
  jointUseNotice: (_, __, ctx) => ctx.services.jointUseNotices.current(),
  serviceDisclosure: (_, __, ctx) => ctx.services.serviceDisclosures.current(),
  upcomingJointUseNotice: async (_, __, ctx) => (await ctx.services.jointUseNotices.upcoming())[0] ?? null,
  jointUseNotices: async (_, __, ctx) => {
    const [current, upcoming] = await Promise.all([
      ctx.services.jointUseNotices.current(),
      ctx.services.jointUseNotices.upcoming(),
    ]);
    return current ? [current, ...upcoming] : upcoming;
  },
};
