import type { MigrationInterface, QueryRunner } from 'typeorm';
import { FAMILY_DOCTOR_RENEWAL_RULE as r } from '../rules/defaults';

/** Data: the family-doctor programme's renewal rule (shipped default, first version). */
export class FamilyDoctorRenewalRule1795620000000 implements MigrationInterface {
  name = 'FamilyDoctorRenewalRule1795620000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `INSERT INTO "certification_rule" ("id", "program_code", "kind", "effective_from", "params", "note", "created_by")
       VALUES (gen_random_uuid(), $1, $2, $3, $4::jsonb, $5, 'system:defaults')
       ON CONFLICT ("program_code", "kind", "effective_from") DO NOTHING`,
      [r.programCode, r.kind, r.effectiveFrom, JSON.stringify(r.params), r.note],
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DELETE FROM "certification_rule" WHERE "program_code" = $1 AND "kind" = $2 AND "effective_from" = $3 AND "created_by" = 'system:defaults'`,
      [r.programCode, r.kind, r.effectiveFrom],
    );
  }
}
