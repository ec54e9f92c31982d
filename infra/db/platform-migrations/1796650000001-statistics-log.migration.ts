import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The service roles of this version (bootstrap creates them before any migration runs). */
const ROLES = [
  'mamis_membership',
  'mamis_training',
  'mamis_insurance_pension',
  'mamis_consent',
  'mamis_identity',
];

const STATISTICS_LOG_SQL = `
CREATE TABLE IF NOT EXISTS audit.statistics_query (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  request_id text NOT NULL,
  service text NOT NULL,
  actor text,
  viewer_kind text NOT NULL,
  viewer_association uuid,
  -- whose queries are compared for differencing: the viewer's association, or the client
  requester text NOT NULL,
  population_association uuid NOT NULL,
  aggregate text NOT NULL,
  filters jsonb NOT NULL,
  group_by text[] NOT NULL,
  population integer NOT NULL,
  refused text
);
-- what was published (the audit's terms: filters by dimension, dimensions, cells, total), the
-- memory of the audit of the published linear system; null when refused
ALTER TABLE audit.statistics_query ADD COLUMN IF NOT EXISTS published jsonb;
-- for a refusal by the audit: which cell the answer would have exposed (never its count)
ALTER TABLE audit.statistics_query ADD COLUMN IF NOT EXISTS refusal_detail jsonb;
CREATE INDEX IF NOT EXISTS statistics_query_requester_idx
  ON audit.statistics_query (requester, aggregate, population_association, at);

DROP TRIGGER IF EXISTS statistics_query_no_change ON audit.statistics_query;
CREATE TRIGGER statistics_query_no_change BEFORE UPDATE OR DELETE ON audit.statistics_query
  FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();
`;

/**
 * `audit.statistics_query`: every statistics query, answered or refused (the design:
 * infra/db/statistics-log.ts, the definition this is a snapshot of).
 *
 * Baseline of the platform stream: until this stream existed, bootstrap re-applied these
 * objects on every start, so a database made then (a developer's `.data/`) already holds them.
 * Every statement is idempotent (CREATE … IF NOT EXISTS, CREATE OR REPLACE, DROP … IF EXISTS before
 * CREATE), so on such a database this migration changes nothing and is merely recorded.
 */
export class StatisticsLog1796650000001 implements MigrationInterface {
  name = 'StatisticsLog1796650000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(STATISTICS_LOG_SQL);
    for (const role of ROLES) {
      await queryRunner.query(`GRANT SELECT, INSERT ON audit.statistics_query TO "${role}"`);
      await queryRunner.query(`GRANT USAGE ON SEQUENCE audit.statistics_query_id_seq TO "${role}"`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const [{ n }] = (await queryRunner.query('SELECT count(*)::int AS n FROM audit.statistics_query')) as {
      n: number;
    }[];
    if (n > 0) throw new Error(`audit.statistics_query holds ${n} queries: it is not dropped`);
    await queryRunner.query('DROP TABLE audit.statistics_query');
  }
}
