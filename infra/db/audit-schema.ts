import type { Client } from 'pg';

/**
 * The `audit` schema: one append-only, hash-chained table shared by every service.
 * - Service roles may INSERT and SELECT; nobody may UPDATE or DELETE (no grant, and a trigger
 *   refuses it even for the owner).
 * - The chain: a BEFORE INSERT trigger serialises appends (transaction advisory lock), takes the
 *   sequence number under that lock, and sets hash = sha256(prev_hash || canonical row).
 *   `audit.verify()` walks the chain and returns the first broken link.
 */
export const AUDIT_SQL = `
CREATE SCHEMA IF NOT EXISTS audit;
REVOKE ALL ON SCHEMA audit FROM PUBLIC;

CREATE SEQUENCE IF NOT EXISTS audit.entry_seq;

CREATE TABLE IF NOT EXISTS audit.entry (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  request_id text NOT NULL,
  service text NOT NULL,
  operation text,
  actor text,
  on_behalf_of text,
  viewer_kind text NOT NULL,
  viewer_association uuid,
  relations text[] NOT NULL DEFAULT '{}',
  person_ids uuid[] NOT NULL,
  groups text[] NOT NULL,
  action text NOT NULL DEFAULT 'READ',
  prev_hash bytea NOT NULL,
  hash bytea NOT NULL
);
CREATE INDEX IF NOT EXISTS entry_person_ids_idx ON audit.entry USING gin (person_ids);
CREATE INDEX IF NOT EXISTS entry_at_idx ON audit.entry (at);

CREATE OR REPLACE FUNCTION audit.digest(prev bytea, e audit.entry) RETURNS bytea
LANGUAGE sql IMMUTABLE AS $$
  SELECT sha256(prev || convert_to(concat_ws(E'\\x1f',
    e.seq::text, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), e.request_id, e.service,
    coalesce(e.operation, ''), coalesce(e.actor, ''), coalesce(e.on_behalf_of, ''), e.viewer_kind,
    coalesce(e.viewer_association::text, ''), array_to_string(e.relations, ','),
    array_to_string(e.person_ids, ','), array_to_string(e.groups, ','), e.action), 'UTF8'))
$$;

CREATE OR REPLACE FUNCTION audit.chain() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = audit, pg_catalog AS $$
DECLARE prev bytea;
BEGIN
  PERFORM pg_advisory_xact_lock(727002);
  NEW.seq := nextval('audit.entry_seq');
  NEW.at := clock_timestamp();
  SELECT e.hash INTO prev FROM audit.entry e ORDER BY e.seq DESC LIMIT 1;
  NEW.prev_hash := coalesce(prev, '\\x00'::bytea);
  NEW.hash := audit.digest(NEW.prev_hash, NEW);
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION audit.refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit entries are append-only' USING ERRCODE = 'insufficient_privilege';
END $$;

DROP TRIGGER IF EXISTS entry_chain ON audit.entry;
CREATE TRIGGER entry_chain BEFORE INSERT ON audit.entry FOR EACH ROW EXECUTE FUNCTION audit.chain();
DROP TRIGGER IF EXISTS entry_append_only ON audit.entry;
CREATE TRIGGER entry_append_only BEFORE UPDATE OR DELETE ON audit.entry FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();
DROP TRIGGER IF EXISTS entry_no_truncate ON audit.entry;
CREATE TRIGGER entry_no_truncate BEFORE TRUNCATE ON audit.entry FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();

-- The first broken link (NULL when the chain is intact).
CREATE OR REPLACE FUNCTION audit.verify() RETURNS TABLE (seq bigint, problem text)
LANGUAGE plpgsql STABLE AS $$
DECLARE r audit.entry; prev bytea := '\\x00'::bytea; expected_seq bigint := NULL;
BEGIN
  FOR r IN SELECT * FROM audit.entry ORDER BY entry.seq LOOP
    IF r.prev_hash <> prev THEN
      seq := r.seq; problem := 'prev_hash does not match the previous entry (an entry was removed or reordered)'; RETURN NEXT; RETURN;
    END IF;
    IF r.hash <> audit.digest(prev, r) THEN
      seq := r.seq; problem := 'hash does not match the entry (the entry was altered)'; RETURN NEXT; RETURN;
    END IF;
    prev := r.hash;
  END LOOP;
  RETURN;
END $$;
`;

export async function applyAuditSchema(client: Client, roles: string[]): Promise<void> {
  await client.query(AUDIT_SQL);
  for (const role of roles) {
    await client.query(`GRANT USAGE ON SCHEMA audit TO "${role}"`);
    await client.query(`GRANT SELECT, INSERT ON audit.entry TO "${role}"`);
    await client.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit.entry FROM "${role}"`);
  }
}
