import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SessionsAttendance1795589422400 implements MigrationInterface {
  name = 'SessionsAttendance1795589422400';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "session_credit" ("id" uuid NOT NULL, "session_id" uuid NOT NULL, "code" text NOT NULL, "kind" text NOT NULL, "units" numeric(5,1) NOT NULL, "position" integer NOT NULL DEFAULT '0', CONSTRAINT "session_credit_half_units" CHECK ("units" > 0 AND "units" * 2 = trunc("units" * 2)), CONSTRAINT "PK_c1219082f55f79d5c009f8458e8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "session_credit_session_idx" ON "session_credit" ("session_id") `);
    await queryRunner.query(`ALTER TABLE "training_session" ADD "cohost_society_id" text`);
    await queryRunner.query(`ALTER TABLE "training_session" ADD "ends_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "training_session" ADD "online_url" text`);
    await queryRunner.query(`ALTER TABLE "training_session" ADD "visibility" text NOT NULL DEFAULT 'PUBLIC'`);
    await queryRunner.query(`ALTER TABLE "training_session" ADD "status" text NOT NULL DEFAULT 'SCHEDULED'`);
    await queryRunner.query(`ALTER TABLE "training_session" ADD "cancelled_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "training_session" ADD "check_in_code" text`);
    await queryRunner.query(`ALTER TABLE "training_session" ADD "version" integer NOT NULL DEFAULT '1'`);
    await queryRunner.query(
      `ALTER TABLE "training_session" ADD "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`,
    );
    await queryRunner.query(
      `ALTER TABLE "attendance" ADD "registered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`,
    );
    await queryRunner.query(`ALTER TABLE "attendance" ADD "cancelled_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "attendance" ADD "check_in_method" text`);
    await queryRunner.query(`ALTER TABLE "attendance" ADD "recorded_by" text`);
    await queryRunner.query(
      `CREATE INDEX "attendance_session_status_idx" ON "attendance" ("session_id", "status", "registered_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "session_credit" ADD CONSTRAINT "FK_f5818e27ffc7c75028b4ab5649b" FOREIGN KEY ("session_id") REFERENCES "training_session"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "session_credit" DROP CONSTRAINT "FK_f5818e27ffc7c75028b4ab5649b"`);
    await queryRunner.query(`DROP INDEX "training"."attendance_session_status_idx"`);
    await queryRunner.query(`ALTER TABLE "attendance" DROP COLUMN "recorded_by"`);
    await queryRunner.query(`ALTER TABLE "attendance" DROP COLUMN "check_in_method"`);
    await queryRunner.query(`ALTER TABLE "attendance" DROP COLUMN "cancelled_at"`);
    await queryRunner.query(`ALTER TABLE "attendance" DROP COLUMN "registered_at"`);
    await queryRunner.query(`ALTER TABLE "training_session" DROP COLUMN "updated_at"`);
    await queryRunner.query(`ALTER TABLE "training_session" DROP COLUMN "version"`);
    await queryRunner.query(`ALTER TABLE "training_session" DROP COLUMN "check_in_code"`);
    await queryRunner.query(`ALTER TABLE "training_session" DROP COLUMN "cancelled_at"`);
    await queryRunner.query(`ALTER TABLE "training_session" DROP COLUMN "status"`);
    await queryRunner.query(`ALTER TABLE "training_session" DROP COLUMN "visibility"`);
    await queryRunner.query(`ALTER TABLE "training_session" DROP COLUMN "online_url"`);
    await queryRunner.query(`ALTER TABLE "training_session" DROP COLUMN "ends_at"`);
    await queryRunner.query(`ALTER TABLE "training_session" DROP COLUMN "cohost_society_id"`);
    await queryRunner.query(`DROP INDEX "training"."session_credit_session_idx"`);
    await queryRunner.query(`DROP TABLE "session_credit"`);
  }
}
