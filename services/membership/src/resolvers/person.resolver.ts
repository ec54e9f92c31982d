import type { MembershipContext } from '../context';
import type { PersonEntity } from '../entities';

export const personResolvers = {
  __resolveReference: (ref: { id: string }, ctx: MembershipContext) => ctx.loaders.personById.load(ref.id),

  memberships: (p: PersonEntity, _: unknown, ctx: MembershipContext) =>
    ctx.loaders.membershipsByPersonId.load(p.id),
};
