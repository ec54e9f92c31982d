import type { MembershipContext } from '../context';
import type { AssociationEntity } from '../entities';
import { memberFilterArgs } from '../validation/member-filter.validator';
import { cursorKey, pageSize } from '../validation/page.validator';
import type { AssociationResolvers } from '../generated/resolver-types';

/**
 * The association a row names, for a non-null `association` field: it exists (a foreign key on
 * memberships — registry matches are memberships —, events, application steps and invoices;
 * provision records and office operations are written by that association's own staff), so the
 * loader's null (an unknown id) is only typed away here: were it ever null, GraphQL's non-null
 * error would report it as before.
 */
export const referencedAssociation = (ctx: MembershipContext, id: string) =>
  ctx.loaders.associationById.load(id) as Promise<AssociationEntity>;

export const associationResolvers: AssociationResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.associationById.load(ref.id),

  parent: (a, _, ctx) => (a.parentId ? ctx.loaders.associationById.load(a.parentId) : null),

  children: (a, _, ctx) => ctx.loaders.childrenByAssociationId.load(a.id),

  /** An association's member list is its own staff's business only (policy: LIST_MEMBERS). */
  members: async (a, args, ctx) => {
    ctx.access.authorizeAssociation(a.id, 'LIST_MEMBERS');
    const filter = memberFilterArgs(args.filter);
    const page = await ctx.services.persons.membersPage(
      a.id,
      pageSize(args.first),
      cursorKey(args.after, 3),
      filter,
    );
    for (const p of page.nodes) ctx.loaders.personById.prime(p.id, p);
    return { ...page, totalCount: () => ctx.services.persons.countMembers(a.id, filter) };
  },
};
