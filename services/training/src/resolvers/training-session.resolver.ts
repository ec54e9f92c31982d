import { sessionInScope } from '@mamis/platform';
import type { TrainingContext } from '../context';
import type { SessionCreditEntity, TrainingSessionEntity } from '../entities';
import { sessionEnd } from '../domain/session-times';

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

export const trainingSessionResolvers = {
  __resolveReference: (ref: { id: string }, ctx: TrainingContext) => ctx.loaders.sessionById.load(ref.id),
  host: (s: TrainingSessionEntity) => ({ __typename: 'Association', id: s.hostAssociationId }),
  units: (s: TrainingSessionEntity) => Number(s.units),
  endsAt: (s: TrainingSessionEntity) => sessionEnd(s),
  credits: (s: TrainingSessionEntity, _: unknown, ctx: TrainingContext) =>
    ctx.loaders.sessionCreditsBySessionId.load(s.id),
  registeredCount: async (s: TrainingSessionEntity, _: unknown, ctx: TrainingContext) =>
    (await ctx.loaders.sessionCountsBySessionId.load(s.id))?.registered ?? 0,
  waitlistedCount: async (s: TrainingSessionEntity, _: unknown, ctx: TrainingContext) =>
    (await ctx.loaders.sessionCountsBySessionId.load(s.id))?.waitlisted ?? 0,
  /** The host's staff who may manage its sessions see the code; nobody else. */
  checkInCode: (s: TrainingSessionEntity, _: unknown, ctx: TrainingContext) =>
    ctx.access.mayOperate(s.hostAssociationId, 'MANAGE_SESSIONS') ? s.checkInCode : null,

  /** Only attendees whose training records at this session the viewer may see. */
  attendances: (s: TrainingSessionEntity, _: unknown, ctx: TrainingContext) => inScope(s, ctx),

  /** The persons behind those records (not cancelled), resolved by the membership subgraph. */
  attendees: async (s: TrainingSessionEntity, _: unknown, ctx: TrainingContext) =>
    (await inScope(s, ctx))
      .filter((a) => a.status !== 'CANCELLED')
      .map((a) => ({ __typename: 'Person', id: a.personId })),
};

export const sessionCreditResolvers = {
  units: (c: SessionCreditEntity) => Number(c.units),
};
