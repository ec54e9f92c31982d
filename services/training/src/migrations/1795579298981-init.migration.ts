import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795579298981 implements MigrationInterface {
  name = 'Init1795579298981';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "training_session" ("id" uuid NOT NULL, "host_association_id" uuid NOT NULL, "program_code" text NOT NULL, "title" text NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "venue" text, "units" numeric(5,1) NOT NULL, "capacity" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a17a9657ff5a6e048bfd82c4651" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "training_session_host_starts_idx" ON "training_session" ("host_association_id", "starts_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "attendance" ("id" uuid NOT NULL, "session_id" uuid NOT NULL, "person_id" uuid NOT NULL, "status" text NOT NULL, "attended_at" TIMESTAMP WITH TIME ZONE, "units" numeric(5,1) NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ee0ffe42c1f1a01e72b725c0cb2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_86687a3aa35d66a5613e23ddd6" ON "attendance" ("person_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "attendance_session_person_uq" ON "attendance" ("session_id", "person_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "attendance" ADD CONSTRAINT "FK_5940f7beb6d791a618dbf88361e" FOREIGN KEY ("session_id") REFERENCES "training_session"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "attendance" DROP CONSTRAINT "FK_5940f7beb6d791a618dbf88361e"`);
    await queryRunner.query(`DROP INDEX "training"."attendance_session_person_uq"`);
    await queryRunner.query(`DROP INDEX "training"."IDX_86687a3aa35d66a5613e23ddd6"`);
    await queryRunner.query(`DROP TABLE "attendance"`);
    await queryRunner.query(`DROP INDEX "training"."training_session_host_starts_idx"`);
    await queryRunner.query(`DROP TABLE "training_session"`);
  }
}
