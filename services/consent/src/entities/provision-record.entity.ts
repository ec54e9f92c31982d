import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * A record of provision (提供記録) of the consent service: members' names and e-mail addresses
 * handed to the mail delivery vendor with an association's notice or survey (domain.md §3.7,
 * purpose ⑫; APPI art. 33 disclosure includes these). Who, when, to whom, why; the persons are in
 * `provision_record_person`. Same shape as membership's records of the postal mailing export.
 */
@Entity({ name: 'provision_record' })
@Index('provision_record_association_idx', ['associationId', 'createdAt'])
export class ProvisionRecordEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** The association whose notice or survey it was. */
  @Column({ name: 'association_id', type: 'uuid' })
  associationId: string;

  /** The staff account (token subject) that sent it. */
  @Column({ type: 'text' })
  actor: string;

  /** The mail delivery vendor (CONSENT_MAIL_VENDOR_NAME, by default the SMTP relay's host). */
  @Column({ type: 'text' })
  recipient: string;

  /** What for: the notice's or survey's Japanese subject. */
  @Column({ type: 'text' })
  purpose: string;

  /** The data items provided, e.g. `name,email`. */
  @Column({ type: 'text' })
  items: string;

  /** How they were provided: EMAIL. */
  @Column({ type: 'text' })
  format: string;

  @Column({ name: 'row_count', type: 'integer' })
  rowCount: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

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

  /** Copied from the record, so a person's list is one indexed read. */
  @Column({ name: 'association_id', type: 'uuid' })
  associationId: string;
}
