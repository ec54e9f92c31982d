import type { DataSource } from 'typeorm';
import { InsuranceEnrolmentRepository } from './insurance-enrolment.repository';

export { InsuranceEnrolmentRepository };

export interface Repositories {
  enrolments: InsuranceEnrolmentRepository;
}

export const createRepositories = (ds: DataSource): Repositories => ({
  enrolments: new InsuranceEnrolmentRepository(ds),
});
