import type { TrainingContext } from '../context';
import type { TrainingSessionEntity } from '../entities';

export const trainingSessionResolvers = {
  __resolveReference: (ref: { id: string }, ctx: TrainingContext) => ctx.loaders.sessionById.load(ref.id),
  host: (s: TrainingSessionEntity) => ({ __typename: 'Association', id: s.hostAssociationId }),
  units: (s: TrainingSessionEntity) => Number(s.units),
  attendances: (s: TrainingSessionEntity, _: unknown, ctx: TrainingContext) =>
    ctx.loaders.attendancesBySessionId.load(s.id),
};
