import { InsuranceEnrolmentEntity } from './insurance-enrolment.entity';

export { InsuranceEnrolmentEntity };
export const entities = [InsuranceEnrolmentEntity];
