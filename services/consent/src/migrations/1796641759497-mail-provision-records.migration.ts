import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MailProvisionRecords1796641759497 implements MigrationInterface {
  name = 'MailProvisionRecords1796641759497';

  public async up(queryRunner: QueryRunner): Promise<void> {
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
      `ALTER TABLE "provision_record_person" ADD CONSTRAINT "FK_66de069d366b8e2034702e8092d" FOREIGN KEY ("provision_record_id") REFERENCES "provision_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "provision_record_person" DROP CONSTRAINT "FK_66de069d366b8e2034702e8092d"`,
    );
    await queryRunner.query(`DROP INDEX "consent"."provision_record_person_person_idx"`);
    await queryRunner.query(`DROP TABLE "provision_record_person"`);
    await queryRunner.query(`DROP INDEX "consent"."provision_record_association_idx"`);
    await queryRunner.query(`DROP TABLE "provision_record"`);
  }
}
