import { DateScalar, DateTimeScalar } from '@mamis/platform';
import { personResolvers } from './person.resolver';
import { queryResolvers } from './query.resolver';
import { mutationResolvers } from './mutation.resolver';
import { termsVersionResolvers } from './terms-version.resolver';
import { jointUseNoticeResolvers } from './joint-use-notice.resolver';
import {
  privacyExportResolvers,
  privacyMutationResolvers,
  privacyPersonResolvers,
  privacyQueryResolvers,
  privacyRequestResolvers,
} from './privacy-request.resolver';

export const resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query: { ...queryResolvers, ...privacyQueryResolvers },
  Person: { ...personResolvers, ...privacyPersonResolvers },
  Mutation: { ...mutationResolvers, ...privacyMutationResolvers },
  PrivacyRequest: privacyRequestResolvers,
  PrivacyExport: privacyExportResolvers,
  TermsVersion: termsVersionResolvers,
  JointUseNotice: jointUseNoticeResolvers,
};
