import { sessionInScope } from '@mamis/platform';
import type { PersonResolvers } from '../generated/resolver-types';

/** Person is owned by membership; this subgraph only adds training fields keyed by the id. */
export const personResolvers: PersonResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),

  /** Narrowed to the viewer's TRAINING scope: a host sees its own sessions, the JMA its programs. */
  trainingAttendances: async (p, _, ctx) => {
    const [scope, rows] = await Promise.all([
      ctx.access.scope(p.id, 'TRAINING'),
      ctx.loaders.attendancesByPersonId.load(p.id),
    ]);
    if (scope === 'ALL') return rows;
    const sessions = await ctx.loaders.sessionById.loadMany(rows.map((a) => a.sessionId));
    return rows.filter((_, i) => {
      const s = sessions[i];
      return s && !(s instanceof Error) && sessionInScope(scope, s, ctx.viewer);
    });
  },
};
