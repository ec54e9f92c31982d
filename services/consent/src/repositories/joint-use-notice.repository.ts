import { randomUUID } from 'node:crypto';
import { LessThanOrEqual, MoreThan, type DataSource } from 'typeorm';
import { badInput, clock, conflict, Messages } from '@mamis/platform';
import { JointUseNoticeEntity } from '../entities';
import { JOINT_USE_NOTICE_V1 } from '../defaults/joint-use-notice-v1';

export interface NewJointUseNotice {
  version: string;
  effectiveFrom: string;
  title: string;
  statement: string;
  dataItems: string[];
  jointUsers: string;
  purposes: string[];
  responsibleParty: { name: string; address: string; representative: string };
  responsibilityNote?: string | null;
  summaryEn?: string | null;
}

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x.trim() === b[i]!.trim());

/** Does the new notice change the purposes (④) or the responsible party (⑤) of the previous one? */
export function changesPurposesOrParty(prev: JointUseNoticeEntity, next: NewJointUseNotice): boolean {
  return (
    !same(prev.purposes, next.purposes) ||
    prev.responsibleName.trim() !== next.responsibleParty.name.trim() ||
    prev.responsibleAddress.trim() !== next.responsibleParty.address.trim() ||
    prev.responsibleRepresentative.trim() !== next.responsibleParty.representative.trim()
  );
}

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

  /**
   * Publish a new version. Never backdated (effective today or later, not before the latest
   * version); a change of the purposes or of the responsible party must be announced in advance
   * (domain §5, APPI art. 27(6)): its effective date must be in the future.
   */
  async publish(
    input: NewJointUseNotice,
    publishedBy: string | null,
    today: string = clock.today(),
  ): Promise<JointUseNoticeEntity> {
    const version = input.version.trim();
    if (!version) throw badInput('input.version', Messages.REQUIRED);
    for (const key of ['title', 'statement', 'jointUsers'] as const)
      if (!input[key].trim()) throw badInput(`input.${key}`, Messages.REQUIRED);
    if (input.dataItems.length === 0 || input.dataItems.some((d) => !d.trim()))
      throw badInput('input.dataItems', Messages.DATA_ITEMS_REQUIRED);
    if (input.purposes.length === 0 || input.purposes.some((d) => !d.trim()))
      throw badInput('input.purposes', Messages.PURPOSES_REQUIRED);
    for (const key of ['name', 'address', 'representative'] as const)
      if (!input.responsibleParty[key].trim())
        throw badInput(`input.responsibleParty.${key}`, Messages.REQUIRED);
    if (input.effectiveFrom < today)
      throw badInput('input.effectiveFrom', Messages.NOTICE_EFFECTIVE_IN_PAST({ today }));
    return this.ds.transaction(async (manager) => {
      await manager.query('LOCK TABLE joint_use_notice IN SHARE ROW EXCLUSIVE MODE');
      const repo = manager.getRepository(JointUseNoticeEntity);
      if (await repo.exist({ where: { version } }))
        throw conflict(Messages.VERSION_EXISTS({ version }), 'input.version');
      const latest = await repo.findOne({ where: {}, order: { effectiveFrom: 'DESC', createdAt: 'DESC' } });
      if (latest && input.effectiveFrom < latest.effectiveFrom)
        throw badInput(
          'input.effectiveFrom',
          Messages.EFFECTIVE_BEFORE_LATEST({ version: latest.version, effectiveFrom: latest.effectiveFrom }),
        );
      if (latest && changesPurposesOrParty(latest, input) && input.effectiveFrom <= today)
        throw badInput('input.effectiveFrom', Messages.NOTICE_CHANGE_IN_ADVANCE);
      return repo.save(
        repo.create({
          id: randomUUID(),
          version,
          effectiveFrom: input.effectiveFrom,
          title: input.title,
          statement: input.statement,
          dataItems: input.dataItems,
          jointUsers: input.jointUsers,
          purposes: input.purposes,
          responsibleName: input.responsibleParty.name,
          responsibleAddress: input.responsibleParty.address,
          responsibleRepresentative: input.responsibleParty.representative,
          responsibilityNote: input.responsibilityNote ?? null,
          summaryEn: input.summaryEn ?? null,
          publishedBy,
        }),
      );
    });
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
