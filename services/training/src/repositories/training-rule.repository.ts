import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { CertificationRuleEntity, TrainingProgramEntity, type CertificationKind } from '../entities';
import type { RuleParams } from '../rules/rule-params';

/** Programs and the versioned certification rules (data, edited by the JMA). */
export class TrainingRuleRepository {
  constructor(private readonly ds: DataSource) {}

  programs(): Promise<TrainingProgramEntity[]> {
    return this.ds.getRepository(TrainingProgramEntity).find({ order: { code: 'ASC' } });
  }

  /** An association's code (e.g. M13005), for the code of its own programmes; null if unknown. */
  async associationCode(associationId: string): Promise<string | null> {
    const rows = (await this.ds.query(`SELECT code FROM access.association_v1 WHERE id = $1::uuid`, [
      associationId,
    ])) as { code: string }[];
    return rows[0]?.code ?? null;
  }

  /** A new programme (an association's own); a taken code is a unique violation (23505). */
  async addProgram(
    manager: EntityManager,
    input: { code: string; nameJa: string; nameEn: string; codes: string[]; ownerAssociationId: string },
  ): Promise<TrainingProgramEntity> {
    const row = manager.create(TrainingProgramEntity, { ...input, jmaProgram: false });
    await manager.insert(TrainingProgramEntity, row);
    return (await manager.findOneBy(TrainingProgramEntity, { code: input.code }))!;
  }

  /** Every rule version (a small table: loaded whole, once per request that needs it). */
  allRules(): Promise<CertificationRuleEntity[]> {
    return this.ds
      .getRepository(CertificationRuleEntity)
      .find({ order: { programCode: 'ASC', kind: 'ASC', effectiveFrom: 'ASC' } });
  }

  async addRule(
    manager: EntityManager,
    input: {
      programCode: string;
      kind: CertificationKind;
      effectiveFrom: string;
      effectiveTo: string | null;
      params: RuleParams;
      note: string | null;
      createdBy: string;
    },
  ): Promise<CertificationRuleEntity> {
    const row = manager.create(CertificationRuleEntity, {
      id: randomUUID(),
      ...input,
      createdAt: new Date(),
    });
    await manager.insert(CertificationRuleEntity, row);
    return row;
  }
}
