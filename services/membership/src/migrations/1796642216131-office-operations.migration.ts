import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OfficeOperations1796642216131 implements MigrationInterface {
  name = 'OfficeOperations1796642216131';

  /**
   * office_operation: the office's long operations (処理状況: invoice runs, applied bank files),
   * one per (kind, actor, idempotency key), listed per association newest first.
   */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "office_operation" ("id" uuid NOT NULL, "association_id" uuid NOT NULL, "actor" text NOT NULL, "kind" text NOT NULL, "idempotency_key" text, "status" text NOT NULL, "total" integer, "done" integer NOT NULL DEFAULT '0', "summary" jsonb, "message" text, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_8a71f151db53ad5843b7c22d59e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "office_operation_key_idx" ON "office_operation" ("kind", "actor", "idempotency_key") WHERE idempotency_key IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "office_operation_association_idx" ON "office_operation" ("association_id", "started_at") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "membership"."office_operation_association_idx"`);
    await queryRunner.query(`DROP INDEX "membership"."office_operation_key_idx"`);
    await queryRunner.query(`DROP TABLE "office_operation"`);
  }
}
