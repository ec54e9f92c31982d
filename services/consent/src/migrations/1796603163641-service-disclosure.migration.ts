import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ServiceDisclosure1796603163641 implements MigrationInterface {
  name = 'ServiceDisclosure1796603163641';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "service_disclosure" ("id" uuid NOT NULL, "version" text NOT NULL, "effective_from" date NOT NULL, "contractors" jsonb NOT NULL, "environment_requirements" jsonb NOT NULL, "published_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_11e929927a32c24acfd95d04dab" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_aa6cc8b7c076e49ee80d573ebc" ON "service_disclosure" ("version") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_faa00a5030ea169c53fc3a8758" ON "service_disclosure" ("effective_from") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "consent"."IDX_faa00a5030ea169c53fc3a8758"`);
    await queryRunner.query(`DROP INDEX "consent"."IDX_aa6cc8b7c076e49ee80d573ebc"`);
    await queryRunner.query(`DROP TABLE "service_disclosure"`);
  }
}
