import type { MembershipContext } from '../context';
import type { AssociationEntity } from '../entities';
import { pageSize } from '../repositories/cursor';

export const associationResolvers = {
  __resolveReference: (ref: { id: string }, ctx: MembershipContext) => ctx.loaders.associationById.load(ref.id),

  parent: (a: AssociationEntity, _: unknown, ctx: MembershipContext) =>
    a.parentId ? ctx.loaders.associationById.load(a.parentId) : null,

  children: (a: AssociationEntity, _: unknown, ctx: MembershipContext) =>
    ctx.loaders.childrenByAssociationId.load(a.id),

  members: async (a: AssociationEntity, args: { first?: number; after?: string }, ctx: MembershipContext) => {
    const page = await ctx.services.persons.membersPage(a.id, pageSize(args.first), args.after);
    for (const p of page.nodes) ctx.loaders.personById.prime(p.id, p);
    return { ...page, totalCount: () => ctx.services.persons.countMembers(a.id) };
  },
};
