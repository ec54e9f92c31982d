import { randomUUID } from 'node:crypto';
import { LessThanOrEqual, type DataSource, type EntityManager } from 'typeorm';
import { clock } from '@mamis/platform';
import { ServiceDisclosureEntity } from '../entities';

/** A disclosure as validated, to be stored (src/services/publication.service.ts decides). */
export type NewServiceDisclosure = Omit<ServiceDisclosureEntity, 'id' | 'createdAt'>;

/** The JMA's published contractors (業務委託先) and environment requirements, versioned. */
export class ServiceDisclosureRepository {
  constructor(private readonly ds: DataSource) {}

  /** The version in force on a date (Asia/Tokyo). */
  current(today: string = clock.today()): Promise<ServiceDisclosureEntity | null> {
    return this.ds.getRepository(ServiceDisclosureEntity).findOne({
      where: { effectiveFrom: LessThanOrEqual(today) },
      order: { effectiveFrom: 'DESC', createdAt: 'DESC' },
    });
  }

  /** Lock the versions against a concurrent publication (until the caller's transaction ends). */
  async lockForPublication(manager: EntityManager): Promise<void> {
    await manager.query('LOCK TABLE service_disclosure IN SHARE ROW EXCLUSIVE MODE');
  }

  versionExists(manager: EntityManager, version: string): Promise<boolean> {
    return manager.getRepository(ServiceDisclosureEntity).exist({ where: { version } });
  }

  /** The latest version by effective date, in the caller's transaction. */
  latest(manager: EntityManager): Promise<ServiceDisclosureEntity | null> {
    return manager
      .getRepository(ServiceDisclosureEntity)
      .findOne({ where: {}, order: { effectiveFrom: 'DESC', createdAt: 'DESC' } });
  }

  insert(manager: EntityManager, disclosure: NewServiceDisclosure): Promise<ServiceDisclosureEntity> {
    const repo = manager.getRepository(ServiceDisclosureEntity);
    return repo.save(repo.create({ id: randomUUID(), ...disclosure }));
  }
}
