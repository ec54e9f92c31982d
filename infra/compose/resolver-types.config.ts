/**
 * Per subgraph: the context its resolvers receive and the parent types (mappers) of the object
 * types whose resolvers read more than the GraphQL fields (an entity, a loader row). Paths are
 * relative to `services/<name>/src/generated/`. Every other object type's parent is a
 * `Partial` of its GraphQL type (`defaultMapper`).
 */
export interface SubgraphResolverTypes {
  contextType: string;
  mappers: Record<string, string>;
}

/** Entities owned by membership: the other subgraphs' resolvers receive the key only. */
const PERSON_REF = '{ id: string }';
const ASSOCIATION_REF = '{ id: string }';
const STATISTICS_REF = '{ associationId: string }';

export const resolverTypesConfig: Record<string, SubgraphResolverTypes> = {
  membership: {
    contextType: '../context#MembershipContext',
    mappers: {
      Person: '../entities#PersonEntity',
      Association: '../entities#AssociationEntity',
      Statistics: STATISTICS_REF,
      Membership: '../entities#MembershipEntity',
      MembershipEvent: '../entities#MembershipEventEntity',
      MembershipApplication: '../entities#MembershipApplicationEntity',
      ApplicationStep: '../entities#MembershipApplicationStepEntity',
      AccessLogEntry: '../repositories/access-log.repository#AccessLogRow',
      PersonConnection: '../resolvers/person-connection.resolver#ServedPersonPage',
      Viewer: '../resolvers/viewer.resolver#ViewerInfo',
      MembershipCategory: '../entities#MembershipCategoryEntity',
      FeeSchedule: '../entities#FeeScheduleEntity',
      DuesExemptionRule: '../entities#DuesExemptionRuleEntity',
      DuesInvoice: '../entities#DuesInvoiceEntity',
      DuesPayment: '../entities#DuesPaymentEntity',
      InvoiceRunSkip: "Omit<InvoiceRunSkip, 'person'> & { personId: string }",
      PlannedDuesInvoice: '../entities#DuesInvoiceEntity',
      DuesReminderLine: '../services/dues.service#ReminderLine',
      PaymentImportRow: '../services/payment-matching.service#ImportRowResult',
      ProvisionRecord: '../entities#ProvisionRecordEntity',
      OfficeOperation: '../entities#OfficeOperationEntity',
      RegistryMatch: '../repositories/registry-match.repository#RegistryMatchRow',
    },
  },
  consent: {
    contextType: '../context#ConsentContext',
    mappers: {
      Person: PERSON_REF,
      Association: ASSOCIATION_REF,
      TermsVersion: '../entities#TermsVersionEntity',
      TermsAcceptance: '../repositories/terms.repository#AcceptanceRow',
      JointUseNotice: '../entities#JointUseNoticeEntity',
      ServiceDisclosure: '../entities#ServiceDisclosureEntity',
      Notification: '../repositories/notification.repository#NotificationRow',
      ProvisionRecord: '../entities#ProvisionRecordEntity',
      PrivacyRequest: '../resolvers/privacy-request.resolver#ServedPrivacyRequest',
      PrivacyRequestEvent: '../entities#PrivacyRequestEventEntity',
      PrivacyExport: '../entities#PrivacyExportEntity',
      MemberSurvey: '../repositories/survey.repository#PersonSurveyRow',
      AssociationSurvey: '../entities#SurveyEntity',
      SurveyMemberAnswer: "Omit<SurveyMemberAnswer, 'person'> & { personId: string }",
    },
  },
  training: {
    contextType: '../context#TrainingContext',
    mappers: {
      Person: PERSON_REF,
      Association: ASSOCIATION_REF,
      Statistics: STATISTICS_REF,
      TrainingSession: '../entities#TrainingSessionEntity',
      SessionCredit: '../entities#SessionCreditEntity',
      Attendance: '../entities#AttendanceEntity',
      AttendanceImportRow: '../services/attendance.service#ImportRow',
      TrainingProgram: '../entities#TrainingProgramEntity',
      CertificationRule: '../resolvers/certification.resolver#ServedRule',
      CreditEntry: '../entities#CreditEntryEntity',
      Certificate: '../entities#CertificateEntity',
      CertificationApplication: '../entities#CertificationApplicationEntity',
      CertificationStep: '../entities#CertificationStepEntity',
    },
  },
  'insurance-pension': {
    contextType: '../context#InsurancePensionContext',
    mappers: {
      InsuranceEnrolment: '../entities#InsuranceEnrolmentEntity',
      InsuranceStatusChange: '../entities#InsuranceStatusChangeEntity',
      PhysicianPension: '../entities#PensionEnrolmentEntity',
      PensionChange: '../entities#PensionChangeEntity',
      Person: PERSON_REF,
      Statistics: STATISTICS_REF,
    },
  },
};
