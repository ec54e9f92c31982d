import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The annual dues (会費) of one category of one association in one fiscal year (April 1 start), in
 * integer yen. Age-based variants are several rows with disjoint age bands (`minAge`..`maxAge`,
 * inclusive, null = open); the age counts in completed years on April 1 of the fiscal year.
 */
@Entity({ name: 'fee_schedule' })
@Index('fee_schedule_lookup_idx', ['associationId', 'fiscalYear', 'categoryCode'])
export class FeeScheduleEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'association_id', type: 'uuid' })
  associationId: string;

  @Column({ name: 'category_code', type: 'text' })
  categoryCode: string;

  @Column({ name: 'fiscal_year', type: 'integer' })
  fiscalYear: number;

  @Column({ name: 'min_age', type: 'smallint', nullable: true })
  minAge: number | null;

  @Column({ name: 'max_age', type: 'smallint', nullable: true })
  maxAge: number | null;

  @Column({ name: 'annual_fee_yen', type: 'integer' })
  annualFeeYen: number;
}
