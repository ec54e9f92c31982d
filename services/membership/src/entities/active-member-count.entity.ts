import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The number of current (ACTIVE) membership periods of an association per category: the
 * `totalCount` of Association.members for the default and category filters, without counting
 * rows per request. A person holds at most one ACTIVE period per association (the event log
 * refuses a second join under the person's lock), so it is also the number of current members.
 * Maintained by statement triggers on membership.membership in the same transaction as the
 * write (migration MemberPageOrder); `recountActiveMembersSql` is the recount it must equal.
 * No person column: counts only, outside row-level security.
 */
@Entity({ name: 'active_member_count' })
export class ActiveMemberCountEntity {
  @PrimaryColumn({ name: 'association_id', type: 'uuid' })
  associationId: string;

  @PrimaryColumn({ type: 'text' })
  category: string;

  @Column({ type: 'integer' })
  members: number;
}
