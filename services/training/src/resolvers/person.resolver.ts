import type { TrainingContext } from '../context';

/** Person is owned by membership; this subgraph only adds training fields keyed by the id. */
export const personResolvers = {
  __resolveReference: (ref: { id: string }) => ({ id: ref.id }),

  /** The person's attendances; the field's record rule narrows them to the viewer's TRAINING scope. */
  trainingAttendances: (p: { id: string }, _: unknown, ctx: TrainingContext) =>
    ctx.loaders.attendancesByPersonId.load(p.id),
};
