import { In, type DataSource } from 'typeorm';
import { MembershipEntity } from '../entities';

export class MembershipRepository {
  constructor(private readonly ds: DataSource) {}

  /** All membership periods (current and past) of these persons, newest first. */
  byPersonIds(personIds: readonly string[]): Promise<MembershipEntity[]> {
    return this.ds
      .getRepository(MembershipEntity)
      .find({ where: { personId: In([...personIds]) }, order: { joinedOn: 'DESC', id: 'ASC' } });
  }
}
