import { associationRecordInScope } from '@mamis/platform';
import type { MembershipContext } from '../context';
import type { PersonEntity } from '../entities';

export const personResolvers = {
  __resolveReference: (ref: { id: string }, ctx: MembershipContext) => ctx.loaders.personById.load(ref.id),

  /** Narrowed to the records the viewer's MEMBERSHIP scope covers (e.g. a former member's own association). */
  memberships: async (p: PersonEntity, _: unknown, ctx: MembershipContext) => {
    const [scope, rows] = await Promise.all([
      ctx.access.scope(p.id, 'MEMBERSHIP'),
      ctx.loaders.membershipsByPersonId.load(p.id),
    ]);
    return rows.filter((m) => associationRecordInScope(scope, m, ctx.viewer));
  },
};
