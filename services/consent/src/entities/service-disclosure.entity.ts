import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export interface ContractorRecord {
  name: string;
  work: string;
  workEn: string | null;
}

export interface EnvironmentRequirementRecord {
  item: string;
  requirementJa: string;
  requirementEn: string;
}

/**
 * A version of what the JMA publishes about the service beside the terms: the contractors
 * (業務委託先, terms art. 5.3) and the environment requirements (利用環境, art. 10.4). Versions are
 * immutable; the one in force is the latest effective on or before today (Asia/Tokyo).
 */
@Entity({ name: 'service_disclosure' })
export class ServiceDisclosureEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Index({ unique: true })
  @Column({ type: 'text' })
  version: string;

  @Index()
  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom: string;

  @Column({ type: 'jsonb' })
  contractors: ContractorRecord[];

  @Column({ name: 'environment_requirements', type: 'jsonb' })
  environmentRequirements: EnvironmentRequirementRecord[];

  @Column({ name: 'published_by', type: 'uuid', nullable: true })
  publishedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
