import type { Client } from 'pg';

/**
 * The `access` schema: versioned, read-only views over the facts the access policy needs from
 * several services (memberships, training attendance). Every service role may read them (and
 * nothing else outside its own schema); they run with the owner's rights.
 * A changed view gets a new version suffix; old versions are dropped once no code reads them.
 */
export const ACCESS_VIEWS_SQL = `
CREATE SCHEMA IF NOT EXISTS access;
REVOKE ALL ON SCHEMA access FROM PUBLIC;

CREATE OR REPLACE VIEW access.membership_v1 AS
  SELECT person_id, association_id, status, joined_on, left_on
  FROM membership.membership;

CREATE OR REPLACE VIEW access.association_v1 AS
  SELECT id, code, tier, parent_id, name
  FROM membership.association;

-- JMA programs (the JMA issues their credits and certificates): everything but associations' own.
CREATE OR REPLACE VIEW access.attendance_v1 AS
  SELECT a.person_id, s.host_association_id, s.program_code,
         (s.program_code <> 'OWN') AS jma_program,
         NULL::text AS cohost_society_id
  FROM training.attendance a
  JOIN training.training_session s ON s.id = a.session_id
  WHERE a.status <> 'CANCELLED';

-- Row-level security's one question (row-security.ts): which associations have ANY relation of
-- the access policy to a person — membership (current or former), pending application, hosted
-- training. Filtered by person first (indexes on person_id in every branch).
CREATE OR REPLACE VIEW access.related_person_v1 AS
  SELECT person_id, association_id FROM membership.membership
  UNION ALL
  SELECT person_id, host_association_id AS association_id FROM access.attendance_v1;
`;

export async function applyAccessViews(client: Client, roles: string[]): Promise<void> {
  await client.query(ACCESS_VIEWS_SQL);
  for (const role of roles) {
    await client.query(`GRANT USAGE ON SCHEMA access TO "${role}"`);
    await client.query(`GRANT SELECT ON ALL TABLES IN SCHEMA access TO "${role}"`);
  }
}
