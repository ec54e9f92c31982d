import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795579294211 implements MigrationInterface {
  name = 'Init1795579294211';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "association" ("id" uuid NOT NULL, "code" text NOT NULL, "name" text NOT NULL, "name_kana" text NOT NULL, "tier" text NOT NULL, "kind" text, "prefecture_code" smallint, "parent_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5c770cfef7a1f66da23be411699" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_e8bcb00d93af3368a584429a85" ON "association" ("code") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_f2ad02c544dd9ea68571a28ee3" ON "association" ("parent_id") `);
    await queryRunner.query(
      `CREATE TABLE "person" ("id" uuid NOT NULL, "family_name" text NOT NULL, "given_name" text NOT NULL, "family_name_kana" text NOT NULL, "given_name_kana" text NOT NULL, "birth_date" date NOT NULL, "sex" text NOT NULL, "registry_number" text NOT NULL, "registry_date" date, "email" text, "phone" text, "postal_code" text, "prefecture_code" smallint, "address" text, "school" text, "facility_name" text, "facility_role" text, "departments" text array NOT NULL DEFAULT '{}', "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5fdaf670315c4b7e70cce85daa3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_7d32faa74ff012e3c804900d67" ON "person" ("registry_number") `,
    );
    await queryRunner.query(
      `CREATE INDEX "person_kana_idx" ON "person" ("family_name_kana", "given_name_kana", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "membership" ("id" uuid NOT NULL, "person_id" uuid NOT NULL, "association_id" uuid NOT NULL, "category" text NOT NULL, "status" text NOT NULL, "joined_on" date NOT NULL, "left_on" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_83c1afebef3059472e7c37e8de8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_6fc5e2153171bbeb54f4fda659" ON "membership" ("person_id") `);
    await queryRunner.query(
      `CREATE INDEX "membership_association_status_idx" ON "membership" ("association_id", "status", "person_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "association" ADD CONSTRAINT "FK_f2ad02c544dd9ea68571a28ee38" FOREIGN KEY ("parent_id") REFERENCES "association"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "membership" ADD CONSTRAINT "FK_6fc5e2153171bbeb54f4fda6595" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "membership" ADD CONSTRAINT "FK_d2908e0737b47ef6f29e92826cc" FOREIGN KEY ("association_id") REFERENCES "association"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "membership" DROP CONSTRAINT "FK_d2908e0737b47ef6f29e92826cc"`);
    await queryRunner.query(`ALTER TABLE "membership" DROP CONSTRAINT "FK_6fc5e2153171bbeb54f4fda6595"`);
    await queryRunner.query(`ALTER TABLE "association" DROP CONSTRAINT "FK_f2ad02c544dd9ea68571a28ee38"`);
    await queryRunner.query(`DROP INDEX "membership"."membership_association_status_idx"`);
    await queryRunner.query(`DROP INDEX "membership"."IDX_6fc5e2153171bbeb54f4fda659"`);
    await queryRunner.query(`DROP TABLE "membership"`);
    await queryRunner.query(`DROP INDEX "membership"."person_kana_idx"`);
    await queryRunner.query(`DROP INDEX "membership"."IDX_7d32faa74ff012e3c804900d67"`);
    await queryRunner.query(`DROP TABLE "person"`);
    await queryRunner.query(`DROP INDEX "membership"."IDX_f2ad02c544dd9ea68571a28ee3"`);
    await queryRunner.query(`DROP INDEX "membership"."IDX_e8bcb00d93af3368a584429a85"`);
    await queryRunner.query(`DROP TABLE "association"`);
  }
}
