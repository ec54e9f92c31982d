import { badInput, Messages } from '@mamis/platform';
import type { SessionFilter } from '../repositories/training-session.repository';
import type { QueryResolvers } from '../generated/resolver-types';

export const queryResolvers: QueryResolvers = {
  /** Public sessions to anyone signed in; members-only ones to the host's members and staff. */
  trainingSession: async (_, args, ctx) => {
    const [session, visible] = await Promise.all([
      ctx.loaders.sessionById.load(args.id),
      ctx.services.sessions.visibleIds(ctx.viewer, [args.id]),
    ]);
    return session && visible.has(session.id) ? session : null;
  },

  trainingSessions: async (_, args, ctx) => {
    const first = args.first ?? 50;
    if (!Number.isInteger(first) || first < 1 || first > 500)
      throw badInput('first', Messages.NUMBER_BETWEEN({ min: 1, max: 500 }));
    const filter: SessionFilter = { ...(args.filter ?? {}) };
    if (args.hostAssociationId) filter.hostAssociationId = args.hostAssociationId;
    const sessions = await ctx.services.sessions.search(ctx.viewer, filter, first);
    for (const s of sessions) ctx.loaders.sessionById.prime(s.id, s);
    return sessions;
  },
};
