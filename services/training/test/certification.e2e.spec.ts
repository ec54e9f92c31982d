import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { clock, runAsSystem } from '@mamis/platform';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { startStack, type Stack, type TestViewer } from '../../../test/support/stack';
import {
  buildAssociation,
  buildAttendance,
  buildMembership,
  buildPerson,
  buildTrainingSession,
} from '../../../test/support/builders';
import { addDays, addYears } from '../src/rules/progress';
import { CertificationRepository } from '../src/repositories/certification.repository';
import { expectJmaCertificateCountsMaintained } from './support/jma-certificate-counts';

/** A ledger line straight into the table (arranging data; the ledger's own rules are tested elsewhere). */
async function credit(
  c: Client,
  row: {
    person_id: string;
    program_code: string;
    code: string;
    units: number;
    earned_on: string;
    session_id?: string;
  },
) {
  await c.query(
    `INSERT INTO training.credit_entry (id, person_id, program_code, code, units, earned_on, source, session_id, evidence, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'test')`,
    [
      randomUUID(),
      row.person_id,
      row.program_code,
      row.code,
      row.units,
      row.earned_on,
      row.session_id ? 'SESSION' : 'MANUAL',
      row.session_id ?? null,
      row.session_id ? null : 'paper logbook',
    ],
  );
}

async function certificate(
  c: Client,
  row: { person_id: string; program_code: string; valid_from: string; valid_to: string; issuer: string },
) {
  const id = randomUUID();
  await c.query(
    `INSERT INTO training.certificate (id, number, person_id, program_code, valid_from, valid_to, holder_name,
       verification_code, issuer_association_id, issued_by)
     VALUES ($1, $2, $3, $4, $5, $6, '山田 太郎', $7, $8, 'test')`,
    [
      id,
      `T-${id.slice(0, 8)}`,
      row.person_id,
      row.program_code,
      row.valid_from,
      row.valid_to,
      id.slice(0, 14).toUpperCase(),
      row.issuer,
    ],
  );
  return id;
}

describe('certification through the gateway: progress, applications, certificates', () => {
  let db: TestDatabase;
  let stack: Stack;
  const ids = {} as Record<
    'jma' | 'tokyo' | 'osaka' | 'muni' | 'ownHost' | 'eligible' | 'short' | 'outsider',
    string
  >;
  let jmaAdmin: TestViewer;
  let jmaClerk: TestViewer;
  let tokyoClerk: TestViewer;
  let muniClerk: TestViewer;
  let ownHostClerk: TestViewer;
  /** Today of the services' clock (the run may be shifted); the credits were earned months ago. */
  const today = clock.today();
  const earned = {
    early: addDays(today, -210),
    practical: addDays(today, -180),
    late: addDays(today, -150),
    own: addDays(today, -120),
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const c = await db.admin();
    ids.jma = (await buildAssociation(c, { code: 'JMA', tier: 'NATIONAL', prefecture_code: null })).id;
    ids.tokyo = (await buildAssociation(c, { code: 'P13', tier: 'PREFECTURAL', parent_id: ids.jma })).id;
    ids.osaka = (await buildAssociation(c, { code: 'P27', tier: 'PREFECTURAL', parent_id: ids.jma })).id;
    ids.muni = (await buildAssociation(c, { code: 'M13001', parent_id: ids.tokyo })).id;
    ids.ownHost = (await buildAssociation(c, { code: 'M13002', parent_id: ids.tokyo })).id;
    const occSession = await buildTrainingSession(c, {
      host_association_id: ids.muni,
      program_code: 'OCCUPATIONAL',
    });
    const ownSession = await buildTrainingSession(c, {
      host_association_id: ids.ownHost,
      program_code: 'OWN',
    });
    for (const key of ['eligible', 'short', 'outsider'] as const) ids[key] = (await buildPerson(c)).id;
    for (const key of ['eligible', 'short'] as const) {
      await buildMembership(c, { person_id: ids[key], association_id: ids.muni });
      await buildMembership(c, { person_id: ids[key], association_id: ids.tokyo });
      await buildAttendance(c, { session_id: occSession.id, person_id: ids[key] });
    }
    // the outsider is a member in Osaka only, with an OCCUPATIONAL certificate expiring soon
    await buildMembership(c, { person_id: ids.outsider, association_id: ids.osaka });
    await buildAttendance(c, { session_id: ownSession.id, person_id: ids.eligible });
    const basic = async (person: string, early: number, practical: number, late: number) => {
      await credit(c, {
        person_id: person,
        program_code: 'OCCUPATIONAL',
        code: 'BASIC_EARLY',
        units: early,
        earned_on: earned.early,
        session_id: occSession.id,
      });
      await credit(c, {
        person_id: person,
        program_code: 'OCCUPATIONAL',
        code: 'BASIC_PRACTICAL',
        units: practical,
        earned_on: earned.practical,
      });
      await credit(c, {
        person_id: person,
        program_code: 'OCCUPATIONAL',
        code: 'BASIC_LATE',
        units: late,
        earned_on: earned.late,
      });
    };
    await basic(ids.eligible, 14, 10, 26);
    await basic(ids.short, 14, 9.5, 26);
    await credit(c, {
      person_id: ids.eligible,
      program_code: 'OWN',
      code: '地域医療',
      units: 2,
      earned_on: earned.own,
      session_id: ownSession.id,
    });
    stack = await startStack(db);
    jmaAdmin = { kind: 'STAFF', associationId: ids.jma, associationTier: 'NATIONAL', role: 'ADMIN' };
    jmaClerk = { kind: 'STAFF', associationId: ids.jma, associationTier: 'NATIONAL', role: 'CLERK' };
    tokyoClerk = { kind: 'STAFF', associationId: ids.tokyo, associationTier: 'PREFECTURAL', role: 'CLERK' };
    muniClerk = { kind: 'STAFF', associationId: ids.muni, associationTier: 'MUNICIPAL', role: 'CLERK' };
    ownHostClerk = { kind: 'STAFF', associationId: ids.ownHost, associationTier: 'MUNICIPAL', role: 'CLERK' };
  });

  afterAll(async () => {
    await stack?.close();
    await db?.drop();
  });

  const self = (personId: string): TestViewer => ({ kind: 'PHYSICIAN', personId });

  const SUMMARY = `query ($id: ID!, $program: String!) { person(id: $id) {
      trainingSummary(program: $program) { kind eligible units deadline rule { minTotal }
        requirements { key required achieved met missing } } } }`;

  it('shows the physician their progress: what is met, what is missing, by when', async () => {
    type R = {
      person: {
        trainingSummary: {
          eligible: boolean;
          units: number;
          deadline: string;
          requirements: { key: string; missing: number }[];
        };
      };
    };
    const ok = await stack.queryAs<R>(self(ids.eligible), SUMMARY, {
      id: ids.eligible,
      program: 'OCCUPATIONAL',
    });
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data!.person.trainingSummary).toMatchObject({
      kind: 'NEW',
      eligible: true,
      units: 50,
      // apply within 5 years of the last session
      deadline: addYears(earned.late, 5),
    });
    const short = await stack.queryAs<R>(self(ids.short), SUMMARY, {
      id: ids.short,
      program: 'OCCUPATIONAL',
    });
    const s = short.body.data!.person.trainingSummary;
    expect(s.eligible).toBe(false);
    expect(s.requirements.find((r) => r.key === 'CATEGORY:PRACTICAL')).toMatchObject({ missing: 0.5 });
  });

  it('answers the family-doctor renewal with its shipped rule (a fresh database, after the migrations)', async () => {
    const res = await stack.queryAs<{
      person: { trainingSummary: { kind: string; rule: { minTotal: number } | null } };
    }>(
      self(ids.eligible),
      `query ($id: ID!) { person(id: $id) {
        trainingSummary(program: "FAMILY_DOCTOR", kind: RENEWAL) { kind rule { minTotal } } } }`,
      { id: ids.eligible },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.person.trainingSummary).toEqual({ kind: 'RENEWAL', rule: { minTotal: 12 } });
  });

  it('narrows the ledger to the viewer scope: the own-program host sees only its session, no summary, no certificates', async () => {
    const res = await stack.queryAs<{
      person: {
        creditLedger: { programCode: string; units: number }[];
        trainingSummary: unknown;
        certificates: unknown[];
      } | null;
    }>(
      ownHostClerk,
      `query ($id: ID!) { person(id: $id) {
        creditLedger { programCode units } trainingSummary(program: "OCCUPATIONAL") { eligible } certificates { id } } }`,
      { id: ids.eligible },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.person).toEqual({
      creditLedger: [{ programCode: 'OWN', units: 2 }],
      trainingSummary: null,
      certificates: [],
    });
    // the member association sees the whole ledger
    const member = await stack.queryAs<{ person: { creditLedger: unknown[] } }>(
      tokyoClerk,
      `query ($id: ID!) { person(id: $id) { creditLedger { code } } }`,
      { id: ids.eligible },
    );
    expect(member.body.data!.person.creditLedger).toHaveLength(4);
    // the JMA (issuer of JMA programs, via the OCCUPATIONAL attendance) sees the JMA programs' entries only
    const jma = await stack.queryAs<{ person: { creditLedger: { programCode: string }[] } }>(
      jmaClerk,
      `query ($id: ID!) { person(id: $id) { creditLedger { programCode } } }`,
      { id: ids.eligible },
    );
    expect(jma.body.data!.person.creditLedger.map((e) => e.programCode)).toEqual([
      'OCCUPATIONAL',
      'OCCUPATIONAL',
      'OCCUPATIONAL',
    ]);
  });

  const FILE = `mutation ($input: FileCertificationApplicationInput!) { fileCertificationApplication(input: $input) {
      id status version kind prefecturalAssociation { id } } }`;
  const CHECK = `mutation ($input: DecideCertificationApplicationInput!) { checkCertificationApplication(input: $input) { id status version } }`;
  const APPROVE = `mutation ($input: DecideCertificationApplicationInput!) { approveCertificationApplication(input: $input) {
      id status version steps { step decision association { id } }
      certificate { number programCode validFrom validTo status holderName verificationCode } } }`;
  type App = { id: string; status: string; version: number };
  let verificationCode = '';
  let validTo = '';

  it('runs the chain: filed by the physician (idempotent), checked by the prefecture, approved by the JMA', async () => {
    const input = {
      personId: ids.eligible,
      programCode: 'OCCUPATIONAL',
      kind: 'NEW',
      holderName: '山田 太郎',
      idempotencyKey: 'occ-1',
    };
    const filed = await stack.queryAs<{
      fileCertificationApplication: App & { prefecturalAssociation: { id: string } };
    }>(self(ids.eligible), FILE, { input });
    expect(filed.body.errors).toBeUndefined();
    const app = filed.body.data!.fileCertificationApplication;
    expect(app).toMatchObject({ status: 'FILED', kind: 'NEW', prefecturalAssociation: { id: ids.tokyo } });
    // the same submission again: the same application, not a second one
    const again = await stack.queryAs<{ fileCertificationApplication: App }>(self(ids.eligible), FILE, {
      input,
    });
    expect(again.body.data!.fileCertificationApplication.id).toBe(app.id);
    // a different submission while one is in progress: CONFLICT
    const second = await stack.queryAs(self(ids.eligible), FILE, {
      input: { ...input, idempotencyKey: 'occ-2' },
    });
    expect(second.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });

    const toDecide = async (v: TestViewer, a: string) =>
      (
        await stack.queryAs<{ certificationApplicationsToDecide: { id: string; holderName: string }[] }>(
          v,
          `query ($a: ID!) { certificationApplicationsToDecide(associationId: $a) { id holderName } }`,
          { a },
        )
      ).body.data!.certificationApplicationsToDecide.map((x) => x.id);
    expect(await toDecide(tokyoClerk, ids.tokyo)).toEqual([app.id]);
    expect(await toDecide(jmaClerk, ids.jma)).toEqual([]);
    // the JMA cannot approve before the prefecture checked
    const early = await stack.queryAs(jmaClerk, APPROVE, {
      input: { id: app.id, version: app.version, approve: true },
    });
    expect(early.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });
    // only the person's prefectural association checks: the municipal association may not
    const wrong = await stack.queryAs(muniClerk, CHECK, {
      input: { id: app.id, version: app.version, approve: true },
    });
    expect(wrong.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const checked = await stack.queryAs<{ checkCertificationApplication: App }>(tokyoClerk, CHECK, {
      input: { id: app.id, version: app.version, approve: true, note: '書類確認済み' },
    });
    expect(checked.body.errors).toBeUndefined();
    expect(checked.body.data!.checkCertificationApplication.status).toBe('CHECKED');
    expect(await toDecide(tokyoClerk, ids.tokyo)).toEqual([]);
    expect(await toDecide(jmaClerk, ids.jma)).toEqual([app.id]);
    // a prefecture cannot approve
    const prefApprove = await stack.queryAs(tokyoClerk, APPROVE, {
      input: { id: app.id, version: checked.body.data!.checkCertificationApplication.version, approve: true },
    });
    expect(prefApprove.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });

    const approved = await stack.queryAs<{
      approveCertificationApplication: App & {
        steps: { step: string; decision: string; association: { id: string } | null }[];
        certificate: {
          number: string;
          validFrom: string;
          validTo: string;
          status: string;
          holderName: string;
          verificationCode: string;
        };
      };
    }>(jmaClerk, APPROVE, {
      input: { id: app.id, version: checked.body.data!.checkCertificationApplication.version, approve: true },
    });
    expect(approved.body.errors).toBeUndefined();
    const done = approved.body.data!.approveCertificationApplication;
    expect(done.status).toBe('APPROVED');
    expect(done.steps).toEqual([
      { step: 'FILE', decision: 'FILED', association: null },
      { step: 'CHECK', decision: 'PASSED', association: { id: ids.tokyo } },
      { step: 'APPROVE', decision: 'APPROVED', association: { id: ids.jma } },
    ]);
    expect(done.certificate).toMatchObject({
      programCode: 'OCCUPATIONAL',
      validFrom: today,
      validTo: addDays(addYears(today, 5), -1),
      status: 'VALID',
      holderName: '山田 太郎',
    });
    expect(done.certificate.number).toMatch(/^OCCUPATIONAL-\d{4}-/);
    verificationCode = done.certificate.verificationCode;
    validTo = done.certificate.validTo;
    // the JMA's certificate statistics followed the issue (in the approval's transaction)
    await expectJmaCertificateCountsMaintained(await db.admin());

    // the physician now sees the certificate, and the progress switched to the renewal rule
    const mine = await stack.queryAs<{
      person: { certificates: { number: string }[]; trainingSummary: { kind: string } };
    }>(
      self(ids.eligible),
      `query ($id: ID!) { person(id: $id) { certificates { number } trainingSummary(program: "OCCUPATIONAL") { kind } } }`,
      { id: ids.eligible },
    );
    expect(mine.body.data!.person.certificates).toEqual([{ number: done.certificate.number }]);
    expect(mine.body.data!.person.trainingSummary.kind).toBe('RENEWAL');
  });

  it('refuses an application whose requirements are not met, naming what is missing', async () => {
    const res = await stack.queryAs(self(ids.short), FILE, {
      input: {
        personId: ids.short,
        programCode: 'OCCUPATIONAL',
        kind: 'NEW',
        holderName: '山田 次郎',
        idempotencyKey: 'k',
      },
    });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.programCode',
    });
    expect(res.body.errors?.[0]?.message).toContain('CATEGORY:PRACTICAL');
    // and nobody else may file for the physician
    const other = await stack.queryAs(self(ids.eligible), FILE, {
      input: {
        personId: ids.short,
        programCode: 'OCCUPATIONAL',
        kind: 'NEW',
        holderName: 'x',
        idempotencyKey: 'k2',
      },
    });
    expect(other.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('verifies a certificate publicly (no token): validity, program, period and name only', async () => {
    const Q = `query ($code: String!) { verifyCertificate(code: $code) {
        valid status programCode programNameJa validFrom validTo holderName } }`;
    const res = await stack.query<{ verifyCertificate: Record<string, unknown> | null }>(Q, {
      code: verificationCode.toLowerCase(),
    });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.verifyCertificate).toEqual({
      valid: true,
      status: 'VALID',
      programCode: 'OCCUPATIONAL',
      programNameJa: '日本医師会認定産業医制度',
      validFrom: today,
      validTo,
      holderName: '山田 太郎',
    });
    const unknown = await stack.query<{ verifyCertificate: unknown }>(Q, { code: 'ZZZZ-ZZZZ-ZZZZ' });
    expect(unknown.body.data!.verifyCertificate).toBeNull();
    // the verification type offers nothing else (no person, no number)
    const more = await stack.query(`{ verifyCertificate(code: "X") { holder { id } } }`);
    expect(more.body.errors?.length).toBeGreaterThan(0);
  });

  it('schedules the 180/90/30-day reminders once, in Japanese and English, for the consent service', async () => {
    const c = await db.admin();
    const { rows } = await c.query<{ kind: string; due_on: string; payload: Record<string, string> }>(
      `SELECT kind, to_char(due_on, 'YYYY-MM-DD') AS due_on, payload FROM access.notification_outbox_training_v1
       WHERE person_id = $1 ORDER BY due_on`,
      [ids.eligible],
    );
    expect(rows.map((r) => [r.kind, r.due_on])).toEqual([
      ['CERTIFICATE_EXPIRY_180', addDays(validTo, -180)],
      ['CERTIFICATE_EXPIRY_90', addDays(validTo, -90)],
      ['CERTIFICATE_EXPIRY_30', addDays(validTo, -30)],
    ]);
    expect(rows[0]!.payload.subjectJa).toContain('日本医師会認定産業医制度');
    expect(rows[0]!.payload.subjectEn).toContain('expires in 180 days');
    expect(rows[0]!.payload.bodyJa).toContain('山田 太郎 様');
    // the scheduling job (all valid certificates) adds nothing twice
    const ds = stack.services.training!.dataSource;
    const again = await runAsSystem(() => new CertificationRepository(ds).scheduleReminders(ds, today));
    expect(again).toBe(0);
  });

  it('lists certificates expiring within N days per association, only of persons its staff may see', async () => {
    const c = await db.admin();
    const soon = addDays(today, 20);
    const mineSoon = await certificate(c, {
      person_id: ids.short,
      program_code: 'CME',
      valid_from: addDays(soon, -1095),
      valid_to: soon,
      issuer: ids.jma,
    });
    await certificate(c, {
      person_id: ids.outsider,
      program_code: 'CME',
      valid_from: addDays(soon, -1095),
      valid_to: soon,
      issuer: ids.jma,
    });
    const Q = `query ($a: ID!, $d: Int!) { expiringCertificates(associationId: $a, withinDays: $d) { id validTo person { id } } }`;
    const res = await stack.queryAs<{ expiringCertificates: { id: string; person: { id: string } }[] }>(
      tokyoClerk,
      Q,
      { a: ids.tokyo, d: 30 },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.expiringCertificates.map((x) => x.id)).toEqual([mineSoon]);
    const narrower = await stack.queryAs<{ expiringCertificates: unknown[] }>(tokyoClerk, Q, {
      a: ids.tokyo,
      d: 10,
    });
    expect(narrower.body.data!.expiringCertificates).toEqual([]);
    // another association's list is not theirs to read
    const other = await stack.queryAs(tokyoClerk, Q, { a: ids.osaka, d: 30 });
    expect(other.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lets JMA administrators (only) add a rule version, which then applies from its date', async () => {
    // a version from the start of a coming fiscal year
    const effectiveFrom = `${clock.fiscalYear() + 2}-04-01`;
    const M = `mutation ($input: CertificationRuleInput!) { addCertificationRule(input: $input) {
        id programCode kind effectiveFrom minTotal categoryOf { code category } } }`;
    const input = {
      programCode: 'CME',
      kind: 'NEW',
      effectiveFrom,
      window: 'FISCAL_YEARS',
      windowYears: 3,
      totalMeasure: 'UNITS_PLUS_DISTINCT_CODES',
      minTotal: 70,
      validityYears: 3,
      note: 'test',
    };
    for (const v of [jmaClerk, tokyoClerk]) {
      const denied = await stack.queryAs(v, M, { input });
      expect(denied.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    }
    const bad = await stack.queryAs(jmaAdmin, M, { input: { ...input, windowYears: null } });
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.windowYears',
    });
    const ok = await stack.queryAs<{ addCertificationRule: { minTotal: number } }>(jmaAdmin, M, { input });
    expect(ok.body.errors).toBeUndefined();
    const dup = await stack.queryAs(jmaAdmin, M, { input });
    expect(dup.body.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'input.effectiveFrom',
    });
    const at = (asOf: string) =>
      stack.queryAs<{ person: { trainingSummary: { rule: { minTotal: number } } } }>(
        self(ids.eligible),
        `query ($id: ID!, $asOf: Date!) { person(id: $id) { trainingSummary(program: "CME", asOf: $asOf) { rule { minTotal } } } }`,
        { id: ids.eligible, asOf },
      );
    expect((await at(addDays(effectiveFrom, -1))).body.data!.person.trainingSummary.rule.minTotal).toBe(60);
    expect((await at(effectiveFrom)).body.data!.person.trainingSummary.rule.minTotal).toBe(70);
  });

  it('adds manual entries (JMA, with evidence) and corrects them by reversal only', async () => {
    const ADD = `mutation ($input: AddCreditEntryInput!) { addCreditEntry(input: $input) { id units source evidence } }`;
    const input = {
      personId: ids.eligible,
      programCode: 'CME',
      code: '5',
      units: 1.5,
      earnedOn: addDays(today, -400),
      evidence: '紙の手帳 p.2',
    };
    const denied = await stack.queryAs(tokyoClerk, ADD, { input });
    expect(denied.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const badUnits = await stack.queryAs(jmaClerk, ADD, { input: { ...input, units: 1.25 } });
    expect(badUnits.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.units',
    });
    const future = await stack.queryAs(jmaClerk, ADD, { input: { ...input, earnedOn: addDays(today, 1) } });
    expect(future.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.earnedOn',
    });
    const added = await stack.queryAs<{ addCreditEntry: { id: string; units: number; source: string } }>(
      jmaClerk,
      ADD,
      { input },
    );
    expect(added.body.errors).toBeUndefined();
    expect(added.body.data!.addCreditEntry).toMatchObject({ units: 1.5, source: 'MANUAL' });
    const REV =
      `mutation ($id: ID!) { reverseCreditEntry(entryId: $id, reason: '入力誤り') { units reversesEntryId } }`.replace(
        "'入力誤り'",
        '"入力誤り"',
      );
    const rev = await stack.queryAs<{ reverseCreditEntry: { units: number; reversesEntryId: string } }>(
      jmaClerk,
      REV,
      {
        id: added.body.data!.addCreditEntry.id,
      },
    );
    expect(rev.body.errors).toBeUndefined();
    expect(rev.body.data!.reverseCreditEntry).toEqual({
      units: -1.5,
      reversesEntryId: added.body.data!.addCreditEntry.id,
    });
    const summary = await stack.queryAs<{ person: { trainingSummary: { units: number } } }>(
      self(ids.eligible),
      `query ($id: ID!) { person(id: $id) { trainingSummary(program: "CME") { units } } }`,
      { id: ids.eligible },
    );
    expect(summary.body.data!.person.trainingSummary.units).toBe(0);
  });
});
