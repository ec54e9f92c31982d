import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A dues exemption as data (e.g. the JMA's: hospital doctors pay no JMA dues until 5 years after
 * graduation, since FY2023). A member of `categoryCode` is exempt in fiscal year FY when
 * `fromFiscalYear <= FY <= toFiscalYear` (null: open) and FY − (year of graduation) <
 * `yearsAfterGraduation`, i.e. the fiscal years that begin in the first N years after a March
 * graduation. Without a year of graduation, the fiscal year of the registry date (医籍登録日)
 * stands in for it (registration follows the national examination right after graduation).
 */
@Entity({ name: 'dues_exemption_rule' })
@Index('dues_exemption_rule_association_idx', ['associationId'])
export class DuesExemptionRuleEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'association_id', type: 'uuid' })
  associationId: string;

  @Column({ name: 'category_code', type: 'text' })
  categoryCode: string;

  @Column({ name: 'from_fiscal_year', type: 'integer' })
  fromFiscalYear: number;

  @Column({ name: 'to_fiscal_year', type: 'integer', nullable: true })
  toFiscalYear: number | null;

  @Column({ name: 'years_after_graduation', type: 'smallint' })
  yearsAfterGraduation: number;

  @Column({ type: 'text' })
  description: string;
}
