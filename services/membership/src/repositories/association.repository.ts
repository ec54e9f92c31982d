import { In, IsNull, type DataSource, type FindOptionsWhere } from 'typeorm';
import { AssociationEntity, type AssociationEntity as A } from '../entities';
import { entityReader, isUuid, type EntityReader } from '@mamis/platform';

export class AssociationRepository {
  private readonly associations: EntityReader<AssociationEntity>;
  constructor(private readonly ds: DataSource) {
    this.associations = entityReader(ds, AssociationEntity);
  }

  findByIds(ids: readonly string[]): Promise<AssociationEntity[]> {
    return this.associations.whereIn('id', ids.filter(isUuid));
  }

  findByCode(code: string): Promise<AssociationEntity | null> {
    return this.ds.getRepository(AssociationEntity).findOneBy({ code });
  }

  childrenOf(parentIds: readonly string[]): Promise<AssociationEntity[]> {
    return this.ds
      .getRepository(AssociationEntity)
      .find({ where: { parentId: In([...parentIds]) }, order: { code: 'ASC' } });
  }

  list(filter: { tier?: A['tier'] | null; parentId?: string | null }): Promise<AssociationEntity[]> {
    const where: FindOptionsWhere<AssociationEntity> = {};
    if (filter.tier) where.tier = filter.tier;
    if (filter.parentId !== undefined) where.parentId = filter.parentId === null ? IsNull() : filter.parentId;
    if (filter.parentId && !isUuid(filter.parentId)) return Promise.resolve([]);
    return this.ds.getRepository(AssociationEntity).find({ where, order: { code: 'ASC' } });
  }
}
