import type { PersonResolvers } from '../generated/resolver-types';

/** Person is owned by membership; this subgraph adds consent fields keyed by the id. */
export const personResolvers: PersonResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),

  /**
   * The person's acceptances; the field's record rule keeps a member association's CONSENT status
   * (the latest acceptance), the person sees the history.
   */
  termsAcceptances: (p, _, ctx) => ctx.loaders.acceptancesByPersonId.load(p.id),

  /** The person's own notices (the field rule requires the CONSENT scope ALL). */
  notifications: async (p, args, ctx) => {
    const rows = await ctx.loaders.notificationsByPersonId.load(p.id);
    const first = Math.min(Math.max(args.first ?? 50, 0), 200);
    return (args.unreadOnly ? rows.filter((n) => !n.readAt) : rows).slice(0, first);
  },
};
