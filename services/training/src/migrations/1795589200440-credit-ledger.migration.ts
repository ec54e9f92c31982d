import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreditLedger1795589200440 implements MigrationInterface {
  name = 'CreditLedger1795589200440';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "idempotency_key" ("operation" text NOT NULL, "actor" text NOT NULL, "key" text NOT NULL, "payload_hash" text NOT NULL, "result" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d280de65d1cd7d01b5008444ff8" PRIMARY KEY ("operation", "actor", "key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "credit_entry" ("id" uuid NOT NULL, "person_id" uuid NOT NULL, "program_code" text NOT NULL, "code" text NOT NULL, "units" numeric(5,1) NOT NULL, "earned_on" date NOT NULL, "source" text NOT NULL, "session_id" uuid, "evidence" text, "reverses_entry_id" uuid, "recorded_by" text NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "credit_entry_source" CHECK (("source" = 'SESSION' AND "session_id" IS NOT NULL) OR ("source" = 'MANUAL' AND "evidence" IS NOT NULL)), CONSTRAINT "credit_entry_half_units" CHECK ("units" * 2 = trunc("units" * 2) AND "units" <> 0), CONSTRAINT "PK_05b1d62338497046115e3893f9f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "credit_entry_reverses_uq" ON "credit_entry" ("reverses_entry_id") `,
    );
    await queryRunner.query(`CREATE INDEX "credit_entry_session_idx" ON "credit_entry" ("session_id") `);
    await queryRunner.query(
      `CREATE INDEX "credit_entry_person_program_idx" ON "credit_entry" ("person_id", "program_code", "earned_on") `,
    );
    await queryRunner.query(
      `ALTER TABLE "credit_entry" ADD CONSTRAINT "FK_efb45f930517157b488d14c3c31" FOREIGN KEY ("session_id") REFERENCES "training_session"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "credit_entry" ADD CONSTRAINT "FK_999f1803b28b63423b76e052c85" FOREIGN KEY ("reverses_entry_id") REFERENCES "credit_entry"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // append-only: corrections are reversing entries; the database refuses edits and deletions
    await queryRunner.query(
      `CREATE FUNCTION "credit_entry_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'training.credit_entry is append-only: add a reversing entry instead'; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "credit_entry_append_only" BEFORE UPDATE OR DELETE ON "credit_entry" FOR EACH ROW EXECUTE FUNCTION "credit_entry_append_only"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "credit_entry_append_only" ON "credit_entry"`);
    await queryRunner.query(`DROP FUNCTION "credit_entry_append_only"()`);
    await queryRunner.query(`ALTER TABLE "credit_entry" DROP CONSTRAINT "FK_999f1803b28b63423b76e052c85"`);
    await queryRunner.query(`ALTER TABLE "credit_entry" DROP CONSTRAINT "FK_efb45f930517157b488d14c3c31"`);
    await queryRunner.query(`DROP INDEX "training"."credit_entry_person_program_idx"`);
    await queryRunner.query(`DROP INDEX "training"."credit_entry_session_idx"`);
    await queryRunner.query(`DROP INDEX "training"."credit_entry_reverses_uq"`);
    await queryRunner.query(`DROP TABLE "credit_entry"`);
    await queryRunner.query(`DROP TABLE "idempotency_key"`);
  }
}
