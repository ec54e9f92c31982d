import {
  cancelMembershipApplication,
  decideMembershipApplicationStep,
  fileMembershipApplication,
} from '../services/membership-application.service';
import { createPerson, recordDeath, updatePerson } from '../services/person.service';
import { importRoster } from '../services/roster-import.service';
import type { MutationResolvers } from '../generated/resolver-types';
import { writtenPerson } from './person.resolver';

export const mutationResolvers: MutationResolvers = {
  /** Bulk roster import (dry run first; idempotent): roster-import.service.ts. */
  importRoster: (_, args, ctx) => importRoster(ctx, args.input),

  /** Register a person who joins the staff's association at once: person.service.ts. */
  createPerson: async (_, args, ctx) => writtenPerson(ctx, await createPerson(ctx, args)),

  /** Change a person's data with the version read: person.service.ts. */
  updatePerson: async (_, args, ctx) => {
    await updatePerson(ctx, args);
    ctx.loaders.personById.clear(args.id);
    return ctx.loaders.personById.load(args.id);
  },

  /** membership-application.service.ts */
  fileMembershipApplication: (_, args, ctx) => fileMembershipApplication(ctx, args),

  decideMembershipApplicationStep: (_, args, ctx) => decideMembershipApplicationStep(ctx, args),

  cancelMembershipApplication: (_, args, ctx) => cancelMembershipApplication(ctx, args),

  /** A member's death: person.service.ts. */
  recordDeath: async (_, args, ctx) => {
    await recordDeath(ctx, args);
    return writtenPerson(ctx, args.personId);
  },
};
