import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AssociationEntity } from './association.entity';
import { PersonEntity } from './person.entity';

export type MembershipStatus = 'ACTIVE' | 'LEFT' | 'TRANSFERRED' | 'DECEASED';

/** Person × association × category × period. Ended periods stay as history. */
@Entity({ name: 'membership' })
@Index('membership_association_status_idx', ['associationId', 'status', 'personId'])
export class MembershipEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Index()
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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
