import type { MembershipContext } from '../context';
import { pageSize } from '../repositories/cursor';
import type { AssociationTier } from '../entities/association.entity';

export const queryResolvers = {
  person: (_: unknown, args: { id: string }, ctx: MembershipContext) => ctx.loaders.personById.load(args.id),

  people: async (_: unknown, args: { first?: number; after?: string }, ctx: MembershipContext) => {
    const page = await ctx.services.persons.page(pageSize(args.first), args.after);
    for (const p of page.nodes) ctx.loaders.personById.prime(p.id, p);
    return { ...page, totalCount: () => ctx.services.persons.count() };
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
