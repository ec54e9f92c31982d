import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A version of the joint-use notice (共同利用について, APPI art. 27(5)(iii)): the five items —
 * ① that the data is jointly used (`statement`), ② the data items, ③ the joint users, ④ the
 * purposes, ⑤ the party responsible (name, address, representative). Versions are immutable; the
 * one in force is the latest effective on or before today (Asia/Tokyo), later ones are upcoming.
 */
@Entity({ name: 'joint_use_notice' })
export class JointUseNoticeEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Index({ unique: true })
  @Column({ type: 'text' })
  version: string;

  @Index()
  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom: string;

  @Column({ type: 'text' })
  title: string;

  /** ① 共同利用をする旨. */
  @Column({ type: 'text' })
  statement: string;

  /** ② 共同して利用する個人データの項目. */
  @Column({ name: 'data_items', type: 'jsonb' })
  dataItems: string[];

  /** ③ 共同して利用する者の範囲. */
  @Column({ name: 'joint_users', type: 'text' })
  jointUsers: string;

  /** ④ 共同して利用する利用目的. */
  @Column({ type: 'jsonb' })
  purposes: string[];

  /** ⑤ 管理について責任を有する者: name, address, representative. */
  @Column({ name: 'responsible_name', type: 'text' })
  responsibleName: string;

  @Column({ name: 'responsible_address', type: 'text' })
  responsibleAddress: string;

  @Column({ name: 'responsible_representative', type: 'text' })
  responsibleRepresentative: string;

  /** Which association is responsible for which data (MAMIS data: the JMA; other data: the association that obtained it). */
  @Column({ name: 'responsibility_note', type: 'text', nullable: true })
  responsibilityNote: string | null;

  /** English summary (the Japanese text is authoritative). */
  @Column({ name: 'summary_en', type: 'text', nullable: true })
  summaryEn: string | null;

  @Column({ name: 'published_by', type: 'uuid', nullable: true })
  publishedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
