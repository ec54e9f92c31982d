import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AssociationEntity } from './association.entity';
import { PersonEntity } from './person.entity';

export type MembershipStatus = 'ACTIVE' | 'LEFT' | 'TRANSFERRED' | 'DECEASED';

/**
 * Person × association × category × period. Ended periods stay as history.
 *
 * `familyNameKana` / `givenNameKana` are the person's kana name copied onto each period (a
 * denormalised sort key): Association.members pages in kana order are then a range of
 * membership_member_page_idx (association, status, kana, person), read in page order and left at
 * the LIMIT, instead of a walk of the whole person kana index probing each person for a
 * membership. Kept equal to membership.person by triggers in the same transaction as the write
 * (migration MemberPageOrder: a membership's insert or new person, a person's kana change).
 */
@Entity({ name: 'membership' })
// a person's periods (and row security's question "a membership of the viewer's association?",
// access.related_person_v1, per row of every person-keyed table): an index-only probe
@Index('membership_person_association_idx', ['personId', 'associationId'])
@Index('membership_association_status_idx', ['associationId', 'status', 'personId'])
@Index('membership_member_page_idx', [
  'associationId',
  'status',
  'familyNameKana',
  'givenNameKana',
  'personId',
])
export class MembershipEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id' })
  person?: PersonEntity;

  @Column({ name: 'association_id', type: 'uuid' })
  associationId: string;

  @ManyToOne(() => AssociationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'association_id' })
  association?: AssociationEntity;

  @Column({ type: 'text' })
  category: string;

  @Column({ type: 'text' })
  status: MembershipStatus;

  @Column({ name: 'joined_on', type: 'date' })
  joinedOn: string;

  @Column({ name: 'left_on', type: 'date', nullable: true })
  leftOn: string | null;

  /** The person's family_name_kana (sort key of member pages; maintained by trigger, never written). */
  @Column({ name: 'family_name_kana', type: 'text', collation: 'C', nullable: true })
  familyNameKana: string | null;

  /** The person's given_name_kana (sort key of member pages; maintained by trigger). */
  @Column({ name: 'given_name_kana', type: 'text', collation: 'C', nullable: true })
  givenNameKana: string | null;

  /**
   * The person's sex, prefecture and birth date, copied like the kana name (maintained by trigger,
   * never written): the maintained member statistics (member_prefecture_count, member_birth_count)
   * are kept from the periods' own rows, whatever code path writes them.
   */
  @Column({ name: 'person_sex', type: 'text', nullable: true })
  personSex: string | null;

  @Column({ name: 'person_prefecture_code', type: 'smallint', nullable: true })
  personPrefectureCode: number | null;

  @Column({ name: 'person_birth_date', type: 'date', nullable: true })
  personBirthDate: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
