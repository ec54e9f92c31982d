import { In, type DataSource } from 'typeorm';
import { TrainingSessionEntity } from '../entities';
import { onlyUuids } from '@mamis/platform';

export class TrainingSessionRepository {
  constructor(private readonly ds: DataSource) {}

  findByIds(ids: readonly string[]): Promise<TrainingSessionEntity[]> {
    const valid = onlyUuids(ids);
    if (valid.length === 0) return Promise.resolve([]);
    return this.ds.getRepository(TrainingSessionEntity).findBy({ id: In(valid) });
  }

  byHost(hostAssociationId: string, first: number): Promise<TrainingSessionEntity[]> {
    if (onlyUuids([hostAssociationId]).length === 0) return Promise.resolve([]);
    return this.ds
      .getRepository(TrainingSessionEntity)
      .find({ where: { hostAssociationId }, order: { startsAt: 'DESC', id: 'ASC' }, take: first });
  }
}
