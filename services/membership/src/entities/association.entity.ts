import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

export type AssociationTier = 'NATIONAL' | 'PREFECTURAL' | 'MUNICIPAL' | 'DISTRICT' | 'WORKPLACE';

@Entity({ name: 'association' })
export class AssociationEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Index({ unique: true })
  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'name_kana', type: 'text' })
  nameKana: string;

  @Column({ type: 'text' })
  tier: AssociationTier;

  @Column({ type: 'text', nullable: true })
  kind: string | null;

  @Column({ name: 'prefecture_code', type: 'smallint', nullable: true })
  prefectureCode: number | null;

  @Index()
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => AssociationEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: AssociationEntity | null;

  /** Office address and contact (事務局). */
  @Column({ name: 'postal_code', type: 'text', nullable: true })
  postalCode: string | null;

  @Column({ type: 'text', nullable: true })
  address: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'text', nullable: true })
  fax: string | null;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text', nullable: true })
  url: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
