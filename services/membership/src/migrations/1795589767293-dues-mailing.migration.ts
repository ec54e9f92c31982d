import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DuesMailing1795589767293 implements MigrationInterface {
  name = 'DuesMailing1795589767293';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "membership_category" ("id" uuid NOT NULL, "association_id" uuid NOT NULL, "code" text NOT NULL, "name" text NOT NULL, "description" text, "sort_order" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_f98a2eec2f378c2797b1ee37531" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "membership_category_association_code_key" ON "membership_category" ("association_id", "code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "fee_schedule" ("id" uuid NOT NULL, "association_id" uuid NOT NULL, "category_code" text NOT NULL, "fiscal_year" integer NOT NULL, "min_age" smallint, "max_age" smallint, "annual_fee_yen" integer NOT NULL, CONSTRAINT "PK_ff34967d26d3283d21abcc0125c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "fee_schedule_lookup_idx" ON "fee_schedule" ("association_id", "fiscal_year", "category_code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "dues_exemption_rule" ("id" uuid NOT NULL, "association_id" uuid NOT NULL, "category_code" text NOT NULL, "from_fiscal_year" integer NOT NULL, "to_fiscal_year" integer, "years_after_graduation" smallint NOT NULL, "description" text NOT NULL, CONSTRAINT "PK_2f8e512ee194a634e66c1c1a2d9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "dues_exemption_rule_association_idx" ON "dues_exemption_rule" ("association_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "dues_invoice" ("id" uuid NOT NULL, "association_id" uuid NOT NULL, "person_id" uuid NOT NULL, "fiscal_year" integer NOT NULL, "category_code" text NOT NULL, "annual_fee_yen" integer NOT NULL, "months" smallint NOT NULL, "amount_yen" integer NOT NULL, "paid_yen" integer NOT NULL DEFAULT '0', "status" text NOT NULL, "exemption_rule_id" uuid, "reference" text NOT NULL, "issued_on" date NOT NULL, "issued_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_114be3bb15803e5ebc10fe46a78" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "dues_invoice_arrears_idx" ON "dues_invoice" ("association_id", "status", "fiscal_year") `,
    );
    await queryRunner.query(`CREATE INDEX "dues_invoice_person_idx" ON "dues_invoice" ("person_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "dues_invoice_reference_key" ON "dues_invoice" ("association_id", "reference") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "dues_invoice_person_year_key" ON "dues_invoice" ("association_id", "person_id", "fiscal_year") `,
    );
    await queryRunner.query(
      `CREATE TABLE "dues_payment" ("id" uuid NOT NULL, "invoice_id" uuid NOT NULL, "association_id" uuid NOT NULL, "person_id" uuid NOT NULL, "amount_yen" integer NOT NULL, "paid_on" date NOT NULL, "method" text NOT NULL, "bank_transaction_id" text, "note" text, "recorded_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f4be410fe877a479a7667ffc7a3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "dues_payment_bank_transaction_key" ON "dues_payment" ("association_id", "bank_transaction_id") WHERE bank_transaction_id IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "dues_payment_person_idx" ON "dues_payment" ("person_id") `);
    await queryRunner.query(`CREATE INDEX "dues_payment_invoice_idx" ON "dues_payment" ("invoice_id") `);
    await queryRunner.query(
      `CREATE TABLE "provision_record" ("id" uuid NOT NULL, "association_id" uuid NOT NULL, "actor" text NOT NULL, "recipient" text NOT NULL, "purpose" text NOT NULL, "items" text NOT NULL, "format" text NOT NULL, "row_count" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_22141f56b9147b2d42cb314e190" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "provision_record_association_idx" ON "provision_record" ("association_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "provision_record_person" ("provision_record_id" uuid NOT NULL, "person_id" uuid NOT NULL, "association_id" uuid NOT NULL, CONSTRAINT "PK_454ca0a058f2a1ac1aa933af542" PRIMARY KEY ("provision_record_id", "person_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "provision_record_person_person_idx" ON "provision_record_person" ("person_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "dues_invoice" ADD CONSTRAINT "FK_4f44fd4269523a687e5269d8e23" FOREIGN KEY ("association_id") REFERENCES "association"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "dues_invoice" ADD CONSTRAINT "FK_6a60de26fedd3b871be74023c6f" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "dues_payment" ADD CONSTRAINT "FK_8b8b880747405c3a518fd9e9ba4" FOREIGN KEY ("invoice_id") REFERENCES "dues_invoice"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "provision_record_person" ADD CONSTRAINT "FK_66de069d366b8e2034702e8092d" FOREIGN KEY ("provision_record_id") REFERENCES "provision_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "provision_record_person" ADD CONSTRAINT "FK_9f1eeb67e575bb392e45754fba1" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "provision_record_person" DROP CONSTRAINT "FK_9f1eeb67e575bb392e45754fba1"`,
    );
    await queryRunner.query(
      `ALTER TABLE "provision_record_person" DROP CONSTRAINT "FK_66de069d366b8e2034702e8092d"`,
    );
    await queryRunner.query(`ALTER TABLE "dues_payment" DROP CONSTRAINT "FK_8b8b880747405c3a518fd9e9ba4"`);
    await queryRunner.query(`ALTER TABLE "dues_invoice" DROP CONSTRAINT "FK_6a60de26fedd3b871be74023c6f"`);
    await queryRunner.query(`ALTER TABLE "dues_invoice" DROP CONSTRAINT "FK_4f44fd4269523a687e5269d8e23"`);
    await queryRunner.query(`DROP INDEX "membership"."provision_record_person_person_idx"`);
    await queryRunner.query(`DROP TABLE "provision_record_person"`);
    await queryRunner.query(`DROP INDEX "membership"."provision_record_association_idx"`);
    await queryRunner.query(`DROP TABLE "provision_record"`);
    await queryRunner.query(`DROP INDEX "membership"."dues_payment_invoice_idx"`);
    await queryRunner.query(`DROP INDEX "membership"."dues_payment_person_idx"`);
    await queryRunner.query(`DROP INDEX "membership"."dues_payment_bank_transaction_key"`);
    await queryRunner.query(`DROP TABLE "dues_payment"`);
    await queryRunner.query(`DROP INDEX "membership"."dues_invoice_person_year_key"`);
    await queryRunner.query(`DROP INDEX "membership"."dues_invoice_reference_key"`);
    await queryRunner.query(`DROP INDEX "membership"."dues_invoice_person_idx"`);
    await queryRunner.query(`DROP INDEX "membership"."dues_invoice_arrears_idx"`);
    await queryRunner.query(`DROP TABLE "dues_invoice"`);
    await queryRunner.query(`DROP INDEX "membership"."dues_exemption_rule_association_idx"`);
    await queryRunner.query(`DROP TABLE "dues_exemption_rule"`);
    await queryRunner.query(`DROP INDEX "membership"."fee_schedule_lookup_idx"`);
    await queryRunner.query(`DROP TABLE "fee_schedule"`);
    await queryRunner.query(`DROP INDEX "membership"."membership_category_association_code_key"`);
    await queryRunner.query(`DROP TABLE "membership_category"`);
  }
}
