import type { FieldRule } from '../field-rules';

/** Access rules of the consent subgraph's fields (schema/consent.graphql). */
// prettier-ignore
export const CONSENT_FIELD_RULES: Readonly<Record<string, FieldRule>> = {
  'Person.termsAcceptances': 'CONSENT',
  'TermsAcceptance.id': 'NESTED', 'TermsAcceptance.version': 'NESTED',
  'TermsAcceptance.acceptedAt': 'NESTED', 'TermsAcceptance.method': 'NESTED',
  'TermsVersion.id': 'PUBLIC', 'TermsVersion.version': 'PUBLIC', 'TermsVersion.titleJa': 'PUBLIC',
  'TermsVersion.titleEn': 'PUBLIC', 'TermsVersion.bodyJa': 'PUBLIC', 'TermsVersion.bodyEn': 'PUBLIC',
  'TermsVersion.effectiveFrom': 'PUBLIC', 'TermsVersion.requiresAcceptance': 'PUBLIC',
  'Query.termsOfUse': 'PUBLIC',
  // issue 9 part A: terms versions, joint-use notice, notifications
  'TermsVersion.summaryJa': 'PUBLIC', 'TermsVersion.summaryEn': 'PUBLIC', 'TermsVersion.publishedAt': 'PUBLIC',
  'TermsAcceptance.clientId': 'NESTED',
  'Query.termsVersions': 'PUBLIC',
  'Query.jointUseNotice': 'PUBLIC', 'Query.upcomingJointUseNotice': 'PUBLIC', 'Query.jointUseNotices': 'PUBLIC',
  'JointUseNotice.id': 'PUBLIC', 'JointUseNotice.version': 'PUBLIC', 'JointUseNotice.effectiveFrom': 'PUBLIC',
  'JointUseNotice.title': 'PUBLIC', 'JointUseNotice.statement': 'PUBLIC', 'JointUseNotice.dataItems': 'PUBLIC',
  'JointUseNotice.jointUsers': 'PUBLIC', 'JointUseNotice.purposes': 'PUBLIC',
  'JointUseNotice.responsibleParty': 'PUBLIC', 'JointUseNotice.responsibilityNote': 'PUBLIC',
  'JointUseNotice.summaryEn': 'PUBLIC',
  'ResponsibleParty.name': 'PUBLIC', 'ResponsibleParty.address': 'PUBLIC',
  'ResponsibleParty.representative': 'PUBLIC',
  'Person.notifications': 'CONSENT',
  'Notification.id': 'NESTED', 'Notification.kind': 'NESTED', 'Notification.subjectJa': 'NESTED',
  'Notification.subjectEn': 'NESTED', 'Notification.bodyJa': 'NESTED', 'Notification.bodyEn': 'NESTED',
  'Notification.createdAt': 'NESTED', 'Notification.readAt': 'NESTED', 'Notification.emailStatus': 'NESTED',
  'Mutation.acceptTerms': 'WRITE', 'Mutation.publishTermsVersion': 'WRITE',
  'Mutation.publishJointUseNotice': 'WRITE', 'Mutation.markNotificationRead': 'WRITE',
  // issue 9 part B: privacy requests (APPI arts. 33–35). The person's own list needs the full
  // CONSENT scope (checked in the resolver); the staff list is decided by authorizeAssociation.
  'Person.privacyRequests': 'CONSENT',
  'Query.privacyRequestsToDecide': 'AUTHENTICATED',
  'Mutation.filePrivacyRequest': 'WRITE', 'Mutation.decidePrivacyRequest': 'WRITE',
  'PrivacyRequest.id': 'NESTED', 'PrivacyRequest.kind': 'NESTED', 'PrivacyRequest.status': 'NESTED',
  'PrivacyRequest.details': 'NESTED', 'PrivacyRequest.filedAt': 'NESTED', 'PrivacyRequest.dueOn': 'NESTED',
  'PrivacyRequest.overdue': 'NESTED', 'PrivacyRequest.decidedAt': 'NESTED',
  'PrivacyRequest.decisionNote': 'NESTED', 'PrivacyRequest.completedAt': 'NESTED',
  'PrivacyRequest.version': 'NESTED', 'PrivacyRequest.history': 'NESTED', 'PrivacyRequest.export': 'NESTED',
  'PrivacyRequest.person': 'PERSON_LOOKUP',
  'PrivacyRequestEvent.status': 'NESTED', 'PrivacyRequestEvent.at': 'NESTED', 'PrivacyRequestEvent.note': 'NESTED',
  'PrivacyExport.json': 'NESTED', 'PrivacyExport.html': 'NESTED', 'PrivacyExport.generatedAt': 'NESTED',
};
