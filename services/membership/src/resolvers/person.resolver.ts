import type { MembershipContext } from '../context';
import type { PersonEntity } from '../entities';
import { pageSize } from '../repositories/cursor';
import { ACCESS_LOG_MAX } from '../repositories/access-log.repository';

/**
 * The person's records; each field's record rule (the platform's field rules) narrows them to
 * the viewer's scope (e.g. a former member association: its own records).
 */
export const personResolvers = {
  __resolveReference: (ref: { id: string }, ctx: MembershipContext) => ctx.loaders.personById.load(ref.id),

  memberships: (p: PersonEntity, _: unknown, ctx: MembershipContext) =>
    ctx.loaders.membershipsByPersonId.load(p.id),

  /** The event history. */
  membershipHistory: (p: PersonEntity, _: unknown, ctx: MembershipContext) =>
    ctx.loaders.membershipEventsByPersonId.load(p.id),

  /** The person's applications (an association applied to: the pending one with a step there). */
  membershipApplications: (p: PersonEntity, _: unknown, ctx: MembershipContext) =>
    ctx.loaders.applicationsByPersonId.load(p.id),

  /** Who accessed this person's data: the person's own (the field rule requires the CONSENT scope ALL). */
  accessLog: async (p: PersonEntity, args: { first?: number | null }, ctx: MembershipContext) => {
    const first = pageSize(args.first ?? 100, 'first', ACCESS_LOG_MAX);
    return (await ctx.loaders.accessLogByPersonId.load(p.id)).slice(0, first);
  },
};
