import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Client } from 'pg';
import { clock, formatWareki, repoRoot } from '@mamis/platform';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { startStack, type Stack, type TestViewer } from '../../../test/support/stack';
import {
  buildAssociation,
  buildAttendance,
  buildMembership,
  buildPerson,
  buildTrainingSession,
} from '../../../test/support/builders';
import { inspectPdf } from '../../../test/support/pdf-inspect';
import { addDays, addYears } from '../src/rules/progress';
import { newVerificationCode } from '../src/domain/verification-code';

const PORTAL_URL = 'https://portal.mamis.test';
const ARTIFACTS = path.join(repoRoot, 'test-artifacts', 'documents');

interface DocumentDownload {
  path: string;
  expiresAt: string;
  fileName: string;
  contentType: string;
}

async function certificate(
  c: Client,
  row: { person_id: string; program_code: string; holder_name: string; issuer: string },
) {
  const id = randomUUID();
  const code = newVerificationCode();
  const validFrom = addDays(clock.today(), -30);
  await c.query(
    `INSERT INTO training.certificate (id, number, person_id, program_code, valid_from, valid_to, holder_name,
       verification_code, issuer_association_id, issued_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'test')`,
    [
      id,
      `${row.program_code}-${validFrom.slice(0, 4)}-${id.slice(0, 8).toUpperCase()}`,
      row.person_id,
      row.program_code,
      validFrom,
      addYears(validFrom, 5),
      row.holder_name,
      code,
      row.issuer,
    ],
  );
  return { id, code };
}

describe('certificates as documents: PDF through the gateway, QR to the verification page, audited', () => {
  let db: TestDatabase;
  let stack: Stack;
  const ids = {} as Record<'jma' | 'tokyo' | 'muni' | 'osaka' | 'holder' | 'session' | 'attendance', string>;
  const codes: Record<string, string> = {};
  let holderName: string;
  let self: TestViewer;
  let muniClerk: TestViewer;
  let osakaClerk: TestViewer;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    db = await createTestDatabase();
    const c = await db.admin();
    ids.jma = (await buildAssociation(c, { code: 'JMA', tier: 'NATIONAL', prefecture_code: null })).id;
    ids.tokyo = (await buildAssociation(c, { code: 'P13', tier: 'PREFECTURAL', parent_id: ids.jma })).id;
    ids.osaka = (await buildAssociation(c, { code: 'P27', tier: 'PREFECTURAL', parent_id: ids.jma })).id;
    ids.muni = (await buildAssociation(c, { code: 'M13001', parent_id: ids.tokyo, name: '文京区医師会' })).id;
    const person = await buildPerson(c, { family_name: '鈴木', given_name: '一郎' });
    ids.holder = person.id;
    holderName = '鈴木 一郎';
    for (const a of [ids.muni, ids.tokyo, ids.jma])
      await buildMembership(c, { person_id: ids.holder, association_id: a });
    for (const program of ['CME', 'OCCUPATIONAL', 'SPORTS', 'FAMILY_DOCTOR']) {
      codes[program] = (
        await certificate(c, {
          person_id: ids.holder,
          program_code: program,
          holder_name: holderName,
          issuer: ids.jma,
        })
      ).code;
    }
    const session = await buildTrainingSession(c, {
      host_association_id: ids.muni,
      program_code: 'CME',
      title: '地域医療連携研修会',
    });
    ids.session = session.id;
    ids.attendance = (
      await buildAttendance(c, {
        session_id: session.id,
        person_id: ids.holder,
        attended_at: clock.now().toISOString(),
      })
    ).id;
    stack = await startStack(db, {}, { subgraphEnv: { PORTAL_URL } });
    self = { kind: 'PHYSICIAN', personId: ids.holder, sub: randomUUID() };
    muniClerk = {
      kind: 'STAFF',
      associationId: ids.muni,
      associationTier: 'MUNICIPAL',
      role: 'CLERK',
      sub: randomUUID(),
    };
    osakaClerk = {
      kind: 'STAFF',
      associationId: ids.osaka,
      associationTier: 'PREFECTURAL',
      role: 'CLERK',
      sub: randomUUID(),
    };
  });

  afterAll(async () => {
    await stack?.close();
    await db?.drop();
  });

  type PersonDocs = {
    person: {
      certificates: {
        programCode: string;
        verificationCode: string;
        validFrom: string;
        validTo: string;
        document: DocumentDownload | null;
      }[];
      trainingAttendances: { id: string; status: string; certificateDocument: DocumentDownload | null }[];
    } | null;
  };
  const DOCS = `query ($id: ID!) { person(id: $id) {
      certificates { programCode verificationCode validFrom validTo document { path expiresAt fileName contentType } }
      trainingAttendances { id status certificateDocument { path expiresAt fileName contentType } } } }`;

  const download = (p: string) => fetch(new URL(p, stack.gatewayUrl));

  const downloadCount = async (operation: string) => {
    const c = await db.admin();
    const { rows } = await c.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit.entry WHERE operation = $1 AND $2::uuid = ANY(person_ids)`,
      [operation, ids.holder],
    );
    return rows[0]!.n;
  };

  it('gives the holder a PDF of every certificate kind: A4, font embedded, name and code in the text, QR to the verification page', async () => {
    const res = await stack.queryAs<PersonDocs>(self, DOCS, { id: ids.holder });
    expect(res.body.errors).toBeUndefined();
    const certs = res.body.data!.person!.certificates;
    expect(certs.map((c) => c.programCode).sort()).toEqual([
      'CME',
      'FAMILY_DOCTOR',
      'OCCUPATIONAL',
      'SPORTS',
    ]);
    for (const cert of certs) {
      const doc = cert.document!;
      expect(doc).toMatchObject({ contentType: 'application/pdf' });
      expect(doc.fileName).toMatch(/^certificate-.+\.pdf$/);
      expect(doc.path).toMatch(/^\/documents\//);
      expect(Date.parse(doc.expiresAt)).toBeGreaterThan(Date.now());
      // no Authorization header: the signed link is the permission
      const got = await download(doc.path);
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toBe('application/pdf');
      expect(got.headers.get('content-disposition')).toContain('attachment');
      expect(got.headers.get('cache-control')).toContain('no-store');
      const pdf = Buffer.from(await got.arrayBuffer());
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      // the Japanese font travels with the document (an embedded TrueType subset)
      const raw = pdf.toString('latin1');
      expect(raw).toMatch(/\/FontFile2/);
      expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansJP/);
      const read = await inspectPdf(pdf, path.join(ARTIFACTS, `certificate-${cert.programCode}.png`));
      expect(read.pages).toBe(1);
      expect([Math.round(read.width), Math.round(read.height)]).toEqual([595, 842]);
      expect(read.text).toContain(holderName);
      expect(read.text).toContain(cert.verificationCode);
      expect(cert.verificationCode).toBe(codes[cert.programCode]);
      expect(read.qr).toBe(`${PORTAL_URL}/verify?code=${cert.verificationCode}`);
    }
    // the holder's own downloads are like their own reads: not in the audit trail
    expect(await downloadCount('download:certificate-pdf')).toBe(0);
  });

  it('titles each kind with its programme', async () => {
    const res = await stack.queryAs<PersonDocs>(self, DOCS, { id: ids.holder });
    const occupational = res.body.data!.person!.certificates.find((c) => c.programCode === 'OCCUPATIONAL')!;
    const pdf = Buffer.from(await (await download(occupational.document!.path)).arrayBuffer());
    const read = await inspectPdf(pdf);
    expect(read.text).toContain('日本医師会認定産業医');
    expect(read.text).toContain('有効期間');
    expect(read.text).toContain('発行者');
    // dates as an office expects them on a certificate: 和暦 first, the ISO date alongside
    for (const d of [occupational.validFrom, occupational.validTo])
      expect(read.text.replace(/\s+/g, '')).toContain(`${formatWareki(d)}(${d})`);
  });

  it('gives an attendance certificate (受講証明書) whose QR code verifies', async () => {
    const res = await stack.queryAs<PersonDocs>(self, DOCS, { id: ids.holder });
    const attendance = res.body.data!.person!.trainingAttendances.find((a) => a.id === ids.attendance)!;
    expect(attendance.status).toBe('ATTENDED');
    const got = await download(attendance.certificateDocument!.path);
    expect(got.status).toBe(200);
    const read = await inspectPdf(
      Buffer.from(await got.arrayBuffer()),
      path.join(ARTIFACTS, 'attendance-certificate.png'),
    );
    expect(read.text).toContain('受講証明書');
    expect(read.text).toContain(holderName);
    expect(read.text).toContain('地域医療連携研修会');
    expect(read.text).toContain('文京区医師会');
    const url = new URL(read.qr!);
    expect(`${url.origin}${url.pathname}`).toBe(`${PORTAL_URL}/verify`);
    const code = url.searchParams.get('code')!;
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(read.text).toContain(code);
    // the same code on a second download
    const again = await stack.queryAs<PersonDocs>(self, DOCS, { id: ids.holder });
    const second = again.body.data!.person!.trainingAttendances.find((a) => a.id === ids.attendance)!;
    const reread = await inspectPdf(
      Buffer.from(await (await download(second.certificateDocument!.path)).arrayBuffer()),
    );
    expect(reread.qr).toBe(read.qr);
    // what the verification page shows for it (anonymous, typed in lower case without hyphens)
    const verified = await stack.query<{ verifyCertificate: Record<string, unknown> | null }>(
      `query ($code: String!) { verifyCertificate(code: $code) {
         kind sessionTitle valid status programCode validFrom validTo holderName } }`,
      { code: code.replace(/-/g, '').toLowerCase() },
    );
    expect(verified.body.errors).toBeUndefined();
    expect(verified.body.data!.verifyCertificate).toEqual({
      kind: 'ATTENDANCE',
      sessionTitle: '地域医療連携研修会',
      valid: true,
      status: 'VALID',
      programCode: 'CME',
      validFrom: clock.today(),
      validTo: clock.today(),
      holderName,
    });
  });

  it('has no attendance certificate for a registration that was not attended', async () => {
    const c = await db.admin();
    const other = await buildTrainingSession(c, { host_association_id: ids.muni, program_code: 'CME' });
    const registered = await buildAttendance(c, {
      session_id: other.id,
      person_id: ids.holder,
      status: 'REGISTERED',
      attended_at: null,
    });
    const res = await stack.queryAs<PersonDocs>(self, DOCS, { id: ids.holder });
    const row = res.body.data!.person!.trainingAttendances.find((a) => a.id === registered.id)!;
    expect(row).toMatchObject({ status: 'REGISTERED', certificateDocument: null });
  });

  it('audits a download by staff of a member association like a read', async () => {
    const res = await stack.queryAs<PersonDocs>(muniClerk, DOCS, { id: ids.holder });
    expect(res.body.errors).toBeUndefined();
    const cme = res.body.data!.person!.certificates.find((c) => c.programCode === 'CME')!;
    const before = await downloadCount('download:certificate-pdf');
    const got = await download(cme.document!.path);
    expect(got.status).toBe(200);
    expect(await downloadCount('download:certificate-pdf')).toBe(before + 1);
    const c = await db.admin();
    const { rows } = await c.query<{
      actor: string;
      viewer_association: string;
      action: string;
      groups: string[];
    }>(
      `SELECT actor, viewer_association, action, groups FROM audit.entry
       WHERE operation = 'download:certificate-pdf' ORDER BY seq DESC LIMIT 1`,
    );
    expect(rows[0]).toMatchObject({
      actor: muniClerk.sub,
      viewer_association: ids.muni,
      action: 'READ',
      groups: ['TRAINING'],
    });
    const attendance = res.body.data!.person!.trainingAttendances.find((a) => a.id === ids.attendance)!;
    expect((await download(attendance.certificateDocument!.path)).status).toBe(200);
    expect(await downloadCount('download:attendance-certificate-pdf')).toBe(1);
  });

  it('gives no link to whoever may not read the certificate, and refuses a forged or altered link', async () => {
    const res = await stack.queryAs<PersonDocs>(osakaClerk, DOCS, { id: ids.holder });
    expect(res.body.data?.person ?? null).toBeNull();
    const anonymous = await stack.query<PersonDocs>(DOCS, { id: ids.holder });
    expect(anonymous.body.data?.person ?? null).toBeNull();

    const own = await stack.queryAs<PersonDocs>(self, DOCS, { id: ids.holder });
    const link = own.body.data!.person!.certificates[0]!.document!.path;
    const [body, signature] = link.slice('/documents/'.length).split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    // another certificate id, or a later expiry, under the old signature
    for (const forged of [
      { ...claims, id: randomUUID() },
      { ...claims, exp: (claims.exp as number) + 3600 },
    ]) {
      const p = `/documents/${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}`;
      expect((await download(p)).status).toBe(404);
    }
    expect((await download('/documents/not-a-link')).status).toBe(404);
    expect((await download(`/documents/${body}.${'A'.repeat(43)}`)).status).toBe(404);
  });

  it('verifies a code in any case, with or without hyphens or spaces', async () => {
    const code = codes.CME!;
    const Q = `query ($code: String!) { verifyCertificate(code: $code) { kind valid programCode holderName } }`;
    const plain = code.replace(/-/g, '');
    for (const typed of [
      code,
      code.toLowerCase(),
      plain,
      plain.toLowerCase(),
      `${plain.slice(0, 4)} ${plain.slice(4, 8)} ${plain.slice(8)}`,
      ` ${code.toLowerCase()} `,
    ]) {
      const res = await stack.query<{ verifyCertificate: unknown }>(Q, { code: typed });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.verifyCertificate).toEqual({
        kind: 'CERTIFICATE',
        valid: true,
        programCode: 'CME',
        holderName,
      });
    }
    for (const wrong of [plain.slice(0, 11), `${plain}2`, 'ZZZZ-ZZZZ-ZZZZ']) {
      const res = await stack.query<{ verifyCertificate: unknown }>(Q, { code: wrong });
      expect(res.body.data!.verifyCertificate).toBeNull();
    }
  });
});
