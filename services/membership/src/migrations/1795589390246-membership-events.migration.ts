import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MembershipEvents1795589390246 implements MigrationInterface {
  name = 'MembershipEvents1795589390246';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "idempotency_key" ("operation" text NOT NULL, "actor" text NOT NULL, "key" text NOT NULL, "payload_hash" text NOT NULL, "result" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d280de65d1cd7d01b5008444ff8" PRIMARY KEY ("operation", "actor", "key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "membership_event" ("id" uuid NOT NULL, "seq" BIGSERIAL NOT NULL, "person_id" uuid NOT NULL, "association_id" uuid NOT NULL, "kind" text NOT NULL, "category" text NOT NULL, "previous_category" text, "effective_on" date NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "recorded_by" text NOT NULL, "application_id" uuid, "counterpart_association_id" uuid, CONSTRAINT "PK_a5bbbf1d51331d1ff4e6419c48e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "membership_event_seq_key" ON "membership_event" ("seq") `);
    await queryRunner.query(
      `CREATE INDEX "membership_event_association_idx" ON "membership_event" ("association_id", "effective_on") `,
    );
    await queryRunner.query(
      `CREATE INDEX "membership_event_person_idx" ON "membership_event" ("person_id", "effective_on", "seq") `,
    );
    await queryRunner.query(
      `CREATE TABLE "membership_application" ("id" uuid NOT NULL, "person_id" uuid NOT NULL, "kind" text NOT NULL, "status" text NOT NULL, "effective_on" date NOT NULL, "comment" text, "filed_by" text NOT NULL, "filed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "closed_at" TIMESTAMP WITH TIME ZONE, "closed_by" text, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_8090222d211a5102bf5b37cc9cc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "membership_application_person_idx" ON "membership_application" ("person_id", "filed_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "membership_application_step" ("id" uuid NOT NULL, "application_id" uuid NOT NULL, "ordinal" smallint NOT NULL, "association_id" uuid NOT NULL, "action" text NOT NULL, "category" text NOT NULL, "counterpart_association_id" uuid, "status" text NOT NULL, "decided_by" text, "decided_at" TIMESTAMP WITH TIME ZONE, "decision_comment" text, CONSTRAINT "PK_14ab62a7ba59d09859e2ca44b2d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "membership_application_step_inbox_idx" ON "membership_application_step" ("association_id", "status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "membership_application_step_association_key" ON "membership_application_step" ("application_id", "association_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "membership_application_step_order_key" ON "membership_application_step" ("application_id", "ordinal") `,
    );
    await queryRunner.query(`ALTER TABLE "person" ADD "home_postal_code" text`);
    await queryRunner.query(`ALTER TABLE "person" ADD "home_prefecture_code" smallint`);
    await queryRunner.query(`ALTER TABLE "person" ADD "home_address" text`);
    await queryRunner.query(`ALTER TABLE "person" ADD "home_phone" text`);
    await queryRunner.query(`ALTER TABLE "person" ADD "graduation_year" smallint`);
    await queryRunner.query(`ALTER TABLE "person" ADD "facility_founder_type" text`);
    await queryRunner.query(
      `ALTER TABLE "membership_event" ADD CONSTRAINT "FK_c4b5cf23967a323b4c2e6b8f432" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "membership_event" ADD CONSTRAINT "FK_a6e9d77b3d650549a5dacae0917" FOREIGN KEY ("association_id") REFERENCES "association"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "membership_application" ADD CONSTRAINT "FK_1a3403deb2ecf96062e4c1112ec" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "membership_application_step" ADD CONSTRAINT "FK_c322732c95a0b7b2c1ee5742532" FOREIGN KEY ("application_id") REFERENCES "membership_application"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "membership_application_step" ADD CONSTRAINT "FK_41fbfed5395f3a96852066cd15e" FOREIGN KEY ("association_id") REFERENCES "association"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "membership_application_step" DROP CONSTRAINT "FK_41fbfed5395f3a96852066cd15e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "membership_application_step" DROP CONSTRAINT "FK_c322732c95a0b7b2c1ee5742532"`,
    );
    await queryRunner.query(
      `ALTER TABLE "membership_application" DROP CONSTRAINT "FK_1a3403deb2ecf96062e4c1112ec"`,
    );
    await queryRunner.query(
      `ALTER TABLE "membership_event" DROP CONSTRAINT "FK_a6e9d77b3d650549a5dacae0917"`,
    );
    await queryRunner.query(
      `ALTER TABLE "membership_event" DROP CONSTRAINT "FK_c4b5cf23967a323b4c2e6b8f432"`,
    );
    await queryRunner.query(`ALTER TABLE "person" DROP COLUMN "facility_founder_type"`);
    await queryRunner.query(`ALTER TABLE "person" DROP COLUMN "graduation_year"`);
    await queryRunner.query(`ALTER TABLE "person" DROP COLUMN "home_phone"`);
    await queryRunner.query(`ALTER TABLE "person" DROP COLUMN "home_address"`);
    await queryRunner.query(`ALTER TABLE "person" DROP COLUMN "home_prefecture_code"`);
    await queryRunner.query(`ALTER TABLE "person" DROP COLUMN "home_postal_code"`);
    await queryRunner.query(`DROP INDEX "membership"."membership_application_step_order_key"`);
    await queryRunner.query(`DROP INDEX "membership"."membership_application_step_association_key"`);
    await queryRunner.query(`DROP INDEX "membership"."membership_application_step_inbox_idx"`);
    await queryRunner.query(`DROP TABLE "membership_application_step"`);
    await queryRunner.query(`DROP INDEX "membership"."membership_application_person_idx"`);
    await queryRunner.query(`DROP TABLE "membership_application"`);
    await queryRunner.query(`DROP INDEX "membership"."membership_event_person_idx"`);
    await queryRunner.query(`DROP INDEX "membership"."membership_event_association_idx"`);
    await queryRunner.query(`DROP INDEX "membership"."membership_event_seq_key"`);
    await queryRunner.query(`DROP TABLE "membership_event"`);
    await queryRunner.query(`DROP TABLE "idempotency_key"`);
  }
}
