import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795579302563 implements MigrationInterface {
  name = 'Init1795579302563';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "insurance_enrolment" ("id" uuid NOT NULL, "person_id" uuid NOT NULL, "insurance_year" smallint NOT NULL, "category" text NOT NULL, "status" text NOT NULL, "enrolled_on" date NOT NULL, "rider" boolean NOT NULL DEFAULT false, "rider_coverage_yen" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6c6fccc366e1514975ae037443c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "insurance_enrolment_person_year_uq" ON "insurance_enrolment" ("person_id", "insurance_year") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "insurance_pension"."insurance_enrolment_person_year_uq"`);
    await queryRunner.query(`DROP TABLE "insurance_enrolment"`);
  }
}
