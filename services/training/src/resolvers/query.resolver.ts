import { badInput } from '@mamis/platform';
import type { TrainingContext } from '../context';

export const queryResolvers = {
  trainingSession: (_: unknown, args: { id: string }, ctx: TrainingContext) =>
    ctx.loaders.sessionById.load(args.id),

  trainingSessions: async (
    _: unknown,
    args: { hostAssociationId: string; first?: number },
    ctx: TrainingContext,
  ) => {
    const first = args.first ?? 50;
    if (!Number.isInteger(first) || first < 1 || first > 500)
      throw badInput('first', 'must be between 1 and 500');
    const sessions = await ctx.services.sessions.byHost(args.hostAssociationId, first);
    for (const s of sessions) ctx.loaders.sessionById.prime(s.id, s);
    return sessions;
  },
};
