import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The service roles of this version (bootstrap creates them before any migration runs). */
const ROLES = [
  'mamis_membership',
  'mamis_training',
  'mamis_insurance_pension',
  'mamis_consent',
  'mamis_identity',
];

const ACCESS_VIEWS_SQL = `
CREATE SCHEMA IF NOT EXISTS access;
REVOKE ALL ON SCHEMA access FROM PUBLIC;

CREATE OR REPLACE VIEW access.membership_v1 AS
  SELECT person_id, association_id, status, joined_on, left_on
  FROM membership.membership;

CREATE OR REPLACE VIEW access.association_v1 AS
  SELECT id, code, tier, parent_id, name, prefecture_code
  FROM membership.association;

-- The membership event log (join, transfer out/in, leave, category change, death), append-only:
-- other services read it in seq order as an outbox (keep the last seq processed).
CREATE OR REPLACE VIEW access.membership_event_v1 AS
  SELECT e.seq, e.id, e.person_id, e.association_id, a.tier AS association_tier, e.kind, e.category,
         e.previous_category, e.effective_on, e.recorded_at
  FROM membership.membership_event e
  JOIN membership.association a ON a.id = e.association_id;

-- Membership applications: one row per (application, association of one of its steps); pending
-- while the application is open (the APPLICANT relation of the access policy).
CREATE OR REPLACE VIEW access.application_v1 AS
  SELECT ap.id AS application_id, ap.person_id, s.association_id, (ap.status = 'PENDING') AS pending
  FROM membership.membership_application ap
  JOIN membership.membership_application_step s ON s.application_id = ap.id;

-- JMA programs (the JMA issues their credits and certificates): everything but associations' own
-- (OWN and OWN_<association>_<name>: ownProgramSql).
CREATE OR REPLACE VIEW access.attendance_v1 AS
  SELECT a.person_id, s.host_association_id, s.program_code,
         (NOT (s.program_code = 'OWN' OR starts_with(s.program_code, 'OWN_'))) AS jma_program,
         s.cohost_society_id
  FROM training.attendance a
  JOIN training.training_session s ON s.id = a.session_id
  WHERE a.status <> 'CANCELLED';

-- Registry number (医籍登録番号) → person id, for the training service's attendance lists (CSV
-- of registry numbers, registration by host staff): no other personal data. An office's record that
-- awaits a match with the number's holder (registry_match_of) does not hold the number.
CREATE OR REPLACE VIEW access.person_registry_v1 AS
  SELECT id AS person_id, registry_number
  FROM membership.person
  WHERE registry_match_of IS NULL;

-- JMA membership rows (current and past) with the birth date, for insurance-pension's eligibility
-- rules (insurance: JMA category; pension: JMA member under 64y6m at enrolment): nothing else.
CREATE OR REPLACE VIEW access.jma_member_v1 AS
  SELECT m.person_id, m.category, m.status, m.joined_on, m.left_on, p.birth_date
  FROM membership.membership m
  JOIN membership.association a ON a.id = m.association_id AND a.tier = 'NATIONAL'
  JOIN membership.person p ON p.id = m.person_id;

-- Notices the training service schedules (certificate expiry reminders at 180/90/30 days) for the
-- consent service to deliver: every column of training.notification_outbox.
CREATE OR REPLACE VIEW access.notification_outbox_training_v1 AS
  SELECT id, person_id, certificate_id, kind, payload, due_on, created_at
  FROM training.notification_outbox;

-- Persons with training records in a JMA programme (the JMA issues their credits and
-- certificates): attendance, credit-ledger entries (e.g. carried over from the paper logbook) and
-- certificates — the TRAINING_ISSUER relation.
CREATE OR REPLACE VIEW access.jma_training_v1 AS
  SELECT person_id FROM access.attendance_v1 WHERE jma_program
  UNION ALL
  SELECT person_id FROM training.credit_entry WHERE NOT (program_code = 'OWN' OR starts_with(program_code, 'OWN_'))
  UNION ALL
  SELECT person_id FROM training.certificate WHERE NOT (program_code = 'OWN' OR starts_with(program_code, 'OWN_'));

-- Row-level security's one question (row-security.ts): which associations have ANY relation of
-- the access policy to a person — generated from the association facts of RELATION_FACTS
-- (membership, current or former; pending application; hosted training). Filtered by person first
-- (indexes on person_id in every branch).
CREATE OR REPLACE VIEW access.related_person_v1 AS
  SELECT x.person_id, x.association_id AS association_id FROM access.membership_v1 x
  UNION ALL
  SELECT x.person_id, x.association_id AS association_id FROM access.application_v1 x WHERE x.pending
  UNION ALL
  SELECT x.person_id, x.host_association_id AS association_id FROM access.attendance_v1 x;

-- Terms of use (consent is the system of record; identity reads these for its terms step and the
-- token's terms_version claim). An acceptance belongs to an account (the human who accepted).
CREATE OR REPLACE VIEW access.terms_version_v1 AS
  SELECT id, version, title_ja, title_en, body_ja, body_en, effective_from, requires_acceptance,
         created_at AS published_at
  FROM consent.terms_version;

CREATE OR REPLACE VIEW access.terms_acceptance_v1 AS
  SELECT a.account_id, a.person_id, v.version, v.effective_from, v.created_at AS version_published_at,
         a.accepted_at, a.method
  FROM consent.terms_acceptance a
  JOIN consent.terms_version v ON v.id = a.terms_version_id;

-- Notification e-mail (consent's dispatcher, terms art. 3.2): the address a person registered.
-- Contact data: answers the consent service's role only (current_user is the caller's role even
-- inside a view), every other role reads no row.
CREATE OR REPLACE VIEW access.person_email_v1 AS
  SELECT id AS person_id, email FROM membership.person
  WHERE email IS NOT NULL AND current_user = 'mamis_consent';

-- Who acted on a person's data, by name (the access log's actor, an application step's decider):
-- the display names of staff and assistant accounts as the identity service holds them, for the
-- membership service's role only (every other role reads no row). Physicians' accounts never show.
CREATE OR REPLACE VIEW access.account_name_v1 AS
  SELECT id::text AS account_id, display_name, kind, association_id FROM identity.account
  WHERE kind IN ('STAFF', 'ASSISTANT') AND current_user = 'mamis_membership';

-- The name printed on an attendance certificate (受講証明書, training's documents): the person's
-- registered name, for the training service's role only (every other role reads no row). Training
-- reads it for a document whose link a GraphQL field issued after the access decision.
CREATE OR REPLACE VIEW access.person_name_v1 AS
  SELECT id AS person_id, family_name, given_name FROM membership.person
  WHERE current_user = 'mamis_training';
`;

/**
 * The `access` schema: the read-only views over facts several services need (the design:
 * infra/db/access-views.ts, the definition this is a snapshot of; `access.related_person_v1` as
 * generated from RELATION_FACTS at this version).
 *
 * Baseline of the platform stream: until this stream existed, bootstrap re-applied these
 * objects on every start, so a database made then (a developer's `.data/`) already holds them.
 * Every statement is idempotent (CREATE … IF NOT EXISTS, CREATE OR REPLACE, DROP … IF EXISTS before
 * CREATE), so on such a database this migration changes nothing and is merely recorded.
 */
export class AccessViews1796650000002 implements MigrationInterface {
  name = 'AccessViews1796650000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(ACCESS_VIEWS_SQL);
    for (const role of ROLES) {
      await queryRunner.query(`GRANT USAGE ON SCHEMA access TO "${role}"`);
      await queryRunner.query(`GRANT SELECT ON ALL TABLES IN SCHEMA access TO "${role}"`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP SCHEMA access CASCADE');
  }
}
