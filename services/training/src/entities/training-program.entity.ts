import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A training program (研修制度): the JMA's (CME 生涯教育, occupational physician 認定産業医, health-sports
 * physician 認定健康スポーツ医, family-doctor function training かかりつけ医機能研修) or 'OWN' — the
 * sessions associations hold under their own rules (their host is the issuer).
 */
@Entity({ name: 'training_program' })
export class TrainingProgramEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ name: 'name_ja', type: 'text' })
  nameJa: string;

  @Column({ name: 'name_en', type: 'text' })
  nameEn: string;

  /** Credits and certificates issued by the JMA (false: by the host association, 'OWN'). */
  @Column({ name: 'jma_program', type: 'boolean' })
  jmaProgram: boolean;

  /**
   * The association that defined it (an association's own programme, `OWN_<code>_<name>`): it
   * manages the rules, hosts the sessions and decides the certificates. Null: the JMA's, or `OWN`.
   */
  @Column({ name: 'owner_association_id', type: 'uuid', nullable: true })
  ownerAssociationId: string | null;

  /** The curriculum codes / categories credits may carry (empty: any). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  codes: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
