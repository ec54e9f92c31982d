import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RelationProbeIndex1796625267997 implements MigrationInterface {
  name = 'RelationProbeIndex1796625267997';

  /**
   * membership (person_id) → (person_id, association_id): row security asks, for every row of every
   * person-keyed table a staff member reads, whether the person has a membership of the viewer's
   * association (access.related_person_v1). With the association in the index that is an
   * index-only probe (~5 µs) instead of a bitmap heap scan of the person's periods (~0.1 ms at full
   * scale); lookups by person alone use the same index.
   */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "membership"."IDX_6fc5e2153171bbeb54f4fda659"`);
    await queryRunner.query(
      `CREATE INDEX "membership_person_association_idx" ON "membership" ("person_id", "association_id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "membership"."membership_person_association_idx"`);
    await queryRunner.query(`CREATE INDEX "IDX_6fc5e2153171bbeb54f4fda659" ON "membership" ("person_id") `);
  }
}
