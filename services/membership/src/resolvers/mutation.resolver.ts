import type { MembershipContext } from '../context';
import {
  cancelMembershipApplication,
  decideMembershipApplicationStep,
  fileMembershipApplication,
  type FileApplicationArgs,
} from '../services/membership-application.service';
import { createPerson, recordDeath, updatePerson, type CreatePersonArgs } from '../services/person.service';
import { importRoster, type ImportRosterInput } from '../services/roster-import.service';
import type { PersonInput } from '../validation/person-input.validator';

export const mutationResolvers = {
  /** Bulk roster import (dry run first; idempotent): roster-import.service.ts. */
  importRoster: (_: unknown, args: { input: ImportRosterInput }, ctx: MembershipContext) =>
    importRoster(ctx, args.input),

  /** Register a person who joins the staff's association at once: person.service.ts. */
  createPerson: async (_: unknown, args: CreatePersonArgs, ctx: MembershipContext) =>
    ctx.loaders.personById.load(await createPerson(ctx, args)),

  /** Change a person's data with the version read: person.service.ts. */
  updatePerson: async (
    _: unknown,
    args: { id: string; version: number; input: PersonInput },
    ctx: MembershipContext,
  ) => {
    await updatePerson(ctx, args);
    ctx.loaders.personById.clear(args.id);
    return ctx.loaders.personById.load(args.id);
  },

  /** membership-application.service.ts */
  fileMembershipApplication: (_: unknown, args: FileApplicationArgs, ctx: MembershipContext) =>
    fileMembershipApplication(ctx, args),

  decideMembershipApplicationStep: (
    _: unknown,
    args: { stepId: string; decision: 'APPROVE' | 'REJECT'; comment?: string | null },
    ctx: MembershipContext,
  ) => decideMembershipApplicationStep(ctx, args),

  cancelMembershipApplication: (
    _: unknown,
    args: { id: string; reason?: string | null },
    ctx: MembershipContext,
  ) => cancelMembershipApplication(ctx, args),

  /** A member's death: person.service.ts. */
  recordDeath: async (_: unknown, args: { personId: string; diedOn: string }, ctx: MembershipContext) => {
    await recordDeath(ctx, args);
    return ctx.loaders.personById.load(args.personId);
  },
};
