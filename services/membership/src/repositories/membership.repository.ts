import type { DataSource } from 'typeorm';
import { entityReader, onlyUuids, type EntityReader } from '@mamis/platform';
import { MembershipEntity } from '../entities';

export class MembershipRepository {
  private readonly memberships: EntityReader<MembershipEntity>;
  constructor(ds: DataSource) {
    this.memberships = entityReader(ds, MembershipEntity);
  }

  /** All membership periods (current and past) of these persons, newest first. */
  byPersonIds(personIds: readonly string[]): Promise<MembershipEntity[]> {
    return this.memberships.whereIn('personId', onlyUuids(personIds), [
      ['joinedOn', 'DESC'],
      ['id', 'ASC'],
    ]);
  }
}
