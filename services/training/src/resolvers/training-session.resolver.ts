import { sessionInScope } from '@mamis/platform';
import type { TrainingContext } from '../context';
import type { TrainingSessionEntity } from '../entities';
import { sessionEnd } from '../domain/session-times';
import type { SessionCreditResolvers, TrainingSessionResolvers } from '../generated/resolver-types';

/** Attendance rows of a session within the viewer's TRAINING scope of each person. */
async function inScope(s: TrainingSessionEntity, ctx: TrainingContext) {
  const rows = await ctx.loaders.attendancesBySessionId.load(s.id);
  return ctx.access.recordsInScope(
    'TRAINING',
    rows,
    (a) => a.personId,
    (scope) => sessionInScope(scope, s, ctx.viewer),
  );
}

export const trainingSessionResolvers: TrainingSessionResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.sessionById.load(ref.id),
  host: (s) => ({ __typename: 'Association', id: s.hostAssociationId }),
  units: (s) => Number(s.units),
  endsAt: (s) => sessionEnd(s),
  credits: (s, _, ctx) => ctx.loaders.sessionCreditsBySessionId.load(s.id),
  registeredCount: async (s, _, ctx) =>
    (await ctx.loaders.sessionCountsBySessionId.load(s.id))?.registered ?? 0,
  waitlistedCount: async (s, _, ctx) =>
    (await ctx.loaders.sessionCountsBySessionId.load(s.id))?.waitlisted ?? 0,
  /** The host's staff who may manage its sessions see the code; nobody else. */
  checkInCode: (s, _, ctx) =>
    ctx.access.mayOperate(s.hostAssociationId, 'MANAGE_SESSIONS') ? s.checkInCode : null,

  /** Only attendees whose training records at this session the viewer may see. */
  attendances: (s, _, ctx) => inScope(s, ctx),

  /** The persons behind those records (not cancelled), resolved by the membership subgraph. */
  attendees: async (s, _, ctx) =>
    (await inScope(s, ctx))
      .filter((a) => a.status !== 'CANCELLED')
      .map((a) => ({ __typename: 'Person', id: a.personId })),
};

export const sessionCreditResolvers: SessionCreditResolvers = {
  units: (c) => Number(c.units),
};
