import { IdempotencyKeyEntity } from '@mamis/platform';
import { AttendanceEntity } from './attendance.entity';
import { CreditEntryEntity } from './credit-entry.entity';
import { CertificateEntity } from './certificate.entity';
import { CertificationApplicationEntity } from './certification-application.entity';
import { CertificationRuleEntity } from './certification-rule.entity';
import { CertificationStepEntity } from './certification-step.entity';
import { NotificationOutboxEntity } from './notification-outbox.entity';
import { TrainingProgramEntity } from './training-program.entity';
import { TrainingSessionEntity } from './training-session.entity';
import { SessionCreditEntity } from './session-credit.entity';
import { JmaExpiryCountEntity, JmaHoldingCountEntity } from './jma-certificate-count.entity';
import { JmaCreditCountEntity, JmaPopulationCountEntity } from './jma-credit-count.entity';

export { AttendanceEntity, TrainingSessionEntity };
// sessions, registration, attendance
export { SessionCreditEntity };
export type { AttendanceStatus, CheckInMethod } from './attendance.entity';
export type { SessionStatus, SessionVisibility } from './training-session.entity';
export { CreditEntryEntity };
export {
  CertificateEntity,
  CertificationApplicationEntity,
  CertificationRuleEntity,
  CertificationStepEntity,
  NotificationOutboxEntity,
  TrainingProgramEntity,
};
export { JmaExpiryCountEntity, JmaHoldingCountEntity };
export { JmaCreditCountEntity, JmaPopulationCountEntity };
export type { CertificationKind } from './certification-rule.entity';
export type { CertificationApplicationStatus } from './certification-application.entity';
export type { CertificationDecision, CertificationStepKind } from './certification-step.entity';
export type { CreditSource } from './credit-entry.entity';
export const entities = [
  TrainingSessionEntity,
  AttendanceEntity,
  SessionCreditEntity,
  // credit ledger, programs and rules, applications, certificates
  CreditEntryEntity,
  IdempotencyKeyEntity,
  TrainingProgramEntity,
  CertificationRuleEntity,
  CertificationApplicationEntity,
  CertificationStepEntity,
  CertificateEntity,
  NotificationOutboxEntity,
  // maintained statistics of the JMA's certificates
  JmaHoldingCountEntity,
  JmaExpiryCountEntity,
  // maintained statistics of the JMA's credits
  JmaPopulationCountEntity,
  JmaCreditCountEntity,
];
