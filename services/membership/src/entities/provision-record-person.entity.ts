import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PersonEntity } from './person.entity';
import { ProvisionRecordEntity } from './provision-record.entity';

/** One person covered by a provision record (person-keyed: row-level security applies). */
@Entity({ name: 'provision_record_person' })
@Index('provision_record_person_person_idx', ['personId'])
export class ProvisionRecordPersonEntity {
  @PrimaryColumn({ name: 'provision_record_id', type: 'uuid' })
  provisionRecordId: string;

  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  @ManyToOne(() => ProvisionRecordEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provision_record_id' })
  record?: ProvisionRecordEntity;

  @ManyToOne(() => PersonEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id' })
  person?: PersonEntity;

  /** Copied from the record, so a person's list is one indexed read. */
  @Column({ name: 'association_id', type: 'uuid' })
  associationId: string;
}
