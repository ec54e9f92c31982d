import type { FieldRule, GroupFieldRule } from '../field-rule';

/** The person's own CONSENT data: a member association's CONSENT status (STATUS_ONLY) does not cover it. */
const OWN_ONLY = (what: string): GroupFieldRule => ({
  group: 'CONSENT',
  requiredScope: { scope: 'ALL' },
  records: { all: `only the person reads ${what} (the scope ALL), and every record is theirs` },
});

/** Access rules of the consent subgraph's fields (schema/consent.graphql). */
// prettier-ignore
export const CONSENT_FIELD_RULES: Readonly<Record<string, FieldRule>> = {
  // a member association sees the status (the latest acceptance); the person the history
  'Person.termsAcceptances': { group: 'CONSENT', records: { keep: (_r: unknown, c) => c.index === 0 } },
  'TermsAcceptance.id': 'NESTED', 'TermsAcceptance.version': 'NESTED',
  'TermsAcceptance.acceptedAt': 'NESTED', 'TermsAcceptance.method': 'NESTED',
  'TermsVersion.id': 'PUBLIC', 'TermsVersion.version': 'PUBLIC', 'TermsVersion.titleJa': 'PUBLIC',
  'TermsVersion.titleEn': 'PUBLIC', 'TermsVersion.bodyJa': 'PUBLIC', 'TermsVersion.bodyEn': 'PUBLIC',
  'TermsVersion.effectiveFrom': 'PUBLIC', 'TermsVersion.requiresAcceptance': 'PUBLIC',
  'Query.termsOfUse': 'PUBLIC',
  // terms versions, joint-use notice, notifications
  'TermsVersion.summaryJa': 'PUBLIC', 'TermsVersion.summaryEn': 'PUBLIC', 'TermsVersion.publishedAt': 'PUBLIC',
  'TermsAcceptance.clientId': 'NESTED',
  'Query.termsVersions': 'PUBLIC',
  'Query.jointUseNotice': 'PUBLIC', 'Query.upcomingJointUseNotice': 'PUBLIC', 'Query.jointUseNotices': 'PUBLIC',
  'JointUseNotice.id': 'PUBLIC', 'JointUseNotice.version': 'PUBLIC', 'JointUseNotice.effectiveFrom': 'PUBLIC',
  'JointUseNotice.title': 'PUBLIC', 'JointUseNotice.statement': 'PUBLIC', 'JointUseNotice.dataItems': 'PUBLIC',
  'JointUseNotice.jointUsers': 'PUBLIC', 'JointUseNotice.purposes': 'PUBLIC',
  'JointUseNotice.responsibleParty': 'PUBLIC', 'JointUseNotice.responsibilityNote': 'PUBLIC',
  'JointUseNotice.summaryEn': 'PUBLIC',
  'Query.serviceDisclosure': 'PUBLIC', 'ServiceDisclosure.id': 'PUBLIC', 'ServiceDisclosure.version': 'PUBLIC',
  'ServiceDisclosure.effectiveFrom': 'PUBLIC', 'ServiceDisclosure.contractors': 'PUBLIC',
  'ServiceDisclosure.environmentRequirements': 'PUBLIC', 'ServiceDisclosure.publishedAt': 'PUBLIC',
  'Contractor.name': 'PUBLIC', 'Contractor.work': 'PUBLIC', 'Contractor.workEn': 'PUBLIC',
  'EnvironmentRequirement.item': 'PUBLIC', 'EnvironmentRequirement.requirementJa': 'PUBLIC',
  'EnvironmentRequirement.requirementEn': 'PUBLIC',
  'ResponsibleParty.name': 'PUBLIC', 'ResponsibleParty.address': 'PUBLIC',
  'ResponsibleParty.representative': 'PUBLIC',
  'Person.notifications': OWN_ONLY('their notices'),
  'Notification.id': 'NESTED', 'Notification.kind': 'NESTED', 'Notification.subjectJa': 'NESTED',
  'Notification.subjectEn': 'NESTED', 'Notification.bodyJa': 'NESTED', 'Notification.bodyEn': 'NESTED',
  'Notification.createdAt': 'NESTED', 'Notification.readAt': 'NESTED', 'Notification.emailStatus': 'NESTED',
  'Mutation.acceptTerms': 'WRITE', 'Mutation.publishTermsVersion': 'WRITE',
  'Mutation.publishJointUseNotice': 'WRITE', 'Mutation.publishServiceDisclosure': 'WRITE', 'Mutation.markNotificationRead': 'WRITE',
  // privacy requests (APPI arts. 33–35). The person's own list needs the full
  // CONSENT scope (checked in the resolver); the staff list is decided by authorizeAssociation.
  // the person's own requests; for a member association's CONSENT status: absent (null), no error
  'Person.privacyRequests': {
    group: 'CONSENT',
    requiredScope: { scope: 'ALL', otherwise: 'ABSENT' },
    records: { all: 'only the person reads them (the scope ALL), and every request is theirs' },
  },
  'Query.privacyRequestsToDecide': 'AUTHENTICATED',
  'Mutation.filePrivacyRequest': 'WRITE', 'Mutation.decidePrivacyRequest': 'WRITE',
  'PrivacyRequest.id': 'NESTED', 'PrivacyRequest.kind': 'NESTED', 'PrivacyRequest.status': 'NESTED',
  'PrivacyRequest.details': 'NESTED', 'PrivacyRequest.filedAt': 'NESTED', 'PrivacyRequest.dueOn': 'NESTED',
  'PrivacyRequest.overdue': 'NESTED', 'PrivacyRequest.decidedAt': 'NESTED',
  'PrivacyRequest.decisionNote': 'NESTED', 'PrivacyRequest.completedAt': 'NESTED',
  'PrivacyRequest.version': 'NESTED', 'PrivacyRequest.history': 'NESTED', 'PrivacyRequest.export': 'NESTED',
  'PrivacyRequest.person': 'PERSON_LOOKUP',
  'PrivacyRequestEvent.status': 'NESTED', 'PrivacyRequestEvent.at': 'NESTED', 'PrivacyRequestEvent.note': 'NESTED',
  // association notices to members (SEND_NOTICES, decided by authorizeAssociation)
  'Mutation.sendAssociationNotice': 'WRITE',
  'AssociationNoticeRun.dryRun': 'NESTED', 'AssociationNoticeRun.associationName': 'NESTED',
  'AssociationNoticeRun.recipientCount': 'NESTED', 'AssociationNoticeRun.notifiedCount': 'NESTED',
  // association surveys (各種アンケート): the member's own list (SELF only: requiredScope ALL), the
  // staff's queries decided by authorizeAssociation (MANAGE_SURVEYS, READ_SURVEY_RESULTS,
  // READ_SURVEY_ANSWERS), answering by authorizeWrite (ANSWER_SURVEY)
  'Person.surveys': OWN_ONLY('their surveys'),
  // records of provision of names and e-mail addresses to the mail delivery vendor (notices and
  // surveys): the person's own (SELF only: requiredScope ALL). ProvisionRecord is a value type shared
  // with membership (the same rules: field-rules/membership.ts); Association.id likewise.
  'Person.emailProvisionRecords': OWN_ONLY('what was handed to the mail vendor about them'),
  'Query.associationSurveys': 'AUTHENTICATED', 'Query.associationSurvey': 'AUTHENTICATED',
  'Mutation.sendAssociationSurvey': 'WRITE', 'Mutation.answerSurvey': 'WRITE',
  'AssociationSurveyRun.dryRun': 'NESTED', 'AssociationSurveyRun.associationName': 'NESTED',
  'AssociationSurveyRun.recipientCount': 'NESTED', 'AssociationSurveyRun.notifiedCount': 'NESTED',
  'AssociationSurveyRun.survey': 'NESTED',
  'SurveyOption.id': 'NESTED', 'SurveyOption.label': 'NESTED',
  'SurveyQuestion.id': 'NESTED', 'SurveyQuestion.kind': 'NESTED', 'SurveyQuestion.text': 'NESTED',
  'SurveyQuestion.required': 'NESTED', 'SurveyQuestion.options': 'NESTED',
  'SurveyAnswerItem.questionId': 'NESTED', 'SurveyAnswerItem.optionIds': 'NESTED', 'SurveyAnswerItem.text': 'NESTED',
  'SurveyAnswer.items': 'NESTED', 'SurveyAnswer.answeredAt': 'NESTED', 'SurveyAnswer.updatedAt': 'NESTED',
  'MemberSurvey.id': 'NESTED', 'MemberSurvey.associationName': 'NESTED', 'MemberSurvey.title': 'NESTED',
  'MemberSurvey.description': 'NESTED', 'MemberSurvey.questions': 'NESTED', 'MemberSurvey.closesOn': 'NESTED',
  'MemberSurvey.open': 'NESTED', 'MemberSurvey.myAnswer': 'NESTED',
  'SurveyOptionResult.optionId': 'NESTED', 'SurveyOptionResult.label': 'NESTED',
  'SurveyOptionResult.count': 'NESTED', 'SurveyOptionResult.suppressed': 'NESTED',
  'SurveyQuestionResult.questionId': 'NESTED', 'SurveyQuestionResult.kind': 'NESTED',
  'SurveyQuestionResult.text': 'NESTED', 'SurveyQuestionResult.respondentCount': 'NESTED',
  'SurveyQuestionResult.respondentCountSuppressed': 'NESTED', 'SurveyQuestionResult.options': 'NESTED',
  'SurveyMemberAnswer.person': 'PERSON_LOOKUP', 'SurveyMemberAnswer.items': 'NESTED',
  'SurveyMemberAnswer.answeredAt': 'NESTED', 'SurveyMemberAnswer.updatedAt': 'NESTED',
  'AssociationSurvey.id': 'NESTED', 'AssociationSurvey.title': 'NESTED', 'AssociationSurvey.description': 'NESTED',
  'AssociationSurvey.questions': 'NESTED', 'AssociationSurvey.closesOn': 'NESTED', 'AssociationSurvey.open': 'NESTED',
  'AssociationSurvey.createdAt': 'NESTED', 'AssociationSurvey.recipientCount': 'NESTED',
  'AssociationSurvey.responseCount': 'NESTED', 'AssociationSurvey.results': 'NESTED',
  'AssociationSurvey.suppressionK': 'NESTED',
  'AssociationSurvey.memberAnswers': 'NESTED',
  'PrivacyExport.json': 'NESTED', 'PrivacyExport.html': 'NESTED', 'PrivacyExport.generatedAt': 'NESTED',
};
