import type { MutationResolvers } from '../generated/resolver-types';
import { markNotificationRead } from '../services/notification.service';
import { publishJointUseNotice, publishServiceDisclosure } from '../services/publication.service';
import { acceptTerms, publishTermsVersion } from '../services/terms.service';

/** The terms, the JMA's public documents and the viewer's notices: one feature-service call each. */
export const mutationResolvers: MutationResolvers = {
  acceptTerms: (_, args, ctx) => acceptTerms(ctx, args),
  publishTermsVersion: (_, { input }, ctx) => publishTermsVersion(ctx, input),
  publishJointUseNotice: (_, { input }, ctx) => publishJointUseNotice(ctx, input),
  publishServiceDisclosure: (_, { input }, ctx) => publishServiceDisclosure(ctx, input),
  markNotificationRead: (_, { id }, ctx) => markNotificationRead(ctx, id),
};
