import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { clock } from '@mamis/platform';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { startStack, type Stack, type TestViewer } from '../../../test/support/stack';
import {
  buildAssociation,
  buildMembership,
  buildPerson,
  buildTermsVersion,
} from '../../../test/support/builders';
import { inspectPdf } from '../../../test/support/pdf-inspect';
import { addDays } from '../src/rules/progress';

const CREATE = `mutation($input: CreateTrainingProgramInput!) {
  createTrainingProgram(input: $input) { code nameJa jmaProgram ownerAssociationId codes }
}`;
const ADD_RULE = `mutation($input: CertificationRuleInput!) {
  addCertificationRule(input: $input) { programCode kind effectiveFrom }
}`;
const FILE = `mutation($input: FileCertificationApplicationInput!) {
  fileCertificationApplication(input: $input) { id status version prefecturalAssociation { id } }
}`;
const TO_DECIDE = `query($id: ID!) { certificationApplicationsToDecide(associationId: $id) { id programCode status } }`;
const CHECK = `mutation($input: DecideCertificationApplicationInput!) {
  checkCertificationApplication(input: $input) { id status }
}`;
const APPROVE = `mutation($input: DecideCertificationApplicationInput!) {
  approveCertificationApplication(input: $input) {
    id status steps { step decision } certificate { id programCode validFrom validTo holderName document { path } }
  }
}`;
const CREATE_SESSION = `mutation($input: CreateTrainingSessionInput!) { createTrainingSession(input: $input) { id } }`;

type Errors = { message: string; extensions?: { code?: string; field?: string } }[] | undefined;
const codeOf = (errors: Errors) => errors?.[0]?.extensions?.code;

/**
 * 別表1-7: an association's own programme — defined, ruled and decided by that association, whose
 * certificate it issues; the JMA and other associations have no part in it.
 */
describe("an association's own training programme (through the gateway)", () => {
  let db: TestDatabase;
  let c: Client;
  let stack: Stack;
  let bunkyoId: string;
  let tokyoId: string;
  let member: string;
  let outsider: string;
  let admin: TestViewer;
  let clerk: TestViewer;
  let tokyoClerk: TestViewer;
  let jmaClerk: TestViewer;
  let code: string;

  const staff = (associationId: string, tier: string, role: string): TestViewer =>
    ({ kind: 'STAFF', sub: randomUUID(), associationId, associationTier: tier, role }) as TestViewer;
  const physician = (personId: string): TestViewer => ({ kind: 'PHYSICIAN', sub: randomUUID(), personId });

  beforeAll(async () => {
    db = await createTestDatabase();
    c = await db.admin();
    const jma = await buildAssociation(c, { code: 'JMA', tier: 'NATIONAL', prefecture_code: null });
    const tokyo = await buildAssociation(c, { code: 'P13', tier: 'PREFECTURAL', parent_id: jma.id });
    const bunkyo = await buildAssociation(c, { code: 'M13005', name: '文京区医師会', parent_id: tokyo.id });
    bunkyoId = bunkyo.id;
    tokyoId = tokyo.id;
    const p = await buildPerson(c, { family_name: '本郷', given_name: '一子' });
    await buildMembership(c, { person_id: p.id, association_id: bunkyo.id });
    await buildMembership(c, { person_id: p.id, association_id: tokyo.id });
    member = p.id;
    const o = await buildPerson(c, { family_name: '新宿', given_name: '次郎' });
    await buildMembership(c, { person_id: o.id, association_id: tokyo.id });
    outsider = o.id;
    await buildTermsVersion(c);
    admin = staff(bunkyoId, 'MUNICIPAL', 'ADMIN');
    clerk = staff(bunkyoId, 'MUNICIPAL', 'CLERK');
    tokyoClerk = staff(tokyoId, 'PREFECTURAL', 'CLERK');
    jmaClerk = staff(jma.id, 'NATIONAL', 'CLERK');
    stack = await startStack(db);
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
    await c?.end();
    await db?.drop();
  });

  it("the association's administrator defines it (a clerk or another association may not)", async () => {
    const input = {
      associationId: bunkyoId,
      name: 'emergency',
      nameJa: '文京区医師会救急医療研修',
      nameEn: 'Bunkyo emergency care',
    };
    const byClerk = await stack.queryAs(clerk, CREATE, { input });
    expect(codeOf(byClerk.body.errors)).toBe('FORBIDDEN');
    const byTokyo = await stack.queryAs(staff(tokyoId, 'PREFECTURAL', 'ADMIN'), CREATE, { input });
    expect(codeOf(byTokyo.body.errors)).toBe('FORBIDDEN');
    const bad = await stack.queryAs(admin, CREATE, { input: { ...input, name: '救急' } });
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    expect(bad.body.errors?.[0]?.message).toMatch(/^英大文字/);

    const res = await stack.queryAs<{ createTrainingProgram: Record<string, unknown> }>(admin, CREATE, {
      input,
    });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.createTrainingProgram).toEqual({
      code: 'OWN_M13005_EMERGENCY',
      nameJa: '文京区医師会救急医療研修',
      jmaProgram: false,
      ownerAssociationId: bunkyoId,
      codes: [],
    });
    code = 'OWN_M13005_EMERGENCY';
    const again = await stack.queryAs(admin, CREATE, { input });
    expect(again.body.errors?.[0]?.extensions).toMatchObject({ field: 'input.name' });
  });

  it('its rules are the association’s: the JMA administrator may not add one, its own may', async () => {
    const rule = {
      programCode: code,
      kind: 'NEW',
      effectiveFrom: addDays(clock.today(), -365),
      window: 'ALL',
      totalMeasure: 'UNITS',
      minTotal: 3,
      validityYears: 3,
      note: '3単位で修了 / 3 units',
    };
    const byJma = await stack.queryAs(staff(jmaClerk.associationId!, 'NATIONAL', 'ADMIN'), ADD_RULE, {
      input: rule,
    });
    expect(codeOf(byJma.body.errors)).toBe('FORBIDDEN');
    const res = await stack.queryAs(admin, ADD_RULE, { input: rule });
    expect(res.body.errors).toBeUndefined();
  });

  it('only the owner holds sessions of it', async () => {
    const input = {
      hostAssociationId: tokyoId,
      programCode: code,
      title: '救急医療研修',
      startsAt: `${addDays(clock.today(), 30)}T10:00:00+09:00`,
      venue: '東京都医師会館',
      credits: [{ kind: 'CURRICULUM_CODE', code: 'ANY', units: 1 }],
    };
    const res = await stack.queryAs(tokyoClerk, CREATE_SESSION, { input });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.programCode',
    });
  });

  it('a member files, the association (not the prefecture or the JMA) decides, and its certificate is issued', async () => {
    for (const units of [2, 1.5])
      await c.query(
        `INSERT INTO training.credit_entry (id, person_id, program_code, code, units, earned_on, source, evidence, recorded_by)
         VALUES ($1, $2, $3, 'ANY', $4, $5, 'MANUAL', 'attendance sheet', 'test')`,
        [randomUUID(), member, code, units, addDays(clock.today(), -30)],
      );
    const filing = (personId: string) => ({
      input: {
        personId,
        programCode: code,
        kind: 'NEW',
        holderName: '本郷 一子',
        idempotencyKey: randomUUID(),
      },
    });
    // not a member of the programme's association: refused as the programme's rule
    const notMember = await stack.queryAs(physician(outsider), FILE, filing(outsider));
    expect(notMember.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.programCode',
    });

    const filed = await stack.queryAs<{
      fileCertificationApplication: {
        id: string;
        status: string;
        version: number;
        prefecturalAssociation: { id: string };
      };
    }>(physician(member), FILE, filing(member));
    expect(filed.body.errors).toBeUndefined();
    const app = filed.body.data!.fileCertificationApplication;
    expect(app).toMatchObject({ status: 'FILED', prefecturalAssociation: { id: bunkyoId } });

    // waiting for Bunkyo; not for the prefecture's check nor the JMA's approval
    const inbox = await stack.queryAs<{ certificationApplicationsToDecide: { id: string }[] }>(
      clerk,
      TO_DECIDE,
      { id: bunkyoId },
    );
    expect(inbox.body.errors).toBeUndefined();
    expect(inbox.body.data!.certificationApplicationsToDecide.map((a) => a.id)).toEqual([app.id]);
    const tokyoInbox = await stack.queryAs<{ certificationApplicationsToDecide: { id: string }[] }>(
      tokyoClerk,
      TO_DECIDE,
      { id: tokyoId },
    );
    expect(tokyoInbox.body.data!.certificationApplicationsToDecide.map((a) => a.id)).not.toContain(app.id);
    const jmaInbox = await stack.queryAs<{ certificationApplicationsToDecide: { id: string }[] }>(
      jmaClerk,
      TO_DECIDE,
      { id: jmaClerk.associationId },
    );
    expect(jmaInbox.body.data!.certificationApplicationsToDecide.map((a) => a.id)).not.toContain(app.id);

    const decide = { input: { id: app.id, version: app.version, approve: true, note: '修了' } };
    expect(codeOf((await stack.queryAs(tokyoClerk, CHECK, decide)).body.errors)).toBe('FORBIDDEN');
    expect(codeOf((await stack.queryAs(jmaClerk, APPROVE, decide)).body.errors)).toBe('FORBIDDEN');
    expect(codeOf((await stack.queryAs(clerk, CHECK, decide)).body.errors)).toBe('FORBIDDEN');

    const approved = await stack.queryAs<{
      approveCertificationApplication: {
        status: string;
        steps: { step: string; decision: string }[];
        certificate: {
          programCode: string;
          validFrom: string;
          validTo: string;
          document: { path: string } | null;
        };
      };
    }>(clerk, APPROVE, decide);
    expect(approved.body.errors).toBeUndefined();
    const decided = approved.body.data!.approveCertificationApplication;
    expect(decided.status).toBe('APPROVED');
    expect(decided.steps.map((s) => [s.step, s.decision])).toEqual([
      ['FILE', 'FILED'],
      ['APPROVE', 'APPROVED'],
    ]);
    expect(decided.certificate).toMatchObject({ programCode: code, validFrom: clock.today() });
    const issuer = await c.query(
      `SELECT issuer_association_id::text AS id FROM training.certificate WHERE program_code = $1`,
      [code],
    );
    expect(issuer.rows).toEqual([{ id: bunkyoId }]);

    // the certificate's PDF names the association as its issuer
    const mine = await stack.queryAs<{
      person: { certificates: { programCode: string; document: { path: string } | null }[] };
    }>(
      physician(member),
      `query($id: ID!) { person(id: $id) { certificates { programCode document { path } } } }`,
      { id: member },
    );
    const doc = mine.body.data!.person.certificates.find((x) => x.programCode === code)!.document!;
    const pdf = Buffer.from(await (await fetch(new URL(doc.path, stack.gatewayUrl))).arrayBuffer());
    const text = (await inspectPdf(pdf)).text;
    expect(text).toContain('文京区医師会救急医療研修');
    expect(text).toContain('文京区医師会');
  });
});
