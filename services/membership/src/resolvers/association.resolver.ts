import type { MembershipContext } from '../context';
import type { AssociationEntity } from '../entities';
import { pageSize } from '../repositories/cursor';
import type { MemberFilter } from '../repositories/person.repository';

export const associationResolvers = {
  __resolveReference: (ref: { id: string }, ctx: MembershipContext) =>
    ctx.loaders.associationById.load(ref.id),

  parent: (a: AssociationEntity, _: unknown, ctx: MembershipContext) =>
    a.parentId ? ctx.loaders.associationById.load(a.parentId) : null,

  children: (a: AssociationEntity, _: unknown, ctx: MembershipContext) =>
    ctx.loaders.childrenByAssociationId.load(a.id),

  /** An association's member list is its own staff's business only (policy: LIST_MEMBERS). */
  members: async (
    a: AssociationEntity,
    args: { filter?: MemberFilter | null; first?: number; after?: string },
    ctx: MembershipContext,
  ) => {
    ctx.access.authorizeAssociation(a.id, 'LIST_MEMBERS');
    const filter = args.filter ?? {};
    const page = await ctx.services.persons.membersPage(a.id, pageSize(args.first), args.after, filter);
    for (const p of page.nodes) ctx.loaders.personById.prime(p.id, p);
    return { ...page, totalCount: () => ctx.services.persons.countMembers(a.id, filter) };
  },
};
