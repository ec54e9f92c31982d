import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `audit.statistics_query.answer_key`: the identity of an answer (sha-256 of the logged filters,
 * the population and what was published; services/platform/src/statistics/guard.ts writes it), so
 * the statistics guard loads each distinct earlier answer of a requester once instead of every
 * repeat (a dashboard asking every 5 minutes logs 8,640 answers in the 30-day window). Rows logged
 * before have none: each counts as distinct, as before.
 */
export class StatisticsAnswerKey1796650000004 implements MigrationInterface {
  name = 'StatisticsAnswerKey1796650000004';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE audit.statistics_query ADD COLUMN IF NOT EXISTS answer_key text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE audit.statistics_query DROP COLUMN answer_key`);
  }
}
