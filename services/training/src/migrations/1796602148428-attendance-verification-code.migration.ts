import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AttendanceVerificationCode1796602148428 implements MigrationInterface {
  name = 'AttendanceVerificationCode1796602148428';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "attendance" ADD "verification_code" text`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "attendance_verification_code_uq" ON "attendance" ("verification_code") WHERE verification_code IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "training"."attendance_verification_code_uq"`);
    await queryRunner.query(`ALTER TABLE "attendance" DROP COLUMN "verification_code"`);
  }
}
