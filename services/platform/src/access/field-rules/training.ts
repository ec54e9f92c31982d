import type { FieldRule, RecordContext } from '../field-rule';
import { certificateInScope, creditEntryInScope, isJmaProgram, sessionInScope } from '../scopes';

type Session = Parameters<typeof sessionInScope>[1];
/** A session a fact loader returned (a missing one: null or an Error). */
const sessionOf = (fact: unknown): Session | null =>
  fact && !(fact instanceof Error) ? (fact as Session) : null;

/** Access rules of the training subgraph's fields (schema/training.graphql). */
// prettier-ignore
export const TRAINING_FIELD_RULES: Readonly<Record<string, FieldRule>> = {
  // a host sees attendances at its own sessions, the JMA its programmes', a society those it co-hosts
  'Person.trainingAttendances': {
    group: 'TRAINING',
    records: {
      fact: { loader: 'sessionById', key: (a: { sessionId: string }) => a.sessionId },
      keep: (_a: unknown, c: RecordContext) => {
        const session = sessionOf(c.fact);
        return !!session && sessionInScope(c.scope, session, c.viewer);
      },
    },
  },
  // Attendance is reachable from Person (TRAINING) and from TrainingSession.attendances
  'Attendance.id': 'NESTED', 'Attendance.session': 'NESTED', 'Attendance.person': 'NESTED',
  'Attendance.status': 'NESTED', 'Attendance.attendedAt': 'NESTED', 'Attendance.units': 'NESTED',
  'TrainingSession.id': 'AUTHENTICATED', 'TrainingSession.host': 'AUTHENTICATED',
  'TrainingSession.programCode': 'AUTHENTICATED', 'TrainingSession.title': 'AUTHENTICATED',
  'TrainingSession.startsAt': 'AUTHENTICATED', 'TrainingSession.venue': 'AUTHENTICATED',
  'TrainingSession.units': 'AUTHENTICATED', 'TrainingSession.capacity': 'AUTHENTICATED',
  'TrainingSession.attendances': 'PERSON_LOOKUP',
  'Query.trainingSession': 'AUTHENTICATED', 'Query.trainingSessions': 'AUTHENTICATED',
  // sessions, registration, attendance. checkInCode: null unless the viewer may manage the
  // host's sessions (ctx.access.mayOperate); attendees: visible persons only, within their TRAINING scope
  'TrainingSession.endsAt': 'AUTHENTICATED', 'TrainingSession.onlineUrl': 'AUTHENTICATED',
  'TrainingSession.credits': 'AUTHENTICATED', 'TrainingSession.cohostSocietyId': 'AUTHENTICATED',
  'TrainingSession.visibility': 'AUTHENTICATED', 'TrainingSession.status': 'AUTHENTICATED',
  'TrainingSession.version': 'AUTHENTICATED', 'TrainingSession.registeredCount': 'AUTHENTICATED',
  'TrainingSession.waitlistedCount': 'AUTHENTICATED', 'TrainingSession.checkInCode': 'AUTHENTICATED',
  'TrainingSession.attendees': 'PERSON_LOOKUP',
  'SessionCredit.kind': 'AUTHENTICATED', 'SessionCredit.code': 'AUTHENTICATED', 'SessionCredit.units': 'AUTHENTICATED',
  'Attendance.registeredAt': 'NESTED', 'Attendance.checkInMethod': 'NESTED',
  // the import report is returned by a WRITE mutation only (authorizeAssociation MANAGE_SESSIONS)
  'AttendanceImportReport.dryRun': 'NESTED', 'AttendanceImportReport.applied': 'NESTED',
  'AttendanceImportReport.matched': 'NESTED', 'AttendanceImportReport.rejected': 'NESTED',
  'AttendanceImportReport.rows': 'NESTED',
  'AttendanceImportRow.rowNumber': 'NESTED', 'AttendanceImportRow.registryNumber': 'NESTED',
  'AttendanceImportRow.status': 'NESTED', 'AttendanceImportRow.message': 'NESTED',
  'AttendanceImportRow.person': 'PERSON_LOOKUP',
  'Mutation.createTrainingSession': 'WRITE', 'Mutation.updateTrainingSession': 'WRITE',
  'Mutation.cancelTrainingSession': 'WRITE', 'Mutation.regenerateCheckInCode': 'WRITE',
  'Mutation.registerForSession': 'WRITE', 'Mutation.cancelSessionRegistration': 'WRITE',
  'Mutation.recordAttendance': 'WRITE', 'Mutation.importAttendanceCsv': 'WRITE',
  'Mutation.checkInToSession': 'WRITE',
  // programs and rules, credit ledger, certification. Person fields narrow by TRAINING scope
  // (creditEntryInScope / certificateInScope); trainingSummary needs the whole program (ALL, or
  // JMA_PROGRAMS for a JMA program)
  // the whole programme's progress: only for a viewer who sees the whole record of that programme
  'Person.trainingSummary': {
    group: 'TRAINING',
    records: { only: (c) => c.scope === 'JMA_PROGRAMS' && isJmaProgram(String(c.args.program)) },
  },
  // an entry from a session follows the session; a manual entry: the JMA for its programmes
  'Person.creditLedger': {
    group: 'TRAINING',
    records: {
      fact: { loader: 'sessionById', key: (e: { sessionId?: string | null }) => e.sessionId ?? null },
      keep: (e: { sessionId?: string | null; programCode: string }, c: RecordContext) => {
        const session = sessionOf(c.fact);
        if (e.sessionId && !session) return false;
        return creditEntryInScope(c.scope, e, session, c.viewer);
      },
    },
  },
  // a host: the certificates its association issued; the JMA: its programmes'
  'Person.certificates': {
    group: 'TRAINING',
    records: {
      keep: (cert: { programCode: string; issuerAssociationId?: string | null }, c: RecordContext) =>
        certificateInScope(c.scope, cert, c.viewer),
    },
  },
  'Person.certificationApplications': {
    group: 'TRAINING',
    records: {
      keep: (a: { programCode: string }, c: RecordContext) =>
        certificateInScope(c.scope, { programCode: a.programCode }, c.viewer),
    },
  },
  'TrainingProgram.code': 'AUTHENTICATED', 'TrainingProgram.nameJa': 'AUTHENTICATED',
  'TrainingProgram.nameEn': 'AUTHENTICATED', 'TrainingProgram.jmaProgram': 'AUTHENTICATED',
  'TrainingProgram.codes': 'AUTHENTICATED', 'TrainingProgram.rules': 'AUTHENTICATED',
  'TrainingProgram.ownerAssociationId': 'AUTHENTICATED',
  'CertificationRule.id': 'AUTHENTICATED', 'CertificationRule.programCode': 'AUTHENTICATED',
  'CertificationRule.kind': 'AUTHENTICATED', 'CertificationRule.effectiveFrom': 'AUTHENTICATED',
  'CertificationRule.effectiveTo': 'AUTHENTICATED', 'CertificationRule.window': 'AUTHENTICATED',
  'CertificationRule.windowYears': 'AUTHENTICATED', 'CertificationRule.totalMeasure': 'AUTHENTICATED',
  'CertificationRule.minTotal': 'AUTHENTICATED', 'CertificationRule.minDistinctCodes': 'AUTHENTICATED',
  'CertificationRule.categoryOf': 'AUTHENTICATED', 'CertificationRule.minByCategory': 'AUTHENTICATED',
  'CertificationRule.validityYears': 'AUTHENTICATED', 'CertificationRule.graceDays': 'AUTHENTICATED',
  'CertificationRule.applyWithinYears': 'AUTHENTICATED', 'CertificationRule.requiresCertificate': 'AUTHENTICATED',
  'CertificationRule.evidenceRequired': 'AUTHENTICATED', 'CertificationRule.note': 'AUTHENTICATED',
  'CategoryMapping.code': 'AUTHENTICATED', 'CategoryMapping.category': 'AUTHENTICATED',
  'CategoryMinimum.category': 'AUTHENTICATED', 'CategoryMinimum.units': 'AUTHENTICATED',
  'TrainingSummary.programCode': 'NESTED', 'TrainingSummary.kind': 'NESTED', 'TrainingSummary.asOf': 'NESTED',
  'TrainingSummary.rule': 'NESTED', 'TrainingSummary.windowFrom': 'NESTED', 'TrainingSummary.windowTo': 'NESTED',
  'TrainingSummary.deadline': 'NESTED', 'TrainingSummary.graceUntil': 'NESTED', 'TrainingSummary.inGrace': 'NESTED',
  'TrainingSummary.units': 'NESTED', 'TrainingSummary.distinctCodes': 'NESTED', 'TrainingSummary.total': 'NESTED',
  'TrainingSummary.requirements': 'NESTED', 'TrainingSummary.evidenceRequired': 'NESTED',
  'TrainingSummary.eligible': 'NESTED',
  'TrainingRequirement.key': 'NESTED', 'TrainingRequirement.required': 'NESTED',
  'TrainingRequirement.achieved': 'NESTED', 'TrainingRequirement.met': 'NESTED', 'TrainingRequirement.missing': 'NESTED',
  'CreditEntry.id': 'NESTED', 'CreditEntry.programCode': 'NESTED', 'CreditEntry.code': 'NESTED',
  'CreditEntry.units': 'NESTED', 'CreditEntry.earnedOn': 'NESTED', 'CreditEntry.source': 'NESTED',
  'CreditEntry.session': 'NESTED', 'CreditEntry.evidence': 'NESTED', 'CreditEntry.reversesEntryId': 'NESTED',
  'CreditEntry.recordedAt': 'NESTED',
  // Certificate: under Person.certificates (TRAINING) and expiringCertificates (PERSON_LOOKUP, narrowed)
  'Certificate.id': 'NESTED', 'Certificate.number': 'NESTED', 'Certificate.programCode': 'NESTED',
  'Certificate.validFrom': 'NESTED', 'Certificate.validTo': 'NESTED', 'Certificate.status': 'NESTED',
  'Certificate.holderName': 'NESTED', 'Certificate.verificationCode': 'NESTED', 'Certificate.issuedAt': 'NESTED',
  'Certificate.person': 'NESTED', 'Certificate.document': 'NESTED',
  'Attendance.certificateDocument': 'NESTED',
  'DocumentDownload.path': 'NESTED', 'DocumentDownload.expiresAt': 'NESTED',
  'DocumentDownload.fileName': 'NESTED', 'DocumentDownload.contentType': 'NESTED',
  // public certificate check: validity, program, period and the holder's name only
  'CertificateVerification.kind': 'PUBLIC', 'CertificateVerification.sessionTitle': 'PUBLIC',
  'CertificateVerification.valid': 'PUBLIC', 'CertificateVerification.status': 'PUBLIC',
  'CertificateVerification.programCode': 'PUBLIC', 'CertificateVerification.programNameJa': 'PUBLIC',
  'CertificateVerification.programNameEn': 'PUBLIC', 'CertificateVerification.validFrom': 'PUBLIC',
  'CertificateVerification.validTo': 'PUBLIC', 'CertificateVerification.holderName': 'PUBLIC',
  'CertificationStep.step': 'NESTED', 'CertificationStep.decision': 'NESTED', 'CertificationStep.association': 'NESTED',
  'CertificationStep.note': 'NESTED', 'CertificationStep.decidedAt': 'NESTED',
  'CertificationApplication.id': 'NESTED', 'CertificationApplication.person': 'NESTED',
  'CertificationApplication.programCode': 'NESTED', 'CertificationApplication.kind': 'NESTED',
  'CertificationApplication.status': 'NESTED', 'CertificationApplication.prefecturalAssociation': 'NESTED',
  'CertificationApplication.holderName': 'NESTED', 'CertificationApplication.evidence': 'NESTED',
  'CertificationApplication.version': 'NESTED', 'CertificationApplication.filedAt': 'NESTED',
  'CertificationApplication.steps': 'NESTED', 'CertificationApplication.certificate': 'NESTED',
  'Query.trainingPrograms': 'AUTHENTICATED', 'Query.verifyCertificate': 'PUBLIC',
  'Query.expiringCertificates': 'PERSON_LOOKUP', 'Query.certificationApplicationsToDecide': 'PERSON_LOOKUP',
  'Mutation.createTrainingProgram': 'WRITE', 'Mutation.addCertificationRule': 'WRITE', 'Mutation.addCreditEntry': 'WRITE', 'Mutation.reverseCreditEntry': 'WRITE',
  'Mutation.fileCertificationApplication': 'WRITE', 'Mutation.checkCertificationApplication': 'WRITE',
  'Mutation.approveCertificationApplication': 'WRITE',
};
