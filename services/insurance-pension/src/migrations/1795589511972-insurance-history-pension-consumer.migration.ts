import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InsuranceHistoryPensionConsumer1795589511972 implements MigrationInterface {
  name = 'InsuranceHistoryPensionConsumer1795589511972';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "insurance_status_change" ("id" uuid NOT NULL, "enrolment_id" uuid NOT NULL, "person_id" uuid NOT NULL, "subject" text NOT NULL, "status" text NOT NULL, "category" text, "coverage_yen" integer, "effective_on" date NOT NULL, "source" text NOT NULL, "reason" text, "event_id" uuid, "recorded_by" text NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b664eed64cb410c0b6d7866a2d9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_f0ecfcfecdf29bca7290ef4ef3" ON "insurance_status_change" ("person_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "insurance_status_change_enrolment_idx" ON "insurance_status_change" ("enrolment_id", "recorded_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "pension_enrolment" ("id" uuid NOT NULL, "person_id" uuid NOT NULL, "plan" text NOT NULL, "status" text NOT NULL, "contribution_status" text NOT NULL, "enrolled_on" date NOT NULL, "withdrawn_on" date, "monthly_contribution_yen" integer NOT NULL, "contributions_end_on" date NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bfb8e8f73b4ce901899e78fca03" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "pension_enrolment_person_uq" ON "pension_enrolment" ("person_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "pension_change" ("id" uuid NOT NULL, "enrolment_id" uuid NOT NULL, "person_id" uuid NOT NULL, "plan" text NOT NULL, "status" text NOT NULL, "contribution_status" text NOT NULL, "monthly_contribution_yen" integer NOT NULL, "effective_on" date NOT NULL, "reason" text, "recorded_by" text NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_06095b790a8dc8668d3f86b168e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_c61fda8fe1d8f29d0cb8abe105" ON "pension_change" ("person_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "pension_change_enrolment_idx" ON "pension_change" ("enrolment_id", "recorded_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "membership_event_checkpoint" ("consumer" text NOT NULL, "last_seq" bigint NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6a893a2aff5da9715dd9d24db97" PRIMARY KEY ("consumer"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "processed_membership_event" ("event_id" uuid NOT NULL, "seq" bigint NOT NULL, "outcome" text NOT NULL, "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_aef7750e5a3715c0ac567363f66" PRIMARY KEY ("event_id"))`,
    );
    await queryRunner.query(`ALTER TABLE "insurance_enrolment" ADD "ended_on" date`);
    await queryRunner.query(`ALTER TABLE "insurance_enrolment" ADD "version" integer NOT NULL DEFAULT '1'`);
    await queryRunner.query(
      `ALTER TABLE "insurance_enrolment" ADD "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "insurance_enrolment" DROP COLUMN "updated_at"`);
    await queryRunner.query(`ALTER TABLE "insurance_enrolment" DROP COLUMN "version"`);
    await queryRunner.query(`ALTER TABLE "insurance_enrolment" DROP COLUMN "ended_on"`);
    await queryRunner.query(`DROP TABLE "processed_membership_event"`);
    await queryRunner.query(`DROP TABLE "membership_event_checkpoint"`);
    await queryRunner.query(`DROP INDEX "insurance_pension"."pension_change_enrolment_idx"`);
    await queryRunner.query(`DROP INDEX "insurance_pension"."IDX_c61fda8fe1d8f29d0cb8abe105"`);
    await queryRunner.query(`DROP TABLE "pension_change"`);
    await queryRunner.query(`DROP INDEX "insurance_pension"."pension_enrolment_person_uq"`);
    await queryRunner.query(`DROP TABLE "pension_enrolment"`);
    await queryRunner.query(`DROP INDEX "insurance_pension"."insurance_status_change_enrolment_idx"`);
    await queryRunner.query(`DROP INDEX "insurance_pension"."IDX_f0ecfcfecdf29bca7290ef4ef3"`);
    await queryRunner.query(`DROP TABLE "insurance_status_change"`);
  }
}
