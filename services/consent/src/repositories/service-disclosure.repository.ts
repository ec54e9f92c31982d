import { randomUUID } from 'node:crypto';
import { LessThanOrEqual, type DataSource } from 'typeorm';
import { badInput, clock, conflict, Messages } from '@mamis/platform';
import { ServiceDisclosureEntity } from '../entities';

export interface NewServiceDisclosure {
  version: string;
  effectiveFrom: string;
  contractors: { name: string; work: string; workEn?: string | null }[];
  environmentRequirements: { item: string; requirementJa: string; requirementEn: string }[];
}

const MAX_ENTRIES = 100;
const MAX_TEXT = 2_000;

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

  /** Publish a new version: never backdated, never before the latest one; texts not empty. */
  async publish(
    input: NewServiceDisclosure,
    publishedBy: string | null,
    today: string = clock.today(),
  ): Promise<ServiceDisclosureEntity> {
    const version = input.version.trim();
    if (!version) throw badInput('input.version', Messages.REQUIRED);
    if (version.length > 50) throw badInput('input.version', Messages.TEXT_TOO_LONG({ max: 50 }));
    if (input.contractors.length > MAX_ENTRIES)
      throw badInput('input.contractors', Messages.TOO_MANY_CONTRACTORS({ max: MAX_ENTRIES }));
    if (input.environmentRequirements.length === 0)
      throw badInput('input.environmentRequirements', Messages.REQUIREMENT_REQUIRED);
    if (input.environmentRequirements.length > MAX_ENTRIES)
      throw badInput('input.environmentRequirements', Messages.TOO_MANY_REQUIREMENTS({ max: MAX_ENTRIES }));
    const text = (path: string, value: string | null | undefined, required: boolean) => {
      const v = value?.trim() ?? '';
      if (required && !v) throw badInput(path, Messages.REQUIRED);
      if (v.length > MAX_TEXT) throw badInput(path, Messages.TEXT_TOO_LONG({ max: MAX_TEXT }));
      return v || null;
    };
    const contractors = input.contractors.map((c, i) => ({
      name: text(`input.contractors.${i}.name`, c.name, true)!,
      work: text(`input.contractors.${i}.work`, c.work, true)!,
      workEn: text(`input.contractors.${i}.workEn`, c.workEn, false),
    }));
    const environmentRequirements = input.environmentRequirements.map((r, i) => ({
      item: text(`input.environmentRequirements.${i}.item`, r.item, true)!,
      requirementJa: text(`input.environmentRequirements.${i}.requirementJa`, r.requirementJa, true)!,
      requirementEn: text(`input.environmentRequirements.${i}.requirementEn`, r.requirementEn, true)!,
    }));
    if (input.effectiveFrom < today)
      throw badInput('input.effectiveFrom', Messages.EFFECTIVE_IN_PAST({ today }));
    return this.ds.transaction(async (manager) => {
      await manager.query('LOCK TABLE service_disclosure IN SHARE ROW EXCLUSIVE MODE');
      const repo = manager.getRepository(ServiceDisclosureEntity);
      if (await repo.exist({ where: { version } }))
        throw conflict(Messages.VERSION_EXISTS({ version }), 'input.version');
      const latest = await repo.findOne({ where: {}, order: { effectiveFrom: 'DESC', createdAt: 'DESC' } });
      if (latest && input.effectiveFrom < latest.effectiveFrom)
        throw badInput(
          'input.effectiveFrom',
          Messages.EFFECTIVE_BEFORE_LATEST({ version: latest.version, effectiveFrom: latest.effectiveFrom }),
        );
      return repo.save(
        repo.create({
          id: randomUUID(),
          version,
          effectiveFrom: input.effectiveFrom,
          contractors,
          environmentRequirements,
          publishedBy,
        }),
      );
    });
  }
}
