import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Maintained member flow, for `Statistics.memberFlow` without reading the association's membership
 * periods: kept by statement triggers on membership.membership in the same transaction as every
 * join, transfer, leave, death, legacy import and correction (migration MemberFlowCounts); the
 * recounts they must equal are in `member-order.sql.ts`. Counts only, no person column: outside
 * row-level security, read by the statistics repository for the population the platform decided.
 */

/** Membership periods per association, fiscal year and flow: JOIN (joined_on), LEAVE (left_on). */
@Entity({ name: 'member_flow_count' })
export class MemberFlowCountEntity {
  @PrimaryColumn({ name: 'association_id', type: 'uuid' })
  associationId: string;

  @PrimaryColumn({ name: 'fiscal_year', type: 'integer' })
  fiscalYear: number;

  /** JOIN or LEAVE. */
  @PrimaryColumn({ type: 'text' })
  flow: string;

  @Column({ type: 'integer' })
  periods: number;
}

/**
 * Per association: for every person and every fiscal year y they have an event in, one count at
 * (y, the person's previous such year or 0). The persons with an event in the fiscal years
 * [a, b] are the sum over previous_year < a and a <= fiscal_year <= b (each such person has
 * exactly one: the first event year at or after a).
 */
@Entity({ name: 'member_flow_span' })
export class MemberFlowSpanEntity {
  @PrimaryColumn({ name: 'association_id', type: 'uuid' })
  associationId: string;

  @PrimaryColumn({ name: 'fiscal_year', type: 'integer' })
  fiscalYear: number;

  /** The person's previous fiscal year with an event; 0: none before. */
  @PrimaryColumn({ name: 'previous_year', type: 'integer' })
  previousYear: number;

  @Column({ type: 'integer' })
  persons: number;
}
