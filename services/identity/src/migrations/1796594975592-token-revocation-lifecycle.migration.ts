import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TokenRevocationLifecycle1796594975592 implements MigrationInterface {
  name = 'TokenRevocationLifecycle1796594975592';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "lifecycle_checkpoint" ("name" text NOT NULL, "seq" bigint NOT NULL, CONSTRAINT "PK_13a13b65f932978c81c7078d2f6" PRIMARY KEY ("name"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "lifecycle_event_done" ("event_id" uuid NOT NULL, "seq" bigint NOT NULL, CONSTRAINT "PK_db9211ed2482e7f3998eba2c282" PRIMARY KEY ("event_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "token_revocation" ("key" text NOT NULL, "not_before" TIMESTAMP WITH TIME ZONE NOT NULL, "reason" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_7b7bb77fb06a5761002c543b6ab" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "token_revocation_updated_idx" ON "token_revocation" ("updated_at") `,
    );
    await queryRunner.query(`ALTER TABLE "account" ADD "status_cause" text`);
    await queryRunner.query(
      `CREATE INDEX "assistant_grant_expires_idx" ON "assistant_grant" ("expires_at") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "identity"."assistant_grant_expires_idx"`);
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "status_cause"`);
    await queryRunner.query(`DROP INDEX "identity"."token_revocation_updated_idx"`);
    await queryRunner.query(`DROP TABLE "token_revocation"`);
    await queryRunner.query(`DROP TABLE "lifecycle_event_done"`);
    await queryRunner.query(`DROP TABLE "lifecycle_checkpoint"`);
  }
}
