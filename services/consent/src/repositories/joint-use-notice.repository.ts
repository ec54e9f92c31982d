import { randomUUID } from 'node:crypto';
import { LessThanOrEqual, MoreThan, type DataSource, type EntityManager } from 'typeorm';
import { clock } from '@mamis/platform';
import { JointUseNoticeEntity } from '../entities';
import { JOINT_USE_NOTICE_V1 } from '../defaults/joint-use-notice-v1';

/** A notice as validated, to be stored (src/services/publication.service.ts decides). */
export type NewJointUseNotice = Omit<JointUseNoticeEntity, 'id' | 'createdAt'>;

export class JointUseNoticeRepository {
  constructor(private readonly ds: DataSource) {}

  /** The notice in force on a date (Asia/Tokyo). */
  current(today: string = clock.today()): Promise<JointUseNoticeEntity | null> {
    return this.ds.getRepository(JointUseNoticeEntity).findOne({
      where: { effectiveFrom: LessThanOrEqual(today) },
      order: { effectiveFrom: 'DESC', createdAt: 'DESC' },
    });
  }

  /** Announced versions effective after the date, soonest first. */
  upcoming(today: string = clock.today()): Promise<JointUseNoticeEntity[]> {
    return this.ds.getRepository(JointUseNoticeEntity).find({
      where: { effectiveFrom: MoreThan(today) },
      order: { effectiveFrom: 'ASC', createdAt: 'ASC' },
    });
  }

  /** Lock the versions against a concurrent publication (until the caller's transaction ends). */
  async lockForPublication(manager: EntityManager): Promise<void> {
    await manager.query('LOCK TABLE joint_use_notice IN SHARE ROW EXCLUSIVE MODE');
  }

  versionExists(manager: EntityManager, version: string): Promise<boolean> {
    return manager.getRepository(JointUseNoticeEntity).exist({ where: { version } });
  }

  /** The latest version by effective date (announced ones included), in the caller's transaction. */
  latest(manager: EntityManager): Promise<JointUseNoticeEntity | null> {
    return manager
      .getRepository(JointUseNoticeEntity)
      .findOne({ where: {}, order: { effectiveFrom: 'DESC', createdAt: 'DESC' } });
  }

  insert(manager: EntityManager, notice: NewJointUseNotice): Promise<JointUseNoticeEntity> {
    const repo = manager.getRepository(JointUseNoticeEntity);
    return repo.save(repo.create({ id: randomUUID(), ...notice }));
  }

  /** A fresh installation: the JMA's notice of 2024-09-27 when none exists yet. */
  async installDefault(): Promise<boolean> {
    const repo = this.ds.getRepository(JointUseNoticeEntity);
    if ((await repo.count()) > 0) return false;
    const d = JOINT_USE_NOTICE_V1;
    await repo
      .createQueryBuilder()
      .insert()
      .values({
        id: randomUUID(),
        version: d.version,
        effectiveFrom: d.effectiveFrom,
        title: d.title,
        statement: d.statement,
        dataItems: d.dataItems,
        jointUsers: d.jointUsers,
        purposes: d.purposes,
        responsibleName: d.responsibleParty.name,
        responsibleAddress: d.responsibleParty.address,
        responsibleRepresentative: d.responsibleParty.representative,
        responsibilityNote: d.responsibilityNote,
        summaryEn: d.summaryEn,
        publishedBy: null,
      })
      .orIgnore()
      .execute();
    return true;
  }
}
