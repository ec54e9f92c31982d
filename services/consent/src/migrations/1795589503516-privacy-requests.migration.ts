import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PrivacyRequests1795589503516 implements MigrationInterface {
  name = 'PrivacyRequests1795589503516';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "idempotency_key" ("operation" text NOT NULL, "actor" text NOT NULL, "key" text NOT NULL, "payload_hash" text NOT NULL, "result" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d280de65d1cd7d01b5008444ff8" PRIMARY KEY ("operation", "actor", "key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "privacy_request" ("id" uuid NOT NULL, "person_id" uuid NOT NULL, "kind" text NOT NULL, "status" text NOT NULL DEFAULT 'RECEIVED', "details" text, "routed_association_ids" uuid array NOT NULL, "filed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "filed_by" text NOT NULL, "due_on" date NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE, "decided_by" text, "deciding_association_id" uuid, "decision_note" text, "completed_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_0f0855b007a744a88b91ef3b7b8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "privacy_request_person_idx" ON "privacy_request" ("person_id", "filed_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "privacy_request_event" ("id" uuid NOT NULL, "request_id" uuid NOT NULL, "person_id" uuid NOT NULL, "status" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor" text NOT NULL, "note" text, CONSTRAINT "PK_538ea0eccefdcd6f630551d9c48" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "privacy_request_event_person_idx" ON "privacy_request_event" ("person_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "privacy_request_event_request_idx" ON "privacy_request_event" ("request_id", "at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "privacy_export" ("id" uuid NOT NULL, "request_id" uuid NOT NULL, "person_id" uuid NOT NULL, "json" jsonb NOT NULL, "html" text NOT NULL, "generated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_63d981fbca2201dec993c0510a2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_bfb9be0c89f0cd2079b20ca564" ON "privacy_export" ("request_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_958672171c3d5841728beebd9c" ON "privacy_export" ("person_id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "consent"."IDX_958672171c3d5841728beebd9c"`);
    await queryRunner.query(`DROP INDEX "consent"."IDX_bfb9be0c89f0cd2079b20ca564"`);
    await queryRunner.query(`DROP TABLE "privacy_export"`);
    await queryRunner.query(`DROP INDEX "consent"."privacy_request_event_request_idx"`);
    await queryRunner.query(`DROP INDEX "consent"."privacy_request_event_person_idx"`);
    await queryRunner.query(`DROP TABLE "privacy_request_event"`);
    await queryRunner.query(`DROP INDEX "consent"."privacy_request_person_idx"`);
    await queryRunner.query(`DROP TABLE "privacy_request"`);
    await queryRunner.query(`DROP TABLE "idempotency_key"`);
  }
}
