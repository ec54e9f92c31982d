import { DateScalar, DateTimeScalar } from '@mamis/platform';
import { personResolvers } from './person.resolver';
import { queryResolvers } from './query.resolver';
import { mutationResolvers } from './mutation.resolver';
import { associationNoticeMutationResolvers } from './association-notice.resolver';
import { termsVersionResolvers } from './terms-version.resolver';
import {
  associationSurveyResolvers,
  memberSurveyResolvers,
  surveyMemberAnswerResolvers,
  surveyMutationResolvers,
  surveyPersonResolvers,
  surveyQueryResolvers,
} from './survey.resolver';
import { jointUseNoticeResolvers } from './joint-use-notice.resolver';
import { provisionRecordPersonResolvers, provisionRecordResolvers } from './provision-record.resolver';
import type { Resolvers } from '../generated/resolver-types';
import {
  privacyExportResolvers,
  privacyMutationResolvers,
  privacyPersonResolvers,
  privacyQueryResolvers,
  privacyRequestResolvers,
} from './privacy-request.resolver';

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query: { ...queryResolvers, ...privacyQueryResolvers, ...surveyQueryResolvers },
  Person: {
    ...personResolvers,
    ...privacyPersonResolvers,
    ...surveyPersonResolvers,
    ...provisionRecordPersonResolvers,
  },
  ProvisionRecord: provisionRecordResolvers,
  Mutation: {
    ...mutationResolvers,
    ...privacyMutationResolvers,
    ...associationNoticeMutationResolvers,
    ...surveyMutationResolvers,
  },
  MemberSurvey: memberSurveyResolvers,
  AssociationSurvey: associationSurveyResolvers,
  SurveyMemberAnswer: surveyMemberAnswerResolvers,
  PrivacyRequest: privacyRequestResolvers,
  PrivacyExport: privacyExportResolvers,
  TermsVersion: termsVersionResolvers,
  JointUseNotice: jointUseNoticeResolvers,
  ServiceDisclosure: { publishedAt: (d) => d.createdAt },
};
