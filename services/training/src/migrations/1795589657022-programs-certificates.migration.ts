import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFAULT_PROGRAMS, DEFAULT_RULES } from '../rules/defaults';

export class ProgramsCertificates1795589657022 implements MigrationInterface {
  name = 'ProgramsCertificates1795589657022';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "certificate" ("id" uuid NOT NULL, "number" text NOT NULL, "person_id" uuid NOT NULL, "program_code" text NOT NULL, "valid_from" date NOT NULL, "valid_to" date NOT NULL, "holder_name" text NOT NULL, "verification_code" text NOT NULL, "issuer_association_id" uuid NOT NULL, "application_id" uuid, "issued_by" text NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8daddfc65f59e341c2bbc9c9e43" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "certificate_valid_to_idx" ON "certificate" ("valid_to") `);
    await queryRunner.query(`CREATE INDEX "certificate_person_idx" ON "certificate" ("person_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "certificate_verification_code_uq" ON "certificate" ("verification_code") `,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "certificate_number_uq" ON "certificate" ("number") `);
    await queryRunner.query(
      `CREATE TABLE "certification_application" ("id" uuid NOT NULL, "person_id" uuid NOT NULL, "program_code" text NOT NULL, "kind" text NOT NULL, "status" text NOT NULL, "prefectural_association_id" uuid NOT NULL, "holder_name" text NOT NULL, "evidence" text, "progress_snapshot" jsonb NOT NULL, "renews_certificate_id" uuid, "certificate_id" uuid, "filed_by" text NOT NULL, "filed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8a6d4de22aa4ae19691fab45f35" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "certification_application_status_idx" ON "certification_application" ("status", "prefectural_association_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "certification_application_person_idx" ON "certification_application" ("person_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "certification_rule" ("id" uuid NOT NULL, "program_code" text NOT NULL, "kind" text NOT NULL, "effective_from" date NOT NULL, "effective_to" date, "params" jsonb NOT NULL, "note" text, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d8a776aeee6505e080f15f19915" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "certification_rule_version_uq" ON "certification_rule" ("program_code", "kind", "effective_from") `,
    );
    await queryRunner.query(
      `CREATE TABLE "certification_step" ("id" uuid NOT NULL, "application_id" uuid NOT NULL, "person_id" uuid NOT NULL, "step" text NOT NULL, "decision" text NOT NULL, "association_id" uuid, "decided_by" text NOT NULL, "note" text, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9c84843f984184649a84ade5c5e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "certification_step_application_idx" ON "certification_step" ("application_id", "decided_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_outbox" ("id" uuid NOT NULL, "person_id" uuid NOT NULL, "certificate_id" uuid, "kind" text NOT NULL, "payload" jsonb NOT NULL, "due_on" date NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_83d47c7dba1da2d038749fe757e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "notification_outbox_due_idx" ON "notification_outbox" ("due_on") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "notification_outbox_certificate_kind_uq" ON "notification_outbox" ("certificate_id", "kind") `,
    );
    await queryRunner.query(
      `CREATE TABLE "training_program" ("code" text NOT NULL, "name_ja" text NOT NULL, "name_en" text NOT NULL, "jma_program" boolean NOT NULL, "codes" text array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e08ad0b33f41ebde9ec8c130533" PRIMARY KEY ("code"))`,
    );
    // shipped defaults (domain.md §7): programs and the first version of each certification rule
    for (const p of DEFAULT_PROGRAMS)
      await queryRunner.query(
        `INSERT INTO "training_program" ("code", "name_ja", "name_en", "jma_program", "codes") VALUES ($1, $2, $3, $4, $5)`,
        [p.code, p.nameJa, p.nameEn, p.jmaProgram, p.codes],
      );
    for (const r of DEFAULT_RULES)
      await queryRunner.query(
        `INSERT INTO "certification_rule" ("id", "program_code", "kind", "effective_from", "params", "note", "created_by")
         VALUES (gen_random_uuid(), $1, $2, $3, $4::jsonb, $5, 'system:defaults')`,
        [r.programCode, r.kind, r.effectiveFrom, JSON.stringify(r.params), r.note],
      );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "training_program"`);
    await queryRunner.query(`DROP INDEX "training"."notification_outbox_certificate_kind_uq"`);
    await queryRunner.query(`DROP INDEX "training"."notification_outbox_due_idx"`);
    await queryRunner.query(`DROP TABLE "notification_outbox"`);
    await queryRunner.query(`DROP INDEX "training"."certification_step_application_idx"`);
    await queryRunner.query(`DROP TABLE "certification_step"`);
    await queryRunner.query(`DROP INDEX "training"."certification_rule_version_uq"`);
    await queryRunner.query(`DROP TABLE "certification_rule"`);
    await queryRunner.query(`DROP INDEX "training"."certification_application_person_idx"`);
    await queryRunner.query(`DROP INDEX "training"."certification_application_status_idx"`);
    await queryRunner.query(`DROP TABLE "certification_application"`);
    await queryRunner.query(`DROP INDEX "training"."certificate_number_uq"`);
    await queryRunner.query(`DROP INDEX "training"."certificate_verification_code_uq"`);
    await queryRunner.query(`DROP INDEX "training"."certificate_person_idx"`);
    await queryRunner.query(`DROP INDEX "training"."certificate_valid_to_idx"`);
    await queryRunner.query(`DROP TABLE "certificate"`);
  }
}
