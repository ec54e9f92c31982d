import type { MembershipContext } from '../context';
import type { PersonEntity } from '../entities';
import type { PersonResolvers } from '../generated/resolver-types';

/**
 * A person a mutation has just written (created, recorded dead, matched), read back for a non-null
 * `Person!` answer: the row exists, so the loader's null (an unknown id) is only typed away here:
 * were it ever null, GraphQL's non-null error would report it as before.
 */
export const writtenPerson = (ctx: MembershipContext, id: string) =>
  ctx.loaders.personById.load(id) as Promise<PersonEntity>;
import { pageSize } from '../validation/page.validator';
import { ACCESS_LOG_MAX } from '../repositories/access-log.repository';

/**
 * The person's records; each field's record rule (the platform's field rules) narrows them to
 * the viewer's scope (e.g. a former member association: its own records).
 */
export const personResolvers: PersonResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.personById.load(ref.id),

  memberships: (p, _, ctx) => ctx.loaders.membershipsByPersonId.load(p.id),

  /** The event history. */
  membershipHistory: (p, _, ctx) => ctx.loaders.membershipEventsByPersonId.load(p.id),

  /** The person's applications (an association applied to: the pending one with a step there). */
  membershipApplications: (p, _, ctx) => ctx.loaders.applicationsByPersonId.load(p.id),

  /** Who accessed this person's data: the person's own (the field rule requires the CONSENT scope ALL). */
  accessLog: async (p, args, ctx) => {
    const first = pageSize(args.first ?? 100, 'first', ACCESS_LOG_MAX);
    return (await ctx.loaders.accessLogByPersonId.load(p.id)).slice(0, first);
  },
};
