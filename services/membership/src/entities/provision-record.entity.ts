import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A record of provision (提供記録): personal data handed to a mailing vendor or other recipient
 * (domain.md §3.7, APPI art. 33 disclosure includes these). Who, when, to whom, why; the persons
 * are in `provision_record_person`.
 */
@Entity({ name: 'provision_record' })
@Index('provision_record_association_idx', ['associationId', 'createdAt'])
export class ProvisionRecordEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** The association whose staff made the export. */
  @Column({ name: 'association_id', type: 'uuid' })
  associationId: string;

  /** The staff account (token subject) that exported. */
  @Column({ type: 'text' })
  actor: string;

  /** The vendor or other recipient the file is for (e.g. a printing company). */
  @Column({ type: 'text' })
  recipient: string;

  /** What for (a publication, a notice…). */
  @Column({ type: 'text' })
  purpose: string;

  /** The data items provided, e.g. `postalCode,address,name`. */
  @Column({ type: 'text' })
  items: string;

  /** CSV_UTF8_BOM, CSV_SHIFT_JIS or LABELS_HTML. */
  @Column({ type: 'text' })
  format: string;

  @Column({ name: 'row_count', type: 'integer' })
  rowCount: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
