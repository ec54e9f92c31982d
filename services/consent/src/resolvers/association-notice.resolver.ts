import type { MutationResolvers } from '../generated/resolver-types';
import { sendAssociationNotice } from '../services/association-notice.service';

export const associationNoticeMutationResolvers: MutationResolvers = {
  /** A notice of the association to its current members (association-notice.service.ts). */
  sendAssociationNotice: (_, { input }, ctx) => sendAssociationNotice(ctx, input),
};
