import { badInput, certificateInScope, creditEntryInScope, isJmaProgram, Messages } from '@mamis/platform';
import type { PersonResolvers } from '../generated/resolver-types';

/**
 * Person fields of programs, credits and certification, each narrowed to the
 * viewer's TRAINING scope: a host sees entries from its own sessions only, the JMA its programs'
 * records, a member association and the person everything.
 */
export const personTrainingResolvers: PersonResolvers = {
  /** The whole program's progress: only for a viewer who sees the whole record of that program. */
  trainingSummary: async (p, args, ctx) => {
    const scope = await ctx.access.scope(p.id, 'TRAINING');
    if (scope !== 'ALL' && !(scope === 'JMA_PROGRAMS' && isJmaProgram(args.program))) return null;
    return ctx.loaders.trainingSummary.load({
      personId: p.id,
      programCode: args.program,
      asOf: args.asOf ?? undefined,
      kind: args.kind ?? undefined,
    });
  },

  creditLedger: async (p, args, ctx) => {
    if (args.from && args.to && args.from > args.to) throw badInput('from', Messages.FROM_AFTER_TO);
    const [scope, rows] = await Promise.all([
      ctx.access.scope(p.id, 'TRAINING'),
      ctx.loaders.creditEntriesByPersonId.load({
        personId: p.id,
        programCode: args.program,
        from: args.from,
        to: args.to,
      }),
    ]);
    if (scope === 'ALL') return rows;
    const sessions = await ctx.loaders.sessionById.loadMany(rows.map((e) => e.sessionId ?? ''));
    return rows.filter((e, i) => {
      const s = sessions[i];
      const session = e.sessionId && s && !(s instanceof Error) ? s : null;
      if (e.sessionId && !session) return false;
      return creditEntryInScope(scope, e, session, ctx.viewer);
    });
  },

  certificates: async (p, _, ctx) => {
    const [scope, rows] = await Promise.all([
      ctx.access.scope(p.id, 'TRAINING'),
      ctx.loaders.certificatesByPersonId.load(p.id),
    ]);
    return rows.filter((c) => certificateInScope(scope, c, ctx.viewer));
  },

  certificationApplications: async (p, _, ctx) => {
    const [scope, rows] = await Promise.all([
      ctx.access.scope(p.id, 'TRAINING'),
      ctx.loaders.certificationApplicationsByPersonId.load(p.id),
    ]);
    return rows.filter((a) => certificateInScope(scope, { programCode: a.programCode }, ctx.viewer));
  },
};
