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
