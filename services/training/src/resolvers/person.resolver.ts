import type { TrainingContext } from '../context';

/** Person is owned by membership; this subgraph only adds training fields keyed by the id. */
export const personResolvers = {
  __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
  trainingAttendances: (p: { id: string }, _: unknown, ctx: TrainingContext) =>
    ctx.loaders.attendancesByPersonId.load(p.id),
};
