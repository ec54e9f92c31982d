import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TermsNoticesNotifications1795589374615 implements MigrationInterface {
  name = 'TermsNoticesNotifications1795589374615';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "joint_use_notice" ("id" uuid NOT NULL, "version" text NOT NULL, "effective_from" date NOT NULL, "title" text NOT NULL, "statement" text NOT NULL, "data_items" jsonb NOT NULL, "joint_users" text NOT NULL, "purposes" jsonb NOT NULL, "responsible_name" text NOT NULL, "responsible_address" text NOT NULL, "responsible_representative" text NOT NULL, "responsibility_note" text, "summary_en" text, "published_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_54961636f8deb16547ddc0ff1f8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_757dd6dec3c5519fc3fe35e8d7" ON "joint_use_notice" ("version") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_245f9ede39cc2c23a154f8486c" ON "joint_use_notice" ("effective_from") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notification" ("id" uuid NOT NULL, "person_id" uuid, "account_id" uuid, "kind" text NOT NULL, "subject_ja" text NOT NULL, "subject_en" text NOT NULL, "body_ja" text NOT NULL, "body_en" text NOT NULL, "source_key" text NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_4730d56481c1a62b4dcc134894" ON "notification" ("source_key") `,
    );
    await queryRunner.query(
      `CREATE INDEX "notification_account_idx" ON "notification" ("account_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "notification_person_idx" ON "notification" ("person_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_delivery" ("id" uuid NOT NULL, "notification_id" uuid NOT NULL, "person_id" uuid, "channel" text NOT NULL DEFAULT 'EMAIL', "status" text NOT NULL DEFAULT 'PENDING', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE, "last_error" text, "to_address" text, "message_id" text, "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_109dea88c25343da49d86de6bfd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_2e70a64359ce7416b06a4d7a43" ON "notification_delivery" ("notification_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "notification_delivery_due_idx" ON "notification_delivery" ("status", "next_attempt_at") `,
    );
    await queryRunner.query(`ALTER TABLE "terms_version" ADD "summary_ja" text`);
    await queryRunner.query(`ALTER TABLE "terms_version" ADD "summary_en" text`);
    await queryRunner.query(`ALTER TABLE "terms_version" ADD "published_by" uuid`);
    await queryRunner.query(`ALTER TABLE "terms_acceptance" ADD "account_id" uuid`);
    await queryRunner.query(`ALTER TABLE "terms_acceptance" ADD "client_id" text`);
    await queryRunner.query(`DROP INDEX "consent"."terms_acceptance_person_idx"`);
    await queryRunner.query(`ALTER TABLE "terms_acceptance" ALTER COLUMN "person_id" DROP NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX "terms_acceptance_account_idx" ON "terms_acceptance" ("account_id", "accepted_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "terms_acceptance_person_idx" ON "terms_acceptance" ("person_id", "accepted_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_delivery" ADD CONSTRAINT "FK_2e70a64359ce7416b06a4d7a432" FOREIGN KEY ("notification_id") REFERENCES "notification"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "notification_delivery" DROP CONSTRAINT "FK_2e70a64359ce7416b06a4d7a432"`,
    );
    await queryRunner.query(`DROP INDEX "consent"."terms_acceptance_person_idx"`);
    await queryRunner.query(`DROP INDEX "consent"."terms_acceptance_account_idx"`);
    await queryRunner.query(`ALTER TABLE "terms_acceptance" ALTER COLUMN "person_id" SET NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX "terms_acceptance_person_idx" ON "terms_acceptance" ("accepted_at", "person_id") `,
    );
    await queryRunner.query(`ALTER TABLE "terms_acceptance" DROP COLUMN "client_id"`);
    await queryRunner.query(`ALTER TABLE "terms_acceptance" DROP COLUMN "account_id"`);
    await queryRunner.query(`ALTER TABLE "terms_version" DROP COLUMN "published_by"`);
    await queryRunner.query(`ALTER TABLE "terms_version" DROP COLUMN "summary_en"`);
    await queryRunner.query(`ALTER TABLE "terms_version" DROP COLUMN "summary_ja"`);
    await queryRunner.query(`DROP INDEX "consent"."notification_delivery_due_idx"`);
    await queryRunner.query(`DROP INDEX "consent"."IDX_2e70a64359ce7416b06a4d7a43"`);
    await queryRunner.query(`DROP TABLE "notification_delivery"`);
    await queryRunner.query(`DROP INDEX "consent"."notification_person_idx"`);
    await queryRunner.query(`DROP INDEX "consent"."notification_account_idx"`);
    await queryRunner.query(`DROP INDEX "consent"."IDX_4730d56481c1a62b4dcc134894"`);
    await queryRunner.query(`DROP TABLE "notification"`);
    await queryRunner.query(`DROP INDEX "consent"."IDX_245f9ede39cc2c23a154f8486c"`);
    await queryRunner.query(`DROP INDEX "consent"."IDX_757dd6dec3c5519fc3fe35e8d7"`);
    await queryRunner.query(`DROP TABLE "joint_use_notice"`);
  }
}
