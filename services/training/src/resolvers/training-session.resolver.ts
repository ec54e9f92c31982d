import { sessionInScope } from '@mamis/platform';
import type { TrainingContext } from '../context';
import type { TrainingSessionEntity } from '../entities';

export const trainingSessionResolvers = {
  __resolveReference: (ref: { id: string }, ctx: TrainingContext) => ctx.loaders.sessionById.load(ref.id),
  host: (s: TrainingSessionEntity) => ({ __typename: 'Association', id: s.hostAssociationId }),
  units: (s: TrainingSessionEntity) => Number(s.units),

  /** Only attendees whose training records at this session the viewer may see. */
  attendances: async (s: TrainingSessionEntity, _: unknown, ctx: TrainingContext) => {
    const rows = await ctx.loaders.attendancesBySessionId.load(s.id);
    const scopes = await Promise.all(rows.map((a) => ctx.access.scope(a.personId, 'TRAINING')));
    return rows.filter((_, i) => sessionInScope(scopes[i], s, ctx.viewer));
  },
};
