import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795579849050 implements MigrationInterface {
  name = 'Init1795579849050';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "account" ("id" uuid NOT NULL, "username" text NOT NULL, "kind" text NOT NULL, "person_id" uuid, "association_id" uuid, "role" text, "sysadmin" boolean NOT NULL DEFAULT false, "display_name" text NOT NULL, "email" text, "password_hash" text, "totp_secret_sealed" text, "totp_last_step" bigint, "status" text NOT NULL DEFAULT 'ACTIVE', "status_reason" text, "status_changed_at" TIMESTAMP WITH TIME ZONE, "status_changed_by" uuid, "demo" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_54115ee388cdb6d86bb4bf5b2ea" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_41dfcb70af895ddf9a53094515" ON "account" ("username") `,
    );
    await queryRunner.query(`CREATE INDEX "account_association_idx" ON "account" ("association_id") `);
    await queryRunner.query(`CREATE INDEX "account_person_idx" ON "account" ("person_id") `);
    await queryRunner.query(
      `CREATE TABLE "assistant_grant" ("id" uuid NOT NULL, "assistant_account_id" uuid NOT NULL, "grantor_account_id" uuid NOT NULL, "scopes" text array NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "invitation_hash" text, "invitation_expires_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_688bbd90a4d1b3da7240ac39e4d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_a9c4779c1f3e7614615e631270" ON "assistant_grant" ("assistant_account_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_068c6d8f31bb64bd24774aac07" ON "assistant_grant" ("grantor_account_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_d42bc6988dcff68d191bed6278" ON "assistant_grant" ("invitation_hash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "interim_terms_version" ("version" text NOT NULL, "title_ja" text NOT NULL, "body_ja" text NOT NULL, "title_en" text NOT NULL, "body_en" text NOT NULL, "effective_from" date NOT NULL, CONSTRAINT "PK_61bc9a7f09f8b634a3a25a35b98" PRIMARY KEY ("version"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "interim_terms_acceptance" ("id" uuid NOT NULL, "account_id" uuid NOT NULL, "version" text NOT NULL, "accepted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_dd3da05fb3c4ff679d1e010f12c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "interim_terms_acceptance_account_idx" ON "interim_terms_acceptance" ("account_id", "accepted_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "login_throttle" ("key" text NOT NULL, "failures" integer NOT NULL DEFAULT '0', "locked_until" TIMESTAMP WITH TIME ZONE, "last_failure_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_14c03bac82292a8310c54cb98d0" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "oauth_client" ("client_id" text NOT NULL, "name" text NOT NULL, "kind" text NOT NULL, "secret_hash" text, "scopes" text array NOT NULL DEFAULT '{}', "redirect_uris" text array NOT NULL DEFAULT '{}', "post_logout_redirect_uris" text array NOT NULL DEFAULT '{}', "token_exchange" boolean NOT NULL DEFAULT false, "disabled_at" TIMESTAMP WITH TIME ZONE, "demo" boolean NOT NULL DEFAULT false, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_120e591449cf7f49569ee6c95b3" PRIMARY KEY ("client_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "oidc_payload" ("model" text NOT NULL, "id" text NOT NULL, "payload" jsonb NOT NULL, "grant_id" text, "user_code" text, "uid" text, "account_id" text, "expires_at" TIMESTAMP WITH TIME ZONE, "consumed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_f8bdb5be780a6c077e38bb78a98" PRIMARY KEY ("model", "id"))`,
    );
    await queryRunner.query(`CREATE INDEX "oidc_payload_expires_idx" ON "oidc_payload" ("expires_at") `);
    await queryRunner.query(`CREATE INDEX "oidc_payload_account_idx" ON "oidc_payload" ("account_id") `);
    await queryRunner.query(`CREATE INDEX "oidc_payload_uid_idx" ON "oidc_payload" ("uid") `);
    await queryRunner.query(`CREATE INDEX "oidc_payload_grant_idx" ON "oidc_payload" ("grant_id") `);
    await queryRunner.query(
      `CREATE TABLE "recovery_code" ("id" uuid NOT NULL, "account_id" uuid NOT NULL, "code_hash" text NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_b7f1e23329e93a80e25fd281922" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_9db6a6c505946232618e26c79e" ON "recovery_code" ("account_id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "identity"."IDX_9db6a6c505946232618e26c79e"`);
    await queryRunner.query(`DROP TABLE "recovery_code"`);
    await queryRunner.query(`DROP INDEX "identity"."oidc_payload_grant_idx"`);
    await queryRunner.query(`DROP INDEX "identity"."oidc_payload_uid_idx"`);
    await queryRunner.query(`DROP INDEX "identity"."oidc_payload_account_idx"`);
    await queryRunner.query(`DROP INDEX "identity"."oidc_payload_expires_idx"`);
    await queryRunner.query(`DROP TABLE "oidc_payload"`);
    await queryRunner.query(`DROP TABLE "oauth_client"`);
    await queryRunner.query(`DROP TABLE "login_throttle"`);
    await queryRunner.query(`DROP INDEX "identity"."interim_terms_acceptance_account_idx"`);
    await queryRunner.query(`DROP TABLE "interim_terms_acceptance"`);
    await queryRunner.query(`DROP TABLE "interim_terms_version"`);
    await queryRunner.query(`DROP INDEX "identity"."IDX_d42bc6988dcff68d191bed6278"`);
    await queryRunner.query(`DROP INDEX "identity"."IDX_068c6d8f31bb64bd24774aac07"`);
    await queryRunner.query(`DROP INDEX "identity"."IDX_a9c4779c1f3e7614615e631270"`);
    await queryRunner.query(`DROP TABLE "assistant_grant"`);
    await queryRunner.query(`DROP INDEX "identity"."account_person_idx"`);
    await queryRunner.query(`DROP INDEX "identity"."account_association_idx"`);
    await queryRunner.query(`DROP INDEX "identity"."IDX_41dfcb70af895ddf9a53094515"`);
    await queryRunner.query(`DROP TABLE "account"`);
  }
}
