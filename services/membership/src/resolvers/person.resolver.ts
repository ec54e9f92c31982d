import { AppError, associationRecordInScope, ErrorCode, Messages } from '@mamis/platform';
import type { MembershipContext } from '../context';
import type { PersonEntity } from '../entities';
import { pageSize } from '../repositories/cursor';
import { ACCESS_LOG_MAX } from '../repositories/access-log.repository';
import { applicationInScope } from './application-scope';

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

  /** The event history, narrowed like memberships (a former member association: its own events). */
  membershipHistory: async (p: PersonEntity, _: unknown, ctx: MembershipContext) => {
    const [scope, rows] = await Promise.all([
      ctx.access.scope(p.id, 'MEMBERSHIP'),
      ctx.loaders.membershipEventsByPersonId.load(p.id),
    ]);
    return rows.filter((e) => associationRecordInScope(scope, e, ctx.viewer));
  },

  /** Applications the viewer's MEMBERSHIP scope covers (an association applied to: the pending one). */
  membershipApplications: async (p: PersonEntity, _: unknown, ctx: MembershipContext) => {
    const [scope, apps] = await Promise.all([
      ctx.access.scope(p.id, 'MEMBERSHIP'),
      ctx.loaders.applicationsByPersonId.load(p.id),
    ]);
    const steps = await ctx.loaders.stepsByApplicationId.loadMany(apps.map((a) => a.id));
    return apps.filter((a, i) => {
      const s = steps[i];
      return Array.isArray(s) && applicationInScope(scope, a, s, ctx.viewer);
    });
  },

  /**
   * Who accessed this person's data. The shield lets any CONSENT scope through; the log itself
   * needs the whole group (SELF: the physician, their active assistant, staff acting on their
   * behalf) — a member association's STATUS_ONLY does not include it.
   */
  accessLog: async (p: PersonEntity, args: { first?: number | null }, ctx: MembershipContext) => {
    if ((await ctx.access.scope(p.id, 'CONSENT')) !== 'ALL') {
      throw new AppError(ErrorCode.FORBIDDEN, Messages.OWN_ACCESS_LOG_ONLY);
    }
    const first = pageSize(args.first ?? 100, 'first', ACCESS_LOG_MAX);
    return (await ctx.loaders.accessLogByPersonId.load(p.id)).slice(0, first);
  },
};
