import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Maintained summaries of an association's current (ACTIVE) membership periods by the person's
 * attributes, for the member statistics (`Statistics.members`) that would otherwise scan the
 * population: the JMA's ~190k members by prefecture, or by age band and sex. Like
 * `active_member_count` they are kept by statement triggers on membership.membership in the same
 * transaction as the write (migration MemberProfileCounts), from the person's attributes copied onto
 * each period (`personSex`, `personPrefectureCode`, `personBirthDate` on MembershipEntity); the
 * recount they must equal is in `member-order.sql.ts`. Counts only, no person column: outside
 * row-level security, read by the statistics repository for the population the platform decided.
 */
@Entity({ name: 'member_prefecture_count' })
export class MemberPrefectureCountEntity {
  @PrimaryColumn({ name: 'association_id', type: 'uuid' })
  associationId: string;

  @PrimaryColumn({ type: 'text' })
  category: string;

  /** The person's prefecture (JIS X 0401); 0: none recorded. */
  @PrimaryColumn({ name: 'prefecture_code', type: 'smallint' })
  prefectureCode: number;

  @Column({ type: 'integer' })
  members: number;
}

/**
 * Current members per association, sex and birth date: the age band of each row is computed for
 * the day asked (ages change every day; the birth dates do not), over at most a few tens of
 * thousands of rows for the JMA instead of its members.
 */
@Entity({ name: 'member_birth_count' })
export class MemberBirthCountEntity {
  @PrimaryColumn({ name: 'association_id', type: 'uuid' })
  associationId: string;

  @PrimaryColumn({ type: 'text' })
  sex: string;

  @PrimaryColumn({ name: 'birth_date', type: 'date' })
  birthDate: string;

  @Column({ type: 'integer' })
  members: number;
}
