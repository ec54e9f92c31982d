import type { MembershipContext } from '../context';
import { pageSize } from '../repositories/cursor';
import type { AssociationTier } from '../entities/association.entity';

export const queryResolvers = {
  /** A person the viewer has no relation to is null, exactly as one that does not exist. */
  person: async (_: unknown, args: { id: string }, ctx: MembershipContext) =>
    (await ctx.access.visible(args.id)) ? ctx.loaders.personById.load(args.id) : null,

  /** The viewer's own person: physicians (and whoever acts as them); null for staff and clients. */
  me: async (_: unknown, _args: unknown, ctx: MembershipContext) => {
    const id = ctx.viewer.personId;
    return id && (await ctx.access.visible(id)) ? ctx.loaders.personById.load(id) : null;
  },

  people: async (_: unknown, args: { first?: number; after?: string }, ctx: MembershipContext) => {
    const page = await ctx.services.persons.visiblePage(ctx.viewer, pageSize(args.first), args.after);
    for (const p of page.nodes) ctx.loaders.personById.prime(p.id, p);
    const visible = new Set(await ctx.access.filterVisible(page.nodes.map((p) => p.id)));
    return { ...page, nodes: page.nodes.filter((p) => visible.has(p.id)), totalCount: page.total };
  },

  association: (_: unknown, args: { id: string }, ctx: MembershipContext) =>
    ctx.loaders.associationById.load(args.id),

  associationByCode: (_: unknown, args: { code: string }, ctx: MembershipContext) =>
    ctx.services.associations.findByCode(args.code),

  associations: (
    _: unknown,
    args: { tier?: AssociationTier | null; parentId?: string | null },
    ctx: MembershipContext,
  ) => ctx.services.associations.list(args),
};
