import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Client } from 'pg';
import { clock, runAsSystem } from '@mamis/platform';
import { NotificationRepository } from '@mamis/consent/src/repositories/notification.repository';
import { buildAssociation } from '../../test/support/builders';
import { createTestDatabase, type TestDatabase } from '../../test/support/database';
import { openLegacyDataSources, renderReport } from './cli';
import { legacyUuid } from './legacy-format';
import { generateLegacyExport, type GeneratedExport } from './legacy-generate';
import { importLegacyExport, LEGACY_ACTOR } from './legacy-import';
import { expectMemberOrderMaintained } from '../../services/membership/test/support/member-order';
import { expectJmaCertificateCountsMaintained } from '../../services/training/test/support/jma-certificate-counts';
import { expectJmaCreditCountsMaintained } from '../../services/training/test/support/jma-credit-counts';

const TABLES = [
  'membership.person',
  'membership.membership',
  'membership.membership_event',
  'training.credit_entry',
  'training.certificate',
  'insurance_pension.insurance_enrolment',
  'insurance_pension.pension_enrolment',
  'consent.notification',
  'consent.notification_delivery',
  'audit.entry',
];

/** Terms art. 13: a previous-system export of 1,000 persons with deliberate errors, end to end. */
describe('legacy import (real PostgreSQL)', () => {
  let db: TestDatabase;
  let admin: Client;
  let ds: Awaited<ReturnType<typeof openLegacyDataSources>>;
  let dir: string;
  let generated: GeneratedExport;

  const snapshot = async () => {
    const out: Record<string, number> = {};
    for (const t of TABLES)
      out[t] = (await admin.query(`SELECT count(*)::int AS n FROM ${t}`)).rows[0].n as number;
    return out;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await db.admin();
    const jma = await buildAssociation(admin, { code: 'JMA', tier: 'NATIONAL', prefecture_code: null });
    const pref = await buildAssociation(admin, { code: 'P13', tier: 'PREFECTURAL', parent_id: jma.id });
    await buildAssociation(admin, { code: 'M13005', name: '文京区医師会', parent_id: pref.id });
    ds = await openLegacyDataSources((schema) => db.urlFor(schema));
    dir = mkdtempSync(path.join(tmpdir(), 'mamis-legacy-'));
    generated = generateLegacyExport(dir, {
      persons: 1000,
      seed: 7,
      errorEvery: 50,
      associationCodes: ['M13005', 'P13', 'JMA'],
    });
  });

  afterAll(async () => {
    await ds?.close();
    await admin?.end();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const key = (r: { file: string; legacyId: string | null; code: string }) =>
    `${r.file}|${r.legacyId}|${r.code}`;

  it('dry run: reports every deliberate error with its code and line, and writes nothing', async () => {
    expect(generated.expected.length).toBeGreaterThan(20);
    const before = await snapshot();
    const lines: string[] = [];
    const report = await importLegacyExport(dir, ds, { dryRun: true, progress: (l) => lines.push(l) });
    expect(report.rejections.map(key).sort()).toEqual(generated.expected.map(key).sort());
    for (const r of report.rejections) {
      expect(r.line).toBeGreaterThan(0);
      expect(r.messageJa).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(r.messageEn).toMatch(/[a-z]/);
    }
    expect(report.counts.persons.read).toBe(1000);
    expect(report.counts.persons.rejected).toBe(1000 - generated.validPersons.length);
    expect(lines.some((l) => l.startsWith('validated:'))).toBe(true);
    const text = renderReport(report).join('\n');
    expect(text).toContain('DUPLICATE_REGISTRY_NUMBER');
    expect(text).toContain('INVALID_HISTORY');
    expect(await snapshot()).toEqual(before);
  });

  it('imports, and a second run changes nothing', async () => {
    const lines: string[] = [];
    const first = await importLegacyExport(dir, ds, {
      dryRun: false,
      batchSize: 250,
      progress: (l) => lines.push(l),
    });
    expect(lines.filter((l) => l.startsWith('imported '))).toHaveLength(4);
    expect(first.counts.persons.created).toBe(generated.validPersons.length);
    expect(first.counts.membershipEvents.created).toBeGreaterThan(generated.validPersons.length);
    expect(first.counts.credits.created).toBeGreaterThan(0);
    expect(first.counts.certificates.created).toBeGreaterThan(0);
    expect(first.counts.insurance.created).toBeGreaterThan(0);
    expect(first.counts.pension.created).toBeGreaterThan(0);
    expect(first.notified).toBe(generated.validPersons.length);
    expect(first.rejections.map(key).sort()).toEqual(generated.expected.map(key).sort());

    const after = await snapshot();
    expect(after['membership.person']).toBe(generated.validPersons.length);
    // current memberships are derived from the history; the import is recorded as the system actor
    const recordedBy = await admin.query(`SELECT DISTINCT recorded_by FROM membership.membership_event`);
    expect(recordedBy.rows).toEqual([{ recorded_by: LEGACY_ACTOR }]);
    const audited = await admin.query(
      `SELECT count(DISTINCT p)::int AS n FROM audit.entry, unnest(person_ids) p
       WHERE actor = $1 AND operation = 'legacyImport' AND action = 'WRITE' AND 'IDENTITY' = ANY(groups)`,
      [LEGACY_ACTOR],
    );
    expect(audited.rows[0].n).toBe(generated.validPersons.length);

    // the memberships are what the history leaves behind (as appending the events one by one would)
    const derived = await admin.query(
      `WITH last AS (
         SELECT DISTINCT ON (person_id, association_id) person_id, association_id, kind, category
         FROM membership.membership_event ORDER BY person_id, association_id, seq DESC)
       SELECT count(*)::int AS n FROM last l
       LEFT JOIN membership.membership m ON m.person_id = l.person_id AND m.association_id = l.association_id
            AND m.status = 'ACTIVE'
       WHERE (l.kind IN ('JOIN', 'TRANSFER_IN', 'CATEGORY_CHANGE')) <> (m.id IS NOT NULL)
          OR (m.id IS NOT NULL AND m.category <> l.category)`,
    );
    expect(derived.rows[0].n).toBe(0);
    // the maintained member counts, statistics and flow equal their recount after the import
    await expectMemberOrderMaintained(admin);
    // the JMA's certificate counts followed the imported certificates and JMA memberships
    expect((await expectJmaCertificateCountsMaintained(admin)).every((n) => n > 0)).toBe(true);
    // and its credit counts the imported credit entries, attendance and memberships
    expect((await expectJmaCreditCountsMaintained(admin)).every((n) => n > 0)).toBe(true);

    const second = await importLegacyExport(dir, ds, { dryRun: false });
    expect(second.notified).toBe(0);
    for (const c of Object.values(second.counts)) expect(c.created).toBe(0);
    expect(second.counts.persons.unchanged).toBe(generated.validPersons.length);
    expect(await snapshot()).toEqual(after);
  });

  it('an export that has grown adds only the new rows (a leave appended to an imported history)', async () => {
    const legacyId = generated.validPersons[1]!;
    const personId = legacyUuid('persons', legacyId);
    const [active] = (
      await admin.query(
        `SELECT a.code, m.joined_on::text AS joined FROM membership.membership m
         JOIN membership.association a ON a.id = m.association_id
         WHERE m.person_id = $1 AND m.status = 'ACTIVE' ORDER BY a.code LIMIT 1`,
        [personId],
      )
    ).rows as { code: string; joined: string }[];
    appendFileSync(
      path.join(dir, 'membership-events.jsonl'),
      `${JSON.stringify({ legacyId: `${legacyId}-LEAVE`, personLegacyId: legacyId, associationCode: active!.code, kind: 'LEAVE', effectiveOn: clock.today() })}\n`,
    );
    const before = await snapshot();
    const grown = await importLegacyExport(dir, ds, { dryRun: false });
    expect(grown.counts.membershipEvents.created).toBe(1);
    expect(grown.counts.persons.created).toBe(0);
    expect(grown.notified).toBe(0);
    const after = await snapshot();
    expect(after['membership.membership_event']).toBe(before['membership.membership_event']! + 1);
    const left = await admin.query(
      `SELECT m.status, m.left_on::text AS left_on FROM membership.membership m
       JOIN membership.association a ON a.id = m.association_id WHERE m.person_id = $1 AND a.code = $2`,
      [personId, active!.code],
    );
    expect(left.rows).toEqual([{ status: 'LEFT', left_on: clock.today() }]);
    await expectMemberOrderMaintained(admin);
  });

  it('each imported person has the art. 13.1 notice (My Page) with an e-mail queued to the legacy address', async () => {
    const ids = generated.validPersons.map((l) => legacyUuid('persons', l));
    const rows = await runAsSystem(() => new NotificationRepository(ds.consent).byPersonIds(ids));
    const migration = rows.filter((r) => r.kind === 'DATA_MIGRATION');
    expect(new Set(migration.map((r) => r.personId)).size).toBe(ids.length);
    expect(migration.every((r) => r.emailStatus === 'PENDING' && r.bodyJa.includes('利用規約第13条'))).toBe(
      true,
    );
    // the e-mail goes to the contact address the previous system held
    const one = generated.validPersons[0]!;
    const person = await admin.query(`SELECT email FROM membership.person WHERE id = $1`, [
      legacyUuid('persons', one),
    ]);
    expect(person.rows[0].email).toBe(`legacy${Number(one.slice(1))}@example.jp`);
    // rejected persons are neither imported nor told
    const rejected = await admin.query(
      `SELECT count(*)::int AS n FROM consent.notification WHERE kind = 'DATA_MIGRATION' AND NOT (person_id = ANY($1::uuid[]))`,
      [ids],
    );
    expect(rejected.rows[0].n).toBe(0);
  });
});
