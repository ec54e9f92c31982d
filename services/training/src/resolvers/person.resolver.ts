import type { PersonResolvers } from '../generated/resolver-types';

/** Person is owned by membership; this subgraph only adds training fields keyed by the id. */
export const personResolvers: PersonResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),

  /** The person's attendances; the field's record rule narrows them to the viewer's TRAINING scope. */
  trainingAttendances: (p, _, ctx) => ctx.loaders.attendancesByPersonId.load(p.id),
};
