import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Surveys1796624338401 implements MigrationInterface {
  name = 'Surveys1796624338401';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "survey" ("id" uuid NOT NULL, "association_id" uuid NOT NULL, "title" text NOT NULL, "description" text NOT NULL, "questions" jsonb NOT NULL, "closes_on" date NOT NULL, "recipient_count" integer NOT NULL, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f0da32b9181e9c02ecf0be11ed3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "survey_association_idx" ON "survey" ("association_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "survey_recipient" ("survey_id" uuid NOT NULL, "person_id" uuid NOT NULL, "association_id" uuid NOT NULL, CONSTRAINT "PK_9f214789f9f338619a64ab066fd" PRIMARY KEY ("survey_id", "person_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "survey_recipient_person_idx" ON "survey_recipient" ("person_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "survey_answer" ("survey_id" uuid NOT NULL, "person_id" uuid NOT NULL, "answers" jsonb NOT NULL, "answered_by" text NOT NULL, "answered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8a6cf2d0d91f8c6929ac33750f6" PRIMARY KEY ("survey_id", "person_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "survey_answer_person_idx" ON "survey_answer" ("person_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "consent"."survey_answer_person_idx"`);
    await queryRunner.query(`DROP TABLE "survey_answer"`);
    await queryRunner.query(`DROP INDEX "consent"."survey_recipient_person_idx"`);
    await queryRunner.query(`DROP TABLE "survey_recipient"`);
    await queryRunner.query(`DROP INDEX "consent"."survey_association_idx"`);
    await queryRunner.query(`DROP TABLE "survey"`);
  }
}
