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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
