import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The person-keyed tables at this version: [schema, table, person column]. */
const PERSON_KEYED: [string, string, string][] = [
  ['consent', 'notification', 'person_id'],
  ['consent', 'notification_delivery', 'person_id'],
  ['consent', 'privacy_export', 'person_id'],
  ['consent', 'privacy_request', 'person_id'],
  ['consent', 'privacy_request_event', 'person_id'],
  ['consent', 'provision_record_person', 'person_id'],
  ['consent', 'survey_answer', 'person_id'],
  ['consent', 'survey_recipient', 'person_id'],
  ['consent', 'terms_acceptance', 'person_id'],
  ['insurance_pension', 'insurance_enrolment', 'person_id'],
  ['insurance_pension', 'insurance_status_change', 'person_id'],
  ['insurance_pension', 'pension_change', 'person_id'],
  ['insurance_pension', 'pension_enrolment', 'person_id'],
  ['membership', 'dues_invoice', 'person_id'],
  ['membership', 'dues_payment', 'person_id'],
  ['membership', 'membership', 'person_id'],
  ['membership', 'membership_application', 'person_id'],
  ['membership', 'membership_event', 'person_id'],
  ['membership', 'person', 'id'],
  ['membership', 'provision_record_person', 'person_id'],
  ['training', 'attendance', 'person_id'],
  ['training', 'certificate', 'person_id'],
  ['training', 'certification_application', 'person_id'],
  ['training', 'certification_step', 'person_id'],
  ['training', 'credit_entry', 'person_id'],
  ['training', 'notification_outbox', 'person_id'],
];

const FUNCTIONS_SQL = `
DROP FUNCTION IF EXISTS access.may_see(uuid) CASCADE;
CREATE OR REPLACE FUNCTION access.viewer_set() RETURNS boolean
  LANGUAGE sql STABLE AS $$ SELECT coalesce(current_setting('mamis.viewer_kind', true), '') <> '' $$;
`;

/** The read predicate on a (table-qualified) person column, as generated at this version. */
const visible = (column: string) => `(
  (SELECT coalesce(current_setting('mamis.viewer_kind', true), '')) = 'SYSTEM'
  OR ((SELECT coalesce(current_setting('mamis.viewer_kind', true), '')) <> '' AND (
       (SELECT coalesce(current_setting('mamis.write', true), '')) = 'on'
    OR ${column} = (SELECT nullif(current_setting('mamis.viewer_person', true), '')::uuid)
    OR EXISTS (SELECT 1 FROM access.related_person_v1 v
               WHERE v.person_id = ${column}
                 AND v.association_id = (SELECT nullif(current_setting('mamis.viewer_association', true), '')::uuid) OFFSET 0)
    OR ((SELECT coalesce(current_setting('mamis.viewer_national', true), '')) = 'on'
        AND EXISTS (SELECT 1 FROM access.jma_training_v1 x
                    WHERE x.person_id = ${column} AND true OFFSET 0))
    OR ((SELECT coalesce(current_setting('mamis.viewer_societies', true), '')) <> ''
        AND EXISTS (SELECT 1 FROM access.attendance_v1 x
                    WHERE x.person_id = ${column} AND x.cohost_society_id = ANY (string_to_array((SELECT coalesce(current_setting('mamis.viewer_societies', true), '')), ',')) OFFSET 0))
  )))`;

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * Row-level security on every person-keyed table of the subgraphs' schemas at this version: ENABLE
 * and FORCE, and the four policies with the read predicate generated from RELATION_FACTS (the
 * design: infra/db/row-security.ts, the definition this is a snapshot of). A later person-keyed
 * table gets its policies from a later platform migration (`npm run migration:check` fails until
 * then; `npm run migration:generate -- platform <Name>` writes it).
 *
 * Baseline of the platform stream: until this stream existed, bootstrap re-applied these
 * objects on every start, so a database made then (a developer's `.data/`) already holds them.
 * Every statement is idempotent (CREATE … IF NOT EXISTS, CREATE OR REPLACE, DROP … IF EXISTS before
 * CREATE), so on such a database this migration changes nothing and is merely recorded.
 */
export class RowSecurity1796650000003 implements MigrationInterface {
  name = 'RowSecurity1796650000003';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(FUNCTIONS_SQL);
    for (const [schema, table, column] of PERSON_KEYED) {
      const t = `${q(schema)}.${q(table)}`;
      await queryRunner.query(`ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE ${t} FORCE ROW LEVEL SECURITY`);
      for (const name of ['mamis_read', 'mamis_insert', 'mamis_update', 'mamis_delete'])
        await queryRunner.query(`DROP POLICY IF EXISTS ${name} ON ${t}`);
      const v = visible(`${q(table)}.${q(column)}`);
      await queryRunner.query(`CREATE POLICY mamis_read ON ${t} FOR SELECT USING (${v})`);
      await queryRunner.query(
        `CREATE POLICY mamis_insert ON ${t} FOR INSERT WITH CHECK (access.viewer_set())`,
      );
      await queryRunner.query(
        `CREATE POLICY mamis_update ON ${t} FOR UPDATE USING (${v}) WITH CHECK (access.viewer_set())`,
      );
      await queryRunner.query(`CREATE POLICY mamis_delete ON ${t} FOR DELETE USING (${v})`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [schema, table] of PERSON_KEYED) {
      const t = `${q(schema)}.${q(table)}`;
      for (const name of ['mamis_read', 'mamis_insert', 'mamis_update', 'mamis_delete'])
        await queryRunner.query(`DROP POLICY IF EXISTS ${name} ON ${t}`);
      await queryRunner.query(`ALTER TABLE ${t} NO FORCE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE ${t} DISABLE ROW LEVEL SECURITY`);
    }
    await queryRunner.query('DROP FUNCTION IF EXISTS access.viewer_set()');
  }
}
