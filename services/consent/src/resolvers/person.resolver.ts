import type { ConsentContext } from '../context';

/** Person is owned by membership; this subgraph adds consent fields keyed by the id. */
export const personResolvers = {
  __resolveReference: (ref: { id: string }) => ({ id: ref.id }),

  /**
   * The person's acceptances; the field's record rule keeps a member association's CONSENT status
   * (the latest acceptance), the person sees the history.
   */
  termsAcceptances: (p: { id: string }, _: unknown, ctx: ConsentContext) =>
    ctx.loaders.acceptancesByPersonId.load(p.id),

  /** The person's own notices (the field rule requires the CONSENT scope ALL). */
  notifications: async (
    p: { id: string },
    args: { unreadOnly?: boolean | null; first?: number | null },
    ctx: ConsentContext,
  ) => {
    const rows = await ctx.loaders.notificationsByPersonId.load(p.id);
    const first = Math.min(Math.max(args.first ?? 50, 0), 200);
    return (args.unreadOnly ? rows.filter((n) => !n.readAt) : rows).slice(0, first);
  },
};
