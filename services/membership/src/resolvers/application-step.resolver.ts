import type { ApplicationStepResolvers } from '../generated/resolver-types';
import { referencedAssociation } from './association.resolver';

export const applicationStepResolvers: ApplicationStepResolvers = {
  association: (s, _, ctx) => referencedAssociation(ctx, s.associationId),

  counterpartAssociation: (s, _, ctx) =>
    s.counterpartAssociationId ? ctx.loaders.associationById.load(s.counterpartAssociationId) : null,

  decidedByName: async (s, _, ctx) =>
    s.decidedBy ? ((await ctx.loaders.accountNameById.load(s.decidedBy))?.displayName ?? null) : null,

  comment: (s) => s.decisionComment,
};
