import type { Client } from 'pg';

/**
 * `audit.statistics_query`: every statistics query (answered or refused) — who, which aggregate,
 * which filters and group-bys, over how large a population ("Every statistics query is
 * audited"). It is also the memory of the differencing control and of the audit of everything a
 * requester was answered (services/platform/src/statistics): `published` keeps each answer.
 * Append-only like audit.entry: INSERT and SELECT for service roles, a trigger refuses changes.
 *
 * The CURRENT definition (platform-definition.ts); the database gets it from the platform
 * migrations (infra/db/platform-migrations). A change here needs the next platform migration
 * (`npm run migration:check` fails until then; write the migration by hand for table changes).
 */
export const STATISTICS_LOG_SQL = `
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
-- the answer's identity (sha-256 of the logged filters, population and what was published): the
-- guard loads each distinct earlier answer once, however often a dashboard repeated it
ALTER TABLE audit.statistics_query ADD COLUMN IF NOT EXISTS answer_key text;

DROP TRIGGER IF EXISTS statistics_query_no_change ON audit.statistics_query;
CREATE TRIGGER statistics_query_no_change BEFORE UPDATE OR DELETE ON audit.statistics_query
  FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();
`;

export async function applyStatisticsLog(client: Client, roles: string[]): Promise<void> {
  await client.query(STATISTICS_LOG_SQL);
  for (const role of roles) {
    await client.query(`GRANT SELECT, INSERT ON audit.statistics_query TO "${role}"`);
    await client.query(`GRANT USAGE ON SEQUENCE audit.statistics_query_id_seq TO "${role}"`);
  }
}
