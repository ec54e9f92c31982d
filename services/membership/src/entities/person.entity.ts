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

/** Founder type of a medical facility (開設者種別). */
export const FACILITY_FOUNDER_TYPES = [
  'NATIONAL',
  'PUBLIC',
  'SOCIAL_INSURANCE',
  'MEDICAL_CORPORATION',
  'INDIVIDUAL',
  'OTHER',
] as const;
export type FacilityFounderType = (typeof FACILITY_FOUNDER_TYPES)[number];

@Entity({ name: 'person' })
// kana order (pages, cursors) and the kana prefix search (people(search), a range condition on
// family_name_kana): the kana columns have collation "C", so the order is code-point order in
// every deployment, whatever the database's default collation
@Index('person_kana_idx', ['familyNameKana', 'givenNameKana', 'id'])
export class PersonEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'family_name', type: 'text' })
  familyName: string;

  @Column({ name: 'given_name', type: 'text' })
  givenName: string;

  @Column({ name: 'family_name_kana', type: 'text', collation: 'C' })
  familyNameKana: string;

  @Column({ name: 'given_name_kana', type: 'text', collation: 'C' })
  givenNameKana: string;

  @Column({ name: 'birth_date', type: 'date' })
  birthDate: string;

  @Column({ type: 'text' })
  sex: Sex;

  /**
   * Unique among matched persons: a registration whose number belongs to a person the registering
   * office does not see is kept as the office's own record, with `registryMatchOf` set (below).
   */
  @Index('person_registry_number_key', { unique: true, where: 'registry_match_of IS NULL' })
  @Column({ name: 'registry_number', type: 'text' })
  registryNumber: string;

  /**
   * Set when an office registered (or corrected) a registry number that belongs to a person it has
   * no relation to: the existing person whom this record awaits being matched with. Never shown to
   * the office — to it, the registration went as for a new physician (existence must not leak).
   */
  @Index('person_registry_match_of_idx', { where: 'registry_match_of IS NOT NULL' })
  @Column({ name: 'registry_match_of', type: 'uuid', nullable: true })
  registryMatchOf: string | null;

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

  /** Home address (自宅); the address above is the contact address (連絡先). */
  @Column({ name: 'home_postal_code', type: 'text', nullable: true })
  homePostalCode: string | null;

  @Column({ name: 'home_prefecture_code', type: 'smallint', nullable: true })
  homePrefectureCode: number | null;

  @Column({ name: 'home_address', type: 'text', nullable: true })
  homeAddress: string | null;

  @Column({ name: 'home_phone', type: 'text', nullable: true })
  homePhone: string | null;

  /** Alma mater (出身校) and year of graduation (dues exemptions count years since graduation). */
  @Column({ type: 'text', nullable: true })
  school: string | null;

  @Column({ name: 'graduation_year', type: 'smallint', nullable: true })
  graduationYear: number | null;

  @Column({ name: 'facility_name', type: 'text', nullable: true })
  facilityName: string | null;

  @Column({ name: 'facility_role', type: 'text', nullable: true })
  facilityRole: string | null;

  @Column({ name: 'facility_founder_type', type: 'text', nullable: true })
  facilityFounderType: FacilityFounderType | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  departments: string[];

  @VersionColumn({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
