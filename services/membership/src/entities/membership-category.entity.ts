import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A membership category (会員区分) of one association: the JMA's A①, A②(B), A②(C), B, C; every
 * other association defines its own. Categories are data per association, never code constants.
 */
@Entity({ name: 'membership_category' })
@Index('membership_category_association_code_key', ['associationId', 'code'], { unique: true })
export class MembershipCategoryEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'association_id', type: 'uuid' })
  associationId: string;

  /** The code memberships carry in `membership.category`, e.g. `A②(B)`. */
  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'sort_order', type: 'integer', default: 0 })
  sortOrder: number;
}
