import { TermsAcceptanceEntity } from './terms-acceptance.entity';
import { TermsVersionEntity } from './terms-version.entity';
import { JointUseNoticeEntity } from './joint-use-notice.entity';
import { NotificationEntity } from './notification.entity';
import { NotificationDeliveryEntity } from './notification-delivery.entity';
import { IdempotencyKeyEntity } from '@mamis/platform';
import { PrivacyRequestEntity } from './privacy-request.entity';
import { PrivacyRequestEventEntity } from './privacy-request-event.entity';
import { PrivacyExportEntity } from './privacy-export.entity';
import { ServiceDisclosureEntity } from './service-disclosure.entity';
import { SurveyAnswerEntity, SurveyEntity, SurveyRecipientEntity } from './survey.entity';
import { ProvisionRecordEntity, ProvisionRecordPersonEntity } from './provision-record.entity';

export { TermsAcceptanceEntity, TermsVersionEntity };
export { JointUseNoticeEntity, NotificationEntity, NotificationDeliveryEntity };
export { NOTIFICATION_KINDS, type NotificationKind } from './notification.entity';
export type { DeliveryStatus } from './notification-delivery.entity';
export { PrivacyRequestEntity, PrivacyRequestEventEntity, PrivacyExportEntity };
export { ServiceDisclosureEntity };
export { SurveyEntity, SurveyRecipientEntity, SurveyAnswerEntity };
export { ProvisionRecordEntity, ProvisionRecordPersonEntity };
export {
  SURVEY_QUESTION_KINDS,
  type SurveyQuestionKind,
  type SurveyQuestionRecord,
  type SurveyOptionRecord,
  type SurveyAnswerItemRecord,
} from './survey.entity';
export type { ContractorRecord, EnvironmentRequirementRecord } from './service-disclosure.entity';
export {
  PRIVACY_REQUEST_KINDS,
  PRIVACY_REQUEST_STATUSES,
  type PrivacyRequestKind,
  type PrivacyRequestStatus,
} from './privacy-request.entity';
export const entities = [
  TermsVersionEntity,
  TermsAcceptanceEntity,
  JointUseNoticeEntity,
  NotificationEntity,
  NotificationDeliveryEntity,
  PrivacyRequestEntity,
  PrivacyRequestEventEntity,
  PrivacyExportEntity,
  ServiceDisclosureEntity,
  SurveyEntity,
  SurveyRecipientEntity,
  SurveyAnswerEntity,
  ProvisionRecordEntity,
  ProvisionRecordPersonEntity,
  IdempotencyKeyEntity,
];
