import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

export type Sex = 'MALE' | 'FEMALE' | 'OTHER';

@Entity({ name: 'person' })
@Index('person_kana_idx', ['familyNameKana', 'givenNameKana', 'id'])
export class PersonEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'family_name', type: 'text' })
  familyName: string;

  @Column({ name: 'given_name', type: 'text' })
  givenName: string;

  @Column({ name: 'family_name_kana', type: 'text' })
  familyNameKana: string;

  @Column({ name: 'given_name_kana', type: 'text' })
  givenNameKana: string;

  @Column({ name: 'birth_date', type: 'date' })
  birthDate: string;

  @Column({ type: 'text' })
  sex: Sex;

  @Index({ unique: true })
  @Column({ name: 'registry_number', type: 'text' })
  registryNumber: string;

  @Column({ name: 'registry_date', type: 'date', nullable: true })
  registryDate: string | null;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ name: 'postal_code', type: 'text', nullable: true })
  postalCode: string | null;

  @Column({ name: 'prefecture_code', type: 'smallint', nullable: true })
  prefectureCode: number | null;

  @Column({ type: 'text', nullable: true })
  address: string | null;

  @Column({ type: 'text', nullable: true })
  school: string | null;

  @Column({ name: 'facility_name', type: 'text', nullable: true })
  facilityName: string | null;

  @Column({ name: 'facility_role', type: 'text', nullable: true })
  facilityRole: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  departments: string[];

  @VersionColumn({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
