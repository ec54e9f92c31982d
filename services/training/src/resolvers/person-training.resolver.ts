import { badInput, Messages } from '@mamis/platform';
import type { PersonResolvers } from '../generated/resolver-types';

/**
 * Person fields of programs, credits and certification. Each field's record rule (the platform's
 * field rules) narrows them to the viewer's TRAINING scope: a host sees entries from its own
 * sessions only, the JMA its programs' records, a member association and the person everything.
 */
export const personTrainingResolvers: PersonResolvers = {
  /** The whole program's progress: only for a viewer who sees the whole record of that program. */
  trainingSummary: (p, args, ctx) => {
    return ctx.loaders.trainingSummary.load({
      personId: p.id,
      programCode: args.program,
      asOf: args.asOf ?? undefined,
      kind: args.kind ?? undefined,
    });
  },

  creditLedger: (p, args, ctx) => {
    if (args.from && args.to && args.from > args.to) throw badInput('from', Messages.FROM_AFTER_TO);
    return ctx.loaders.creditEntriesByPersonId.load({
      personId: p.id,
      programCode: args.program,
      from: args.from,
      to: args.to,
    });
  },

  certificates: (p, _, ctx) => ctx.loaders.certificatesByPersonId.load(p.id),

  certificationApplications: (p, _, ctx) => ctx.loaders.certificationApplicationsByPersonId.load(p.id),
};
