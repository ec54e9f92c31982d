import { badInput, Messages } from '@mamis/platform';
import type { TrainingContext } from '../context';
import type { CertificationKind } from '../entities';

/**
 * Person fields of programs, credits and certification. Each field's record rule (the platform's
 * field rules) narrows them to the viewer's TRAINING scope: a host sees entries from its own
 * sessions only, the JMA its programs' records, a member association and the person everything.
 */
export const personTrainingResolvers = {
  /** The whole program's progress: only for a viewer who sees the whole record of that program. */
  trainingSummary: (
    p: { id: string },
    args: { program: string; asOf?: string | null; kind?: CertificationKind | null },
    ctx: TrainingContext,
  ) => {
    return ctx.loaders.trainingSummary.load({
      personId: p.id,
      programCode: args.program,
      asOf: args.asOf ?? undefined,
      kind: args.kind ?? undefined,
    });
  },

  creditLedger: (
    p: { id: string },
    args: { program?: string | null; from?: string | null; to?: string | null },
    ctx: TrainingContext,
  ) => {
    if (args.from && args.to && args.from > args.to) throw badInput('from', Messages.FROM_AFTER_TO);
    return ctx.loaders.creditEntriesByPersonId.load({
      personId: p.id,
      programCode: args.program,
      from: args.from,
      to: args.to,
    });
  },

  certificates: (p: { id: string }, _: unknown, ctx: TrainingContext) =>
    ctx.loaders.certificatesByPersonId.load(p.id),

  certificationApplications: (p: { id: string }, _: unknown, ctx: TrainingContext) =>
    ctx.loaders.certificationApplicationsByPersonId.load(p.id),
};
