import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795579306295 implements MigrationInterface {
  name = 'Init1795579306295';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "terms_version" ("id" uuid NOT NULL, "version" text NOT NULL, "title_ja" text NOT NULL, "title_en" text NOT NULL, "body_ja" text NOT NULL, "body_en" text NOT NULL, "effective_from" date NOT NULL, "requires_acceptance" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_517b2bd5d583e4eb10618494199" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_5e5e7f040645d3cb82523e359a" ON "terms_version" ("version") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d87b86d8301a850332250d1e22" ON "terms_version" ("effective_from") `,
    );
    await queryRunner.query(
      `CREATE TABLE "terms_acceptance" ("id" uuid NOT NULL, "person_id" uuid NOT NULL, "terms_version_id" uuid NOT NULL, "accepted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "method" text NOT NULL, CONSTRAINT "PK_23370d00ad2d55a97e1237f4594" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "terms_acceptance_person_idx" ON "terms_acceptance" ("person_id", "accepted_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "terms_acceptance" ADD CONSTRAINT "FK_f89bac923cbd3c1d68077b42faa" FOREIGN KEY ("terms_version_id") REFERENCES "terms_version"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "terms_acceptance" DROP CONSTRAINT "FK_f89bac923cbd3c1d68077b42faa"`,
    );
    await queryRunner.query(`DROP INDEX "consent"."terms_acceptance_person_idx"`);
    await queryRunner.query(`DROP TABLE "terms_acceptance"`);
    await queryRunner.query(`DROP INDEX "consent"."IDX_d87b86d8301a850332250d1e22"`);
    await queryRunner.query(`DROP INDEX "consent"."IDX_5e5e7f040645d3cb82523e359a"`);
    await queryRunner.query(`DROP TABLE "terms_version"`);
  }
}
