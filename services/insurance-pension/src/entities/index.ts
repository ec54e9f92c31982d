import { InsuranceEnrolmentEntity } from './insurance-enrolment.entity';
import { InsuranceStatusChangeEntity } from './insurance-status-change.entity';
import { PensionEnrolmentEntity } from './pension-enrolment.entity';
import { PensionChangeEntity } from './pension-change.entity';
import { MembershipEventCheckpointEntity } from './membership-event-checkpoint.entity';
import { ProcessedMembershipEventEntity } from './processed-membership-event.entity';
import { JmaEnrolledCountEntity, JmaInsuredCountEntity } from './jma-insurance-count.entity';

export {
  InsuranceEnrolmentEntity,
  InsuranceStatusChangeEntity,
  PensionEnrolmentEntity,
  PensionChangeEntity,
  MembershipEventCheckpointEntity,
  ProcessedMembershipEventEntity,
  JmaInsuredCountEntity,
  JmaEnrolledCountEntity,
};
export type { InsuranceStatus } from './insurance-enrolment.entity';
export type { InsuranceSubject, InsuranceChangeSource } from './insurance-status-change.entity';
export const entities = [
  InsuranceEnrolmentEntity,
  InsuranceStatusChangeEntity,
  PensionEnrolmentEntity,
  PensionChangeEntity,
  MembershipEventCheckpointEntity,
  ProcessedMembershipEventEntity,
  JmaInsuredCountEntity,
  JmaEnrolledCountEntity,
];
