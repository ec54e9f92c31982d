import { In, type DataSource } from 'typeorm';
import { onlyUuids } from '@mamis/platform';
import { InsuranceEnrolmentEntity } from '../entities';

export class InsuranceEnrolmentRepository {
  constructor(private readonly ds: DataSource) {}

  /** Every enrolment of these persons, newest insurance year first. */
  byPersonIds(personIds: readonly string[]): Promise<InsuranceEnrolmentEntity[]> {
    const valid = onlyUuids(personIds);
    if (valid.length === 0) return Promise.resolve([]);
    return this.ds
      .getRepository(InsuranceEnrolmentEntity)
      .find({ where: { personId: In(valid) }, order: { insuranceYear: 'DESC' } });
  }
}
