import { AssociationEntity } from './association.entity';
import { MembershipEntity } from './membership.entity';
import { PersonEntity } from './person.entity';
import { MembershipEventEntity } from './membership-event.entity';
import { MembershipApplicationEntity } from './membership-application.entity';
import { MembershipApplicationStepEntity } from './membership-application-step.entity';
import { IdempotencyKeyEntity } from '@mamis/platform';
import { MembershipCategoryEntity } from './membership-category.entity';
import { FeeScheduleEntity } from './fee-schedule.entity';
import { DuesExemptionRuleEntity } from './dues-exemption-rule.entity';
import { DuesInvoiceEntity } from './dues-invoice.entity';
import { DuesPaymentEntity } from './dues-payment.entity';
import { ProvisionRecordEntity } from './provision-record.entity';
import { ProvisionRecordPersonEntity } from './provision-record-person.entity';
import { ActiveMemberCountEntity } from './active-member-count.entity';
import { OfficeOperationEntity } from './office-operation.entity';
import { MemberBirthCountEntity, MemberPrefectureCountEntity } from './member-profile-count.entity';
import { DuesCollectionCountEntity } from './dues-collection-count.entity';
import { MemberFlowCountEntity, MemberFlowSpanEntity } from './member-flow-count.entity';

export { AssociationEntity, MembershipEntity, PersonEntity };
export { MembershipEventEntity, MembershipApplicationEntity, MembershipApplicationStepEntity };
export { MembershipCategoryEntity, FeeScheduleEntity, DuesExemptionRuleEntity, DuesInvoiceEntity };
export { DuesPaymentEntity, ProvisionRecordEntity, ProvisionRecordPersonEntity, ActiveMemberCountEntity };
export { OfficeOperationEntity, MemberBirthCountEntity, MemberPrefectureCountEntity };
export { DuesCollectionCountEntity, MemberFlowCountEntity, MemberFlowSpanEntity };
export const entities = [
  AssociationEntity,
  PersonEntity,
  MembershipEntity,
  MembershipEventEntity,
  MembershipApplicationEntity,
  MembershipApplicationStepEntity,
  IdempotencyKeyEntity,
  // dues and mailing
  MembershipCategoryEntity,
  FeeScheduleEntity,
  DuesExemptionRuleEntity,
  DuesInvoiceEntity,
  DuesPaymentEntity,
  ProvisionRecordEntity,
  ProvisionRecordPersonEntity,
  // maintained member counts (Association.members totalCount)
  ActiveMemberCountEntity,
  // maintained member statistics (by prefecture; by sex and birth date)
  MemberPrefectureCountEntity,
  MemberBirthCountEntity,
  // maintained dues collection (by fiscal year and payment state)
  DuesCollectionCountEntity,
  // maintained member flow (joins and leaves per fiscal year; the persons behind them)
  MemberFlowCountEntity,
  MemberFlowSpanEntity,
  // long office operations (invoice runs, bank imports) and their progress
  OfficeOperationEntity,
];
