import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Client } from 'pg';
import { addDays, clock, writeAuditBatch, type Viewer } from '@mamis/platform';
import {
  buildAssociation,
  buildAttendance,
  buildInsuranceEnrolment,
  buildMembership,
  buildPerson,
  buildTermsAcceptance,
  buildTermsVersion,
  buildTrainingSession,
  type PersonRow,
} from '../../../test/support/builders';

export const rowsOf = (c: Client) => ({
  query: (sql: string, params?: unknown[]) => c.query(sql, params).then((r) => r.rows),
});

let n = 0;

/** A privacy request row arranged directly (status as the test needs). */
export async function buildPrivacyRequest(
  c: Client,
  o: { person_id: string; kind: string; status?: string; routed?: string[]; details?: string | null },
) {
  const id = randomUUID();
  // filed on the services' clock (the admin commands complete it on the same clock)
  const now = clock.now();
  await c.query(
    `INSERT INTO consent.privacy_request (id, person_id, kind, status, details, routed_association_ids, filed_at, filed_by, due_on)
     VALUES ($1, $2, $3, $4, $5, $6::uuid[], $8, $7, $9::date)`,
    [
      id,
      o.person_id,
      o.kind,
      o.status ?? 'APPROVED',
      o.details ?? null,
      o.routed ?? [],
      `acct-${o.person_id}`,
      now,
      addDays(clock.today(), 14),
    ],
  );
  await c.query(
    `INSERT INTO consent.privacy_request_event (id, request_id, person_id, status, at, actor, note)
     VALUES (gen_random_uuid(), $1, $2, 'RECEIVED', $4, $3, NULL)`,
    [id, o.person_id, `acct-${o.person_id}`, now],
  );
  return id;
}

export interface World {
  jma: string;
  pref: string;
  muni: string;
  a: PersonRow;
  b: PersonRow;
  /** ids the test arranged for A, per table (the ground truth of the disclosure). */
  truth: Record<string, string[]>;
  /** A mailing export covering A and B (when membership.provision_record exists), or null. */
  provisionId: string | null;
  /** ids arranged for B (must never appear in A's disclosure). */
  other: Record<string, string[]>;
  accountA: string;
  staff: Viewer;
}

/**
 * Two physicians with rows in every subgraph: A (member at JMA, prefecture and municipality;
 * trainee; insured; accepted the terms; has a login account) and B (municipal member, also
 * trainee, insured, accepted). Audit entries: one batch naming both, one export of A only.
 */
export async function arrangeWorld(c: Client): Promise<World> {
  n++;
  const jma = (await buildAssociation(c, { code: `JMA${n}`, tier: 'NATIONAL', prefecture_code: null })).id;
  const pref = (await buildAssociation(c, { code: `P${n}`, tier: 'PREFECTURAL', parent_id: jma })).id;
  const muni = (await buildAssociation(c, { code: `M${n}`, tier: 'MUNICIPAL', parent_id: pref })).id;
  const a = await buildPerson(c, {
    family_name: '消去',
    given_name: `花子${n}`,
    family_name_kana: 'ショウキョ',
    given_name_kana: `ハナコ${n}`,
    email: `hanako${n}@erase.example.jp`,
    phone: `090-0000-00${String(n).padStart(2, '0')}`,
    address: `東京都文京区本駒込${n}-28-16`,
    registry_number: `77${String(n).padStart(4, '0')}1`,
  });
  const b = await buildPerson(c, {
    family_name: '保持',
    given_name: `次郎${n}`,
    email: `jiro${n}@keep.example.jp`,
    registry_number: `88${String(n).padStart(4, '0')}2`,
  });
  const mA = [
    await buildMembership(c, { person_id: a.id, association_id: jma }),
    await buildMembership(c, { person_id: a.id, association_id: pref }),
    await buildMembership(c, { person_id: a.id, association_id: muni, category: 'B' }),
  ];
  const mB = await buildMembership(c, { person_id: b.id, association_id: muni });
  const session = await buildTrainingSession(c, { host_association_id: muni });
  const attA = await buildAttendance(c, { session_id: session.id, person_id: a.id });
  const attB = await buildAttendance(c, { session_id: session.id, person_id: b.id });
  const insA = await buildInsuranceEnrolment(c, { person_id: a.id });
  const insB = await buildInsuranceEnrolment(c, { person_id: b.id });
  const tv = await buildTermsVersion(c, { version: `9.${n}` });
  const accA = await buildTermsAcceptance(c, { person_id: a.id, terms_version_id: tv.id });
  const accB = await buildTermsAcceptance(c, { person_id: b.id, terms_version_id: tv.id });
  const accountA = randomUUID();
  await c.query(
    `INSERT INTO identity.account (id, username, kind, person_id, display_name, email, password_hash)
     VALUES ($1, $2, 'PHYSICIAN', $3, $4, $5, 'argon2id$secret')`,
    [accountA, `hanako${n}`, a.id, `${a.family_name} ${a.given_name}`, a.email],
  );
  const staff: Viewer = {
    kind: 'STAFF',
    sub: `staff-${n}`,
    associationId: muni,
    associationTier: 'MUNICIPAL',
    role: 'CLERK',
    scopes: [],
  };
  await writeAuditBatch(rowsOf(c), { requestId: `r-both-${n}`, service: 'membership', viewer: staff }, [
    { personId: a.id, group: 'CONTACT', relations: ['MEMBER'] },
    { personId: b.id, group: 'CONTACT', relations: ['MEMBER'] },
  ]);
  await writeAuditBatch(rowsOf(c), { requestId: `r-export-${n}`, service: 'membership', viewer: staff }, [
    { personId: a.id, group: 'CONTACT', relations: [], action: 'EXPORT' },
  ]);
  let provisionId: string | null = null;
  const hasProvision = await c.query(
    `SELECT to_regclass('membership.provision_record_person') IS NOT NULL AS ok`,
  );
  if (hasProvision.rows[0].ok) {
    provisionId = randomUUID();
    await c.query(
      `INSERT INTO membership.provision_record (id, association_id, actor, recipient, purpose, items, format, row_count)
       VALUES ($1, $2, $3, '株式会社テスト印刷', '会報の発送', 'postalCode,address,name', 'CSV_UTF8_BOM', 2)`,
      [provisionId, muni, staff.sub],
    );
    await c.query(
      `INSERT INTO membership.provision_record_person (provision_record_id, person_id, association_id)
       VALUES ($1, $2, $4), ($1, $3, $4)`,
      [provisionId, a.id, b.id, muni],
    );
  }
  return {
    jma,
    pref,
    muni,
    a,
    b,
    accountA,
    provisionId,
    staff,
    truth: {
      'membership.person': [a.id],
      'membership.membership': mA.map((m) => m.id),
      'training.attendance': [attA.id],
      'insurance_pension.insurance_enrolment': [insA.id],
      'consent.terms_acceptance': [accA.id],
    },
    other: {
      'membership.person': [b.id],
      'membership.membership': [mB.id],
      'training.attendance': [attB.id],
      'insurance_pension.insurance_enrolment': [insB.id],
      'consent.terms_acceptance': [accB.id],
    },
  };
}

/** Every text value and uuid in the service schemas and the audit, as one searchable dump. */
export async function dumpDatabase(c: Client): Promise<string> {
  const { rows: tables } = await c.query<{ s: string; t: string }>(
    `SELECT table_schema AS s, table_name AS t FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema IN ('membership','training','insurance_pension','consent','identity','audit')
       AND table_name <> 'typeorm_migrations'`,
  );
  const parts: string[] = [];
  for (const { s, t } of tables) {
    const { rows } = await c.query(`SELECT to_jsonb(x)::text AS j FROM "${s}"."${t}" x`);
    for (const r of rows) parts.push(`${s}.${t} ${r.j as string}`);
  }
  return parts.join('\n');
}

/**
 * `npm run audit:verify`'s script on the database of `adminUrl`, with a checkpoint file of its own
 * (empty: other suites sign heads of their own databases, and it checks only this one); its output.
 */
export async function runAuditVerify(adminUrl: string): Promise<string> {
  const checkpointFile = path.join(
    mkdtempSync(path.join(tmpdir(), 'mamis-privacy-checkpoints-')),
    'audit-checkpoints.jsonl',
  );
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'infra/db/audit-verify.ts'],
    {
      cwd: path.resolve(__dirname, '../../..'),
      env: { ...process.env, DATABASE_URL: adminUrl, AUDIT_CHECKPOINT_FILE: checkpointFile },
    },
  );
  return stdout;
}
