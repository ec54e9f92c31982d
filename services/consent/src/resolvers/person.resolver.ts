import type { PersonResolvers } from '../generated/resolver-types';

/** Person is owned by membership; this subgraph adds consent fields keyed by the id. */
export const personResolvers: PersonResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),

  /** Member associations see the status (the latest acceptance); the person sees the history. */
  termsAcceptances: async (p, _, ctx) => {
    const [scope, rows] = await Promise.all([
      ctx.access.scope(p.id, 'CONSENT'),
      ctx.loaders.acceptancesByPersonId.load(p.id),
    ]);
    return scope === 'ALL' ? rows : rows.slice(0, 1);
  },

  /** The person's own notices (the shield requires the SELF scope: REQUIRED_SCOPE). */
  notifications: async (p, args, ctx) => {
    if ((await ctx.access.scope(p.id, 'CONSENT')) !== 'ALL') return null;
    const rows = await ctx.loaders.notificationsByPersonId.load(p.id);
    const first = Math.min(Math.max(args.first ?? 50, 0), 200);
    return (args.unreadOnly ? rows.filter((n) => !n.readAt) : rows).slice(0, first);
  },
};
