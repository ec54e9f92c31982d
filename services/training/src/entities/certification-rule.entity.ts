import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { RuleParams } from '../rules/rule-params';

export type CertificationKind = 'NEW' | 'RENEWAL';

/**
 * One version of a certification rule (認定基準) of a program: data with an effective period,
 * edited by the JMA by adding versions (domain.md §7). The version in force on a date is the one
 * with the latest `effective_from` on or before it whose `effective_to` has not passed.
 */
@Entity({ name: 'certification_rule' })
@Index('certification_rule_version_uq', ['programCode', 'kind', 'effectiveFrom'], { unique: true })
export class CertificationRuleEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'program_code', type: 'text' })
  programCode: string;

  @Column({ type: 'text' })
  kind: CertificationKind;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom: string;

  @Column({ name: 'effective_to', type: 'date', nullable: true })
  effectiveTo: string | null;

  @Column({ type: 'jsonb' })
  params: RuleParams;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
