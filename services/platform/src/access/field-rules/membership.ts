import { Messages } from '../../messages';
import type { FieldRule, GroupFieldRule, RecordContext, RecordRule } from '../field-rule';
import { applicationInScope, associationRecordInScope } from '../scopes';

/** An IDENTITY field that the NAME_AND_REGISTRY scope (academic-society clients) includes. */
const NAME_OR_REGISTRY: GroupFieldRule = { group: 'IDENTITY', nameAndRegistry: true };

/** Records of an association (memberships, their events, dues invoices): a former member association sees its own. */
const associationRecords: RecordRule = {
  keep: (record: { associationId: string }, c: RecordContext) =>
    associationRecordInScope(c.scope, record, c.viewer),
};

/** Access rules of the membership subgraph's fields (schema/membership.graphql). */
// prettier-ignore
export const MEMBERSHIP_FIELD_RULES: Readonly<Record<string, FieldRule>> = {
  'Person.id': NAME_OR_REGISTRY,
  'Person.familyName': NAME_OR_REGISTRY, 'Person.givenName': NAME_OR_REGISTRY,
  'Person.familyNameKana': NAME_OR_REGISTRY, 'Person.givenNameKana': NAME_OR_REGISTRY,
  'Person.birthDate': 'IDENTITY', 'Person.sex': 'IDENTITY',
  'Person.registryNumber': NAME_OR_REGISTRY, 'Person.registryDate': 'IDENTITY',
  'Person.email': 'CONTACT', 'Person.phone': 'CONTACT', 'Person.postalCode': 'CONTACT',
  'Person.prefectureCode': 'CONTACT', 'Person.address': 'CONTACT',
  'Person.school': 'PROFILE', 'Person.facilityName': 'PROFILE', 'Person.facilityRole': 'PROFILE',
  'Person.departments': 'PROFILE',
  'Person.memberships': { group: 'MEMBERSHIP', records: associationRecords },
  // every item of 別表2, history, applications
  'Person.homePostalCode': 'CONTACT', 'Person.homePrefectureCode': 'CONTACT', 'Person.homeAddress': 'CONTACT',
  'Person.homePhone': 'CONTACT',
  'Person.graduationYear': 'PROFILE', 'Person.facilityFounderType': 'PROFILE',
  'Person.version': 'IDENTITY',
  'Person.membershipHistory': { group: 'MEMBERSHIP', records: associationRecords },
  // an application is the viewer's by its steps (a step at the viewer's association)
  'Person.membershipApplications': {
    group: 'MEMBERSHIP',
    records: {
      fact: { loader: 'stepsByApplicationId', key: (a: { id: string }) => a.id },
      keep: (a: { status: string }, c) =>
        Array.isArray(c.fact) && applicationInScope(c.scope, a, c.fact as { associationId: string }[], c.viewer),
    },
  },
  'MembershipEvent.id': 'NESTED', 'MembershipEvent.kind': 'NESTED', 'MembershipEvent.association': 'NESTED',
  'MembershipEvent.category': 'NESTED', 'MembershipEvent.previousCategory': 'NESTED',
  'MembershipEvent.effectiveOn': 'NESTED', 'MembershipEvent.recordedAt': 'NESTED',
  'MembershipEvent.counterpartAssociation': 'NESTED', 'MembershipEvent.applicationId': 'NESTED',
  // reached through Person.membershipApplications (MEMBERSHIP), Query.membershipApplications
  // (narrowed by the applicant's MEMBERSHIP scope) and the mutations (authorised writers)
  'MembershipApplication.id': 'NESTED', 'MembershipApplication.person': 'PERSON_LOOKUP',
  'MembershipApplication.kind': 'NESTED', 'MembershipApplication.status': 'NESTED',
  'MembershipApplication.effectiveOn': 'NESTED', 'MembershipApplication.comment': 'NESTED',
  'MembershipApplication.filedAt': 'NESTED', 'MembershipApplication.closedAt': 'NESTED',
  'MembershipApplication.steps': 'NESTED', 'MembershipApplication.currentStep': 'NESTED',
  'ApplicationStep.id': 'NESTED', 'ApplicationStep.ordinal': 'NESTED', 'ApplicationStep.association': 'NESTED',
  'ApplicationStep.action': 'NESTED', 'ApplicationStep.category': 'NESTED',
  'ApplicationStep.counterpartAssociation': 'NESTED', 'ApplicationStep.status': 'NESTED',
  'ApplicationStep.decidedAt': 'NESTED', 'ApplicationStep.decidedBy': 'NESTED', 'ApplicationStep.decidedByName': 'NESTED', 'ApplicationStep.comment': 'NESTED',
  'Query.membershipApplications': 'AUTHENTICATED',
  'Mutation.createPerson': 'WRITE', 'Mutation.updatePerson': 'WRITE',
  'Mutation.fileMembershipApplication': 'WRITE', 'Mutation.decideMembershipApplicationStep': 'WRITE',
  'Mutation.cancelMembershipApplication': 'WRITE', 'Mutation.recordDeath': 'WRITE',
  'Mutation.acceptRegistryMatch': 'WRITE', 'Mutation.importRoster': 'WRITE',
  'RosterRowResult.row': 'NESTED', 'RosterRowResult.status': 'NESTED', 'RosterRowResult.code': 'NESTED',
  'RosterRowResult.field': 'NESTED', 'RosterRowResult.message': 'NESTED', 'RosterRowResult.personId': 'NESTED',
  'RosterImportResult.dryRun': 'NESTED', 'RosterImportResult.total': 'NESTED', 'RosterImportResult.created': 'NESTED',
  'RosterImportResult.joined': 'NESTED', 'RosterImportResult.unchanged': 'NESTED',
  'RosterImportResult.rejected': 'NESTED', 'RosterImportResult.rows': 'NESTED',
  'Association.postalCode': 'AUTHENTICATED', 'Association.address': 'AUTHENTICATED',
  'Association.phone': 'AUTHENTICATED', 'Association.fax': 'AUTHENTICATED', 'Association.email': 'AUTHENTICATED',
  'Association.url': 'AUTHENTICATED',
  // the person's own access log: privacy data about the person (the resolver further requires
  // the full CONSENT scope, i.e. SELF; a member association's STATUS_ONLY does not cover it)
  // who accessed the person's data: the person's own (SELF); a member association's CONSENT status does not cover it
  'Person.accessLog': {
    group: 'CONSENT',
    requiredScope: { scope: 'ALL' },
    records: { all: 'only the person reads it (the scope ALL), and the whole log is theirs' },
  },
  'Membership.id': 'NESTED', 'Membership.association': 'NESTED', 'Membership.category': 'NESTED',
  'Membership.status': 'NESTED', 'Membership.joinedOn': 'NESTED', 'Membership.leftOn': 'NESTED',
  'AccessLogEntry.at': 'NESTED', 'AccessLogEntry.association': 'NESTED', 'AccessLogEntry.viewerKind': 'NESTED',
  'AccessLogEntry.actor': 'NESTED', 'AccessLogEntry.actorName': 'NESTED', 'AccessLogEntry.onBehalfOf': 'NESTED', 'AccessLogEntry.relations': 'NESTED',
  'AccessLogEntry.groups': 'NESTED', 'AccessLogEntry.operation': 'NESTED', 'AccessLogEntry.service': 'NESTED',
  'AccessLogEntry.action': 'NESTED', 'AccessLogEntry.checkpoint': 'NESTED',
  'AuditCheckpoint.id': 'NESTED', 'AuditCheckpoint.entryCount': 'NESTED', 'AuditCheckpoint.headSequence': 'NESTED',
  'AuditCheckpoint.headHash': 'NESTED', 'AuditCheckpoint.signedAt': 'NESTED', 'AuditCheckpoint.signedAtText': 'NESTED',
  'AuditCheckpoint.keyId': 'NESTED', 'AuditCheckpoint.signature': 'NESTED',
  'Association.id': 'AUTHENTICATED', 'Association.code': 'AUTHENTICATED', 'Association.name': 'AUTHENTICATED',
  'Association.nameKana': 'AUTHENTICATED', 'Association.tier': 'AUTHENTICATED', 'Association.kind': 'AUTHENTICATED',
  'Association.prefectureCode': 'AUTHENTICATED', 'Association.parent': 'AUTHENTICATED',
  'Association.children': 'AUTHENTICATED',
  'Association.members': 'PERSON_LOOKUP',
  'PersonConnection.nodes': 'NESTED', 'PersonConnection.pageInfo': 'NESTED', 'PersonConnection.totalCount': 'NESTED',
  'PageInfo.hasNextPage': 'NESTED', 'PageInfo.endCursor': 'NESTED',
  // dues and mailing. Categories, fee bands and exemption rules are an
  // association's organisational data; invoices are the DUES group (narrowed per record by
  // associationRecordInScope); provision records are CONSENT data (the resolver requires the full
  // scope, i.e. SELF, like the access log: another association's exports are none of a member
  // association's business); mutations decide with MANAGE_DUES / RECORD_DUES / EXPORT_MAILING.
  'Association.membershipCategories': 'AUTHENTICATED', 'Association.feeSchedules': 'AUTHENTICATED',
  'Association.duesExemptionRules': 'AUTHENTICATED',
  'MembershipCategory.id': 'NESTED', 'MembershipCategory.code': 'NESTED', 'MembershipCategory.name': 'NESTED',
  'MembershipCategory.description': 'NESTED', 'MembershipCategory.sortOrder': 'NESTED',
  'FeeSchedule.id': 'NESTED', 'FeeSchedule.categoryCode': 'NESTED', 'FeeSchedule.fiscalYear': 'NESTED',
  'FeeSchedule.minAge': 'NESTED', 'FeeSchedule.maxAge': 'NESTED', 'FeeSchedule.annualFeeYen': 'NESTED',
  'DuesExemptionRule.id': 'NESTED', 'DuesExemptionRule.categoryCode': 'NESTED',
  'DuesExemptionRule.fromFiscalYear': 'NESTED', 'DuesExemptionRule.toFiscalYear': 'NESTED',
  'DuesExemptionRule.yearsAfterGraduation': 'NESTED', 'DuesExemptionRule.description': 'NESTED',
  'Person.dues': { group: 'DUES', records: associationRecords },
  // what associations gave to whom about the person (APPI art. 33 disclosure): the person's own only,
  // so one association does not learn what another gave (FORBIDDEN with its own message)
  'Person.provisionRecords': {
    group: 'CONSENT',
    requiredScope: { scope: 'ALL', message: Messages.OWN_PROVISION_RECORDS_ONLY },
    records: { all: 'only the person reads them (the scope ALL), and every record is theirs' },
  },
  // registrations under the person's registry number waiting for them: the person's own only
  'Person.registryMatches': {
    group: 'CONSENT',
    requiredScope: { scope: 'ALL', message: Messages.OWN_PENDING_REGISTRATIONS_ONLY },
    records: { all: 'only the person reads them (the scope ALL), and every match is theirs' },
  },
  'RegistryMatch.id': 'NESTED', 'RegistryMatch.association': 'NESTED', 'RegistryMatch.category': 'NESTED',
  'RegistryMatch.joinedOn': 'NESTED',
  'DuesInvoice.id': 'NESTED', 'DuesInvoice.association': 'NESTED', 'DuesInvoice.person': 'PERSON_LOOKUP',
  'DuesInvoice.fiscalYear': 'NESTED', 'DuesInvoice.categoryCode': 'NESTED', 'DuesInvoice.annualFeeYen': 'NESTED',
  'DuesInvoice.months': 'NESTED', 'DuesInvoice.amountYen': 'NESTED', 'DuesInvoice.paidYen': 'NESTED',
  'DuesInvoice.outstandingYen': 'NESTED', 'DuesInvoice.status': 'NESTED', 'DuesInvoice.exemptionRule': 'NESTED',
  'DuesInvoice.reference': 'NESTED', 'DuesInvoice.issuedOn': 'NESTED', 'DuesInvoice.payments': 'NESTED',
  // due date, overdue days and the reminder history of an invoice the viewer already reached through
  // its DUES scope; the documents' links are issued only after the invoice is checked again
  'DuesInvoice.dueOn': 'NESTED', 'DuesInvoice.daysOverdue': 'NESTED', 'DuesInvoice.reminderCount': 'NESTED',
  'DuesInvoice.lastRemindedAt': 'NESTED', 'DuesInvoice.invoiceDocument': 'NESTED',
  'DuesInvoice.receiptDocument': 'NESTED',
  'DuesReminderLine.invoice': 'NESTED', 'DuesReminderLine.outstandingYen': 'NESTED',
  'DuesReminderLine.daysOverdue': 'NESTED', 'DuesReminderSkip.invoiceId': 'NESTED',
  'DuesReminderSkip.reason': 'NESTED', 'DuesReminderResult.dryRun': 'NESTED', 'DuesReminderResult.lines': 'NESTED',
  'DuesReminderResult.skipped': 'NESTED', 'DuesReminderResult.memberCount': 'NESTED',
  'DuesReminderResult.totalOutstandingYen': 'NESTED', 'DuesReminderResult.letters': 'NESTED',
  'DuesPayment.id': 'NESTED', 'DuesPayment.amountYen': 'NESTED', 'DuesPayment.paidOn': 'NESTED',
  'DuesPayment.method': 'NESTED', 'DuesPayment.bankTransactionId': 'NESTED', 'DuesPayment.note': 'NESTED',
  'DuesPayment.recordedBy': 'NESTED', 'DuesPayment.recordedAt': 'NESTED',
  'InvoiceRunSkip.person': 'PERSON_LOOKUP', 'InvoiceRunSkip.reason': 'NESTED',
  'InvoiceRunResult.fiscalYear': 'NESTED', 'InvoiceRunResult.created': 'NESTED', 'InvoiceRunResult.exempt': 'NESTED',
  'InvoiceRunResult.existing': 'NESTED', 'InvoiceRunResult.skipped': 'NESTED',
  'InvoiceRunResult.dryRun': 'NESTED', 'InvoiceRunResult.planned': 'NESTED',
  'PlannedDuesInvoice.person': 'PERSON_LOOKUP', 'PlannedDuesInvoice.categoryCode': 'NESTED',
  'PlannedDuesInvoice.annualFeeYen': 'NESTED', 'PlannedDuesInvoice.months': 'NESTED',
  'PlannedDuesInvoice.amountYen': 'NESTED', 'PlannedDuesInvoice.status': 'NESTED',
  'PaymentImportRow.rowNumber': 'NESTED', 'PaymentImportRow.matched': 'NESTED', 'PaymentImportRow.reason': 'NESTED',
  'PaymentImportRow.message': 'NESTED', 'PaymentImportRow.paidOn': 'NESTED', 'PaymentImportRow.amountYen': 'NESTED',
  'PaymentImportRow.payer': 'NESTED', 'PaymentImportRow.reference': 'NESTED',
  'PaymentImportRow.transactionId': 'NESTED', 'PaymentImportRow.invoice': 'NESTED',
  'PaymentImportRow.expectedYen': 'NESTED', 'PaymentImportRow.balanceYen': 'NESTED',
  'PaymentImportReport.dryRun': 'NESTED', 'PaymentImportReport.applied': 'NESTED',
  'PaymentImportReport.totalRows': 'NESTED', 'PaymentImportReport.matchedCount': 'NESTED',
  'PaymentImportReport.unmatchedCount': 'NESTED', 'PaymentImportReport.matchedAmountYen': 'NESTED',
  'PaymentImportReport.rows': 'NESTED', 'PaymentImportReport.operationId': 'NESTED',
  'InvoiceRunResult.operationId': 'NESTED',
  // 処理状況: the resolvers decide (READ_OFFICE_OPERATIONS of the operation's association); no person data
  'Query.officeOperations': 'AUTHENTICATED', 'Query.officeOperation': 'AUTHENTICATED',
  'OfficeOperationConnection.nodes': 'NESTED', 'OfficeOperationConnection.pageInfo': 'NESTED',
  'OfficeOperationConnection.totalCount': 'NESTED',
  'OfficeOperation.id': 'NESTED', 'OfficeOperation.association': 'NESTED', 'OfficeOperation.kind': 'NESTED',
  'OfficeOperation.status': 'NESTED', 'OfficeOperation.total': 'NESTED', 'OfficeOperation.done': 'NESTED',
  'OfficeOperation.summary': 'NESTED', 'OfficeOperation.message': 'NESTED',
  'OfficeOperation.actorName': 'NESTED', 'OfficeOperation.startedAt': 'NESTED',
  'OfficeOperation.finishedAt': 'NESTED',
  'OfficeOperationSummary.fiscalYear': 'NESTED', 'OfficeOperationSummary.created': 'NESTED',
  'OfficeOperationSummary.exempt': 'NESTED', 'OfficeOperationSummary.existing': 'NESTED',
  'OfficeOperationSummary.skipped': 'NESTED', 'OfficeOperationSummary.totalRows': 'NESTED',
  'OfficeOperationSummary.matched': 'NESTED', 'OfficeOperationSummary.unmatched': 'NESTED',
  'OfficeOperationSummary.matchedAmountYen': 'NESTED',
  'ProvisionRecord.id': 'NESTED', 'ProvisionRecord.association': 'NESTED', 'ProvisionRecord.actor': 'NESTED',
  'ProvisionRecord.recipient': 'NESTED', 'ProvisionRecord.purpose': 'NESTED', 'ProvisionRecord.items': 'NESTED',
  'ProvisionRecord.format': 'NESTED', 'ProvisionRecord.rowCount': 'NESTED', 'ProvisionRecord.createdAt': 'NESTED',
  'MailingExport.filename': 'NESTED', 'MailingExport.contentType': 'NESTED', 'MailingExport.encoding': 'NESTED',
  'MailingExport.rowCount': 'NESTED', 'MailingExport.contentBase64': 'NESTED', 'MailingExport.warnings': 'NESTED',
  'MailingExport.provisionRecord': 'NESTED',
  // arrears: staff of the association (MANAGE_DUES), each invoice narrowed by the person's DUES scope
  'Query.duesArrears': 'PERSON_LOOKUP', 'Query.duesInvoice': 'PERSON_LOOKUP',
  'Mutation.setMembershipCategory': 'WRITE', 'Mutation.setFeeSchedule': 'WRITE',
  'Mutation.addDuesExemptionRule': 'WRITE', 'Mutation.generateDuesInvoices': 'WRITE',
  'Mutation.recordDuesPayment': 'WRITE', 'Mutation.importDuesPayments': 'WRITE',
  'Mutation.exportMailingList': 'WRITE', 'Mutation.sendDuesReminders': 'WRITE',
  'Query.person': 'PERSON_LOOKUP', 'Query.people': 'PERSON_LOOKUP', 'Query.me': 'PERSON_LOOKUP',
  // who am I: only what the token itself says (the person through the usual visibility check)
  'Query.viewer': 'AUTHENTICATED', 'Viewer.kind': 'NESTED', 'Viewer.role': 'NESTED',
  'Viewer.association': 'NESTED', 'Viewer.person': 'NESTED', 'Viewer.scopes': 'NESTED', 'Viewer.sysadmin': 'NESTED',
  'Query.association': 'AUTHENTICATED', 'Query.associationByCode': 'AUTHENTICATED',
  'Query.associations': 'AUTHENTICATED',
};
