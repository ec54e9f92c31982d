import { AppError, ErrorCode } from '@mamis/platform';
import type { MembershipContext } from '../context';
import type { AssociationEntity } from '../entities';
import { pageSize } from '../repositories/cursor';

export const associationResolvers = {
  __resolveReference: (ref: { id: string }, ctx: MembershipContext) =>
    ctx.loaders.associationById.load(ref.id),

  parent: (a: AssociationEntity, _: unknown, ctx: MembershipContext) =>
    a.parentId ? ctx.loaders.associationById.load(a.parentId) : null,

  children: (a: AssociationEntity, _: unknown, ctx: MembershipContext) =>
    ctx.loaders.childrenByAssociationId.load(a.id),

  /** An association's member list is its own staff's business only. */
  members: async (a: AssociationEntity, args: { first?: number; after?: string }, ctx: MembershipContext) => {
    if (ctx.viewer.kind !== 'STAFF' || ctx.viewer.associationId !== a.id) {
      throw new AppError(ErrorCode.FORBIDDEN, 'Only staff of this association may list its members');
    }
    const page = await ctx.services.persons.membersPage(a.id, pageSize(args.first), args.after);
    for (const p of page.nodes) ctx.loaders.personById.prime(p.id, p);
    return { ...page, totalCount: () => ctx.services.persons.countMembers(a.id) };
  },
};
