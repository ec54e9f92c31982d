import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The disclosure (開示) of a DISCLOSURE request: everything the system held on the person when it
 * was generated, as JSON and as a readable HTML page (Japanese first, English second). Written by
 * `npm run privacy:export` (infra/privacy), read by the person through `PrivacyRequest.export`.
 */
@Entity({ name: 'privacy_export' })
export class PrivacyExportEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Index({ unique: true })
  @Column({ name: 'request_id', type: 'uuid' })
  requestId: string;

  @Index()
  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'jsonb' })
  json: unknown;

  @Column({ type: 'text' })
  html: string;

  @Column({ name: 'generated_at', type: 'timestamptz' })
  generatedAt: Date;
}
