import type { Client } from 'pg';

/**
 * The `audit` schema: one append-only, hash-chained table shared by every service.
 * - Service roles may INSERT and SELECT; nobody may UPDATE or DELETE (no grant, and a trigger
 *   refuses it even for the owner).
 * - The chain: a BEFORE INSERT trigger serialises appends (transaction advisory lock), takes the
 *   sequence number under that lock, and sets hash = sha256(prev_hash || canonical row).
 *   `audit.verify()` walks the chain and returns the first broken link.
 *
 * Erasure (APPI art. 35, terms art. 8.2) versus an unalterable log: the chain must stay verifiable
 * after a person's ids in old entries are replaced by a pseudonym. So (entry format 2) the chained
 * hash does NOT cover `person_ids` itself but a per-person commitment: for position i the trigger
 * draws a random salt s_i (`person_salts[i]`, 16 bytes) and stores d_i = sha256(s_i || id_i)
 * (`person_digests[i]`); the hash covers the digests. `audit.verify()` checks, besides the chain,
 * that every id whose salt is still present matches its digest — so an altered id is detected.
 * Pseudonymising (`audit.pseudonymise(old, new)`, owner only, used by `npm run privacy:erase`)
 * replaces the id by the pseudonym AND destroys its salt; the digest stays in the chain, but
 * without the salt it can no longer be linked to the erased id (a salted hash is hiding), and
 * verification skips exactly those positions. The append-only trigger admits that one change
 * and nothing else (every other column equal, digests equal, a salt can only go from present to
 * empty, never back), and only inside `audit.pseudonymise`.
 * Format-1 entries (written before this change, hash over the raw ids) still verify as before;
 * they cannot be pseudonymised (pseudonymise refuses), which only concerns development databases
 * created before format 2.
 *
 * The CURRENT definition (platform-definition.ts); the database gets it from the platform
 * migrations (infra/db/platform-migrations). A change here needs the next platform migration
 * (`npm run migration:check` fails until then; write the migration by hand for table changes).
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
ALTER TABLE audit.entry ADD COLUMN IF NOT EXISTS format smallint NOT NULL DEFAULT 1;
ALTER TABLE audit.entry ADD COLUMN IF NOT EXISTS person_salts bytea[] NOT NULL DEFAULT '{}';
ALTER TABLE audit.entry ADD COLUMN IF NOT EXISTS person_digests bytea[] NOT NULL DEFAULT '{}';
CREATE INDEX IF NOT EXISTS entry_person_ids_idx ON audit.entry USING gin (person_ids);
-- Each append pays its own small index insert. With GIN's pending list (fastupdate, the default)
-- one append in thousands pays the merge of the whole list, holding the chain's lock while every
-- other request's append waits: a latency spike for all (W1/W3 p99).
ALTER INDEX audit.entry_person_ids_idx SET (fastupdate = off);
SELECT gin_clean_pending_list('audit.entry_person_ids_idx'::regclass);
CREATE INDEX IF NOT EXISTS entry_at_idx ON audit.entry (at);

CREATE OR REPLACE FUNCTION audit.digest(prev bytea, e audit.entry) RETURNS bytea
LANGUAGE sql IMMUTABLE AS $$
  SELECT sha256(prev || convert_to(concat_ws(E'\\x1f',
    e.seq::text, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), e.request_id, e.service,
    coalesce(e.operation, ''), coalesce(e.actor, ''), coalesce(e.on_behalf_of, ''), e.viewer_kind,
    coalesce(e.viewer_association::text, ''), array_to_string(e.relations, ','),
    CASE WHEN e.format >= 2
      THEN coalesce((SELECT string_agg(encode(d, 'hex'), ',' ORDER BY o) FROM unnest(e.person_digests) WITH ORDINALITY AS x(d, o)), '')
      ELSE array_to_string(e.person_ids, ',') END,
    array_to_string(e.groups, ','), e.action), 'UTF8'))
$$;

-- The per-person commitments of an entry (format 2): d_i = sha256(salt_i || id_i).
CREATE OR REPLACE FUNCTION audit.person_digest(salt bytea, id uuid) RETURNS bytea
LANGUAGE sql IMMUTABLE AS $$ SELECT sha256(salt || uuid_send(id)) $$;

CREATE OR REPLACE FUNCTION audit.chain() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = audit, pg_catalog AS $$
DECLARE prev bytea;
BEGIN
  PERFORM pg_advisory_xact_lock(727002);
  NEW.seq := nextval('audit.entry_seq');
  NEW.at := clock_timestamp();
  SELECT e.hash INTO prev FROM audit.entry e ORDER BY e.seq DESC LIMIT 1;
  NEW.prev_hash := coalesce(prev, '\\x00'::bytea);
  NEW.format := 2;
  NEW.person_salts := ARRAY(SELECT uuid_send(gen_random_uuid()) FROM unnest(NEW.person_ids));
  NEW.person_digests := ARRAY(
    SELECT audit.person_digest(s, i) FROM unnest(NEW.person_ids, NEW.person_salts) WITH ORDINALITY AS x(i, s, o) ORDER BY o);
  NEW.hash := audit.digest(NEW.prev_hash, NEW);
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION audit.refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit entries are append-only' USING ERRCODE = 'insufficient_privilege';
END $$;

-- audit.entry's UPDATE/DELETE guard: refuses everything but the one admitted change,
-- pseudonymisation (see above), and that only from audit.pseudonymise().
CREATE OR REPLACE FUNCTION audit.entry_change_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' OR coalesce(current_setting('mamis.audit_pseudonymise', true), '') <> 'on' THEN
    RAISE EXCEPTION 'audit entries are append-only' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.format >= 2
     AND (to_jsonb(NEW) - 'person_ids' - 'person_salts') = (to_jsonb(OLD) - 'person_ids' - 'person_salts')
     AND cardinality(NEW.person_ids) = cardinality(OLD.person_ids)
     AND cardinality(NEW.person_salts) = cardinality(OLD.person_salts)
     AND NOT EXISTS (
       SELECT 1 FROM unnest(OLD.person_ids, NEW.person_ids, OLD.person_salts, NEW.person_salts)
                     AS x(old_id, new_id, old_salt, new_salt)
       WHERE (new_id IS DISTINCT FROM old_id OR new_salt IS DISTINCT FROM old_salt)
         AND NOT (length(old_salt) > 0 AND length(new_salt) = 0))
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit entries are append-only' USING ERRCODE = 'insufficient_privilege';
END $$;

-- Replace a person's id by a pseudonym in every entry naming it and destroy the salts of those
-- positions (irreversible). Owner only (service roles have no UPDATE). Returns the entries changed.
CREATE OR REPLACE FUNCTION audit.pseudonymise(old_id uuid, pseudonym uuid) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE n integer;
BEGIN
  IF EXISTS (SELECT 1 FROM audit.entry e WHERE e.person_ids @> ARRAY[old_id] AND e.format < 2) THEN
    RAISE EXCEPTION 'audit entries of format 1 name this person; they cannot be pseudonymised';
  END IF;
  PERFORM set_config('mamis.audit_pseudonymise', 'on', true);
  UPDATE audit.entry e
     SET person_ids = ARRAY(SELECT CASE WHEN i = old_id THEN pseudonym ELSE i END
                            FROM unnest(e.person_ids) WITH ORDINALITY AS x(i, o) ORDER BY o),
         person_salts = ARRAY(SELECT CASE WHEN i = old_id THEN '\\x'::bytea ELSE s END
                              FROM unnest(e.person_ids, e.person_salts) WITH ORDINALITY AS x(i, s, o) ORDER BY o)
   WHERE e.person_ids @> ARRAY[old_id];
  GET DIAGNOSTICS n = ROW_COUNT;
  PERFORM set_config('mamis.audit_pseudonymise', '', true);
  RETURN n;
END $$;
REVOKE ALL ON FUNCTION audit.pseudonymise(uuid, uuid) FROM PUBLIC;

DROP TRIGGER IF EXISTS entry_chain ON audit.entry;
CREATE TRIGGER entry_chain BEFORE INSERT ON audit.entry FOR EACH ROW EXECUTE FUNCTION audit.chain();
DROP TRIGGER IF EXISTS entry_append_only ON audit.entry;
CREATE TRIGGER entry_append_only BEFORE UPDATE OR DELETE ON audit.entry FOR EACH ROW EXECUTE FUNCTION audit.entry_change_guard();
DROP TRIGGER IF EXISTS entry_no_truncate ON audit.entry;
CREATE TRIGGER entry_no_truncate BEFORE TRUNCATE ON audit.entry FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();

-- The database's copy of the signed checkpoints (services/platform/src/audit-checkpoint.ts). The
-- witness is the checkpoint file outside the database; this copy only lets the services name, in a
-- physician's access log, the checkpoint that covers each entry (with its signature, so a reader
-- can verify it). \`npm run audit:verify\` compares the copy with the file. Append-only.
CREATE TABLE IF NOT EXISTS audit.checkpoint (
  id text PRIMARY KEY,
  v smallint NOT NULL,
  size bigint NOT NULL,
  head_seq bigint NOT NULL,
  head_hash text NOT NULL,
  signed_at text NOT NULL,
  key_id text NOT NULL,
  sig text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX IF NOT EXISTS checkpoint_head_seq_idx ON audit.checkpoint (head_seq);
DROP TRIGGER IF EXISTS checkpoint_no_change ON audit.checkpoint;
CREATE TRIGGER checkpoint_no_change BEFORE UPDATE OR DELETE ON audit.checkpoint
  FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();
DROP TRIGGER IF EXISTS checkpoint_no_truncate ON audit.checkpoint;
CREATE TRIGGER checkpoint_no_truncate BEFORE TRUNCATE ON audit.checkpoint
  FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();

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
    -- format 2: every id whose salt still exists must match its chained digest (pseudonymised
    -- positions have no salt and are skipped)
    IF r.format >= 2 AND (
         cardinality(r.person_ids) <> cardinality(r.person_digests)
         OR cardinality(r.person_ids) <> cardinality(r.person_salts)
         OR EXISTS (SELECT 1 FROM unnest(r.person_ids, r.person_salts, r.person_digests) AS x(i, s, d)
                    WHERE length(s) > 0 AND audit.person_digest(s, i) <> d)) THEN
      seq := r.seq; problem := 'a person id does not match its digest (the entry was altered)'; RETURN NEXT; RETURN;
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
    // services read the checkpoint copy (access log); only the checkpoint command (the owner) writes it
    await client.query(`GRANT SELECT ON audit.checkpoint TO "${role}"`);
    await client.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit.checkpoint FROM "${role}"`);
  }
}
