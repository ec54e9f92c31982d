import { randomUUID } from 'node:crypto';
import { clock, runAsSystem } from '@mamis/platform';
import type { Client } from 'pg';
import { buildAssociation, buildMembership, buildPerson } from '../../../test/support/builders';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { startStack, type Stack, type TestViewer } from '../../../test/support/stack';
import { createRepositories } from '../src/repositories';

const addDays = (iso: string, n: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

const NOTICE_QUERY = `{
  jointUseNotice {
    version effectiveFrom title statement dataItems jointUsers purposes
    responsibleParty { name address representative } responsibilityNote
  }
}`;

const PUBLISH_NOTICE = `mutation Publish($input: PublishJointUseNoticeInput!) {
  publishJointUseNotice(input: $input) { version effectiveFrom purposes responsibleParty { representative } }
}`;

const PUBLISH_TERMS = `mutation Publish($input: PublishTermsVersionInput!) {
  publishTermsVersion(input: $input) { version effectiveFrom requiresAcceptance publishedAt }
}`;

interface Notice {
  version: string;
  effectiveFrom: string;
  title: string;
  statement: string;
  dataItems: string[];
  jointUsers: string;
  purposes: string[];
  responsibleParty: { name: string; address: string; representative: string };
  responsibilityNote: string | null;
}

/** Through the gateway: terms versions and the gate, the joint-use notice, notices. */
describe('consent: terms of use, joint-use notice and notifications through the gateway', () => {
  let db: TestDatabase;
  let admin: Client;
  let stack: Stack;
  let jmaAdmin: TestViewer;
  let municipalAdmin: TestViewer;
  let physician: TestViewer;
  let staffAccount: TestViewer;
  let personId: string;
  let notice: Notice;
  const today = clock.today();

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await db.admin();
    const jma = await buildAssociation(admin, { tier: 'NATIONAL', name: '日本医師会' });
    const municipal = await buildAssociation(admin, { tier: 'MUNICIPAL' });
    const person = await buildPerson(admin);
    personId = person.id;
    await buildMembership(admin, { person_id: person.id, association_id: municipal.id });
    stack = await startStack(db);
    // a fresh installation: terms ver 1.01 and the joint-use notice of the JMA's document
    const repos = createRepositories(stack.services.consent!.dataSource);
    await runAsSystem(async () => {
      await repos.terms.installDefault();
      await repos.jointUseNotices.installDefault();
    });
    jmaAdmin = {
      kind: 'STAFF',
      sub: randomUUID(),
      associationId: jma.id,
      associationTier: 'NATIONAL',
      role: 'ADMIN',
    };
    municipalAdmin = {
      kind: 'STAFF',
      sub: randomUUID(),
      associationId: municipal.id,
      associationTier: 'MUNICIPAL',
      role: 'ADMIN',
    };
    staffAccount = { ...municipalAdmin, sub: randomUUID(), role: 'CLERK' };
    physician = { kind: 'PHYSICIAN', sub: randomUUID(), personId };
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    await admin?.end();
    await db?.drop();
  });

  it('serves the joint-use notice to anonymous callers with all five items of APPI art. 27(5)(iii)', async () => {
    const res = await stack.query<{ jointUseNotice: Notice }>(NOTICE_QUERY);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    notice = res.body.data!.jointUseNotice;
    // ① that the data is jointly used
    expect(notice.statement).toContain('共同利用');
    // ② the data items (別表2 and the services' data)
    expect(notice.dataItems).toHaveLength(14);
    expect(notice.dataItems).toEqual(
      expect.arrayContaining(['氏名', '生年月日・性別', '医籍登録番号及び医籍登録日', '出身校', '診療科名']),
    );
    // ③ the joint users
    expect(notice.jointUsers).toContain('各医師会');
    expect(notice.jointUsers).toContain('日本医学会及び医学会分科会');
    // ④ the purposes ①–⑭
    expect(notice.purposes).toHaveLength(14);
    expect(notice.purposes[10]).toBe('個人を特定しない形で作成する統計情報');
    // ⑤ the responsible party with its address and representative
    expect(notice.responsibleParty).toEqual({
      name: '公益社団法人 日本医師会',
      address: '東京都文京区本駒込2-28-16',
      representative: expect.stringContaining('会員情報室長'),
    });
    expect(notice.responsibilityNote).toContain('MAMISを通じて取得した個人データは日本医師会');

    // the terms in force are the JMA's ver 1.01 text, Japanese (authoritative) and English
    const terms = await stack.query<{ termsOfUse: { version: string; bodyJa: string; bodyEn: string } }>(
      '{ termsOfUse { version bodyJa bodyEn } }',
    );
    expect(terms.body.data!.termsOfUse.version).toBe('1.01');
    expect(terms.body.data!.termsOfUse.bodyJa).toContain('第 13 条（経過措置）');
    expect(terms.body.data!.termsOfUse.bodyEn).toContain('Terms of use');
  });

  it('refuses a change of purposes or of the responsible party unless announced for a future date', async () => {
    const input = {
      version: '2',
      title: notice.title,
      statement: notice.statement,
      dataItems: notice.dataItems,
      jointUsers: notice.jointUsers,
      purposes: [...notice.purposes, '医師の働き方改革に関する調査'],
      responsibleParty: notice.responsibleParty,
    };
    const past = await stack.queryAs(jmaAdmin, PUBLISH_NOTICE, {
      input: { ...input, effectiveFrom: addDays(today, -1) },
    });
    expect(past.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.effectiveFrom',
    });
    const sameDay = await stack.queryAs(jmaAdmin, PUBLISH_NOTICE, {
      input: {
        ...input,
        purposes: notice.purposes,
        responsibleParty: { ...notice.responsibleParty, representative: '会長 山田太郎' },
        effectiveFrom: today,
      },
    });
    expect(sameDay.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.effectiveFrom',
    });
    // only the JMA publishes notices
    const municipal = await stack.queryAs(municipalAdmin, PUBLISH_NOTICE, {
      input: { ...input, effectiveFrom: addDays(today, 30) },
    });
    expect(municipal.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const announced = await stack.queryAs<{ publishJointUseNotice: { version: string; purposes: string[] } }>(
      jmaAdmin,
      PUBLISH_NOTICE,
      { input: { ...input, effectiveFrom: addDays(today, 30) } },
    );
    expect(announced.body.errors).toBeUndefined();
    expect(announced.body.data!.publishJointUseNotice.purposes).toHaveLength(15);

    // the notice in force is unchanged; the upcoming one is readable too, anonymously
    const both = await stack.query<{
      jointUseNotice: { version: string };
      upcomingJointUseNotice: { version: string; effectiveFrom: string };
      jointUseNotices: { version: string }[];
    }>(
      '{ jointUseNotice { version } upcomingJointUseNotice { version effectiveFrom } jointUseNotices { version } }',
    );
    expect(both.body.data).toEqual({
      jointUseNotice: { version: '1' },
      upcomingJointUseNotice: { version: '2', effectiveFrom: addDays(today, 30) },
      jointUseNotices: [{ version: '1' }, { version: '2' }],
    });
  });

  it('a revision requiring acceptance blocks humans on the old version until they accept it', async () => {
    // the physician and a staff member accepted ver 1.01
    for (const viewer of [physician, staffAccount]) {
      const ok = await stack.queryAs<{ acceptTerms: { version: string; method: string } }>(
        viewer,
        'mutation { acceptTerms(version: "1.01") { version method } }',
      );
      expect(ok.body.errors).toBeUndefined();
      expect(ok.body.data!.acceptTerms).toEqual({ version: '1.01', method: 'API' });
    }
    // a backdated revision and a revision by anyone but the JMA are refused
    const base = {
      titleJa: '医師会会員情報システム（MAMIS）利用規約 ver1.02',
      titleEn: 'MAMIS Terms of Use ver 1.02',
      bodyJa: '第1条（本規約の目的）改定後の本文',
      bodyEn: 'Art. 1 Purpose: the revised text',
      summaryJa: '第5条の共同利用の目的を改定',
      summaryEn: 'Art. 5 purposes revised',
    };
    const backdated = await stack.queryAs(jmaAdmin, PUBLISH_TERMS, {
      input: { ...base, version: '1.02', effectiveFrom: addDays(today, -1), requiresAcceptance: true },
    });
    expect(backdated.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.effectiveFrom',
    });
    const notJma = await stack.queryAs(municipalAdmin, PUBLISH_TERMS, {
      input: { ...base, version: '1.02', effectiveFrom: today, requiresAcceptance: true },
    });
    expect(notJma.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const published = await stack.queryAs<{ publishTermsVersion: { version: string } }>(
      jmaAdmin,
      PUBLISH_TERMS,
      {
        input: { ...base, version: '1.02', effectiveFrom: today, requiresAcceptance: true },
      },
    );
    expect(published.body.errors).toBeUndefined();

    // a token still carrying 1.01: everything but the terms fields is refused
    const old = { ...physician, acceptedTermsVersion: '1.01' };
    const blocked = await stack.queryAs(old, '{ me { id } }');
    expect(blocked.status).toBe(403);
    expect(blocked.body.errors?.[0]?.extensions).toMatchObject({
      code: 'TERMS_NOT_ACCEPTED',
      termsVersion: '1.02',
    });
    const readable = await stack.queryAs<{
      termsOfUse: { version: string };
      jointUseNotice: { version: string };
    }>(old, '{ termsOfUse { version } jointUseNotice { version } }');
    expect(readable.body.data).toEqual({ termsOfUse: { version: '1.02' }, jointUseNotice: { version: '1' } });
    const stale = await stack.queryAs(old, 'mutation { acceptTerms(version: "1.01") { version } }');
    expect(stale.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'version' });
    const accepted = await stack.queryAs<{ acceptTerms: { version: string } }>(
      old,
      'mutation { acceptTerms(version: "1.02") { version } }',
    );
    expect(accepted.body.data!.acceptTerms.version).toBe('1.02');

    // with the new version the physician is through; their history has both acceptances
    const me = await stack.queryAs<{
      me: { termsAcceptances: { version: string }[]; notifications: { kind: string; subjectJa: string }[] };
    }>(
      { ...physician, acceptedTermsVersion: '1.02' },
      '{ me { termsAcceptances { version } notifications { kind subjectJa } } }',
    );
    expect(me.body.errors).toBeUndefined();
    expect(me.body.data!.me.termsAcceptances.map((a) => a.version)).toEqual(['1.02', '1.01']);
    // the revision was announced to the physician (and to the staff account, which has no person)
    expect(me.body.data!.me.notifications).toEqual([
      { kind: 'TERMS_ACCEPTANCE_REQUIRED', subjectJa: expect.stringContaining('ver 1.02') },
    ]);
    const staffNotices = await admin.query(
      `SELECT kind FROM consent.notification WHERE account_id = $1 AND person_id IS NULL`,
      [staffAccount.sub],
    );
    expect(staffNotices.rows).toEqual([{ kind: 'TERMS_ACCEPTANCE_REQUIRED' }]);
  });

  it('a revision without renewed acceptance is a notice on screen and by e-mail; the person marks it read', async () => {
    const published = await stack.queryAs(jmaAdmin, PUBLISH_TERMS, {
      input: {
        version: '1.03',
        titleJa: '医師会会員情報システム（MAMIS）利用規約 ver1.03',
        titleEn: 'MAMIS Terms of Use ver 1.03',
        bodyJa: '誤字の訂正',
        bodyEn: 'Typographical corrections',
        effectiveFrom: today,
        requiresAcceptance: false,
        summaryJa: '誤字の訂正のみ',
      },
    });
    expect(published.body.errors).toBeUndefined();
    const viewer = { ...physician, acceptedTermsVersion: '1.03' };
    const list = await stack.queryAs<{
      me: {
        notifications: {
          id: string;
          kind: string;
          bodyJa: string;
          emailStatus: string;
          readAt: string | null;
        }[];
      };
    }>(viewer, '{ me { notifications { id kind bodyJa emailStatus readAt } } }');
    const revision = list.body.data!.me.notifications[0]!;
    expect(revision).toMatchObject({ kind: 'TERMS_REVISION', emailStatus: 'PENDING', readAt: null });
    expect(revision.bodyJa).toContain('誤字の訂正のみ');
    expect(revision.bodyJa).toContain('第10条第3項');

    // the member association sees the consent status, not the person's notices
    const staff = await stack.queryAs(
      { ...municipalAdmin, acceptedTermsVersion: '1.03' },
      `{ person(id: "${personId}") { id notifications { id } } }`,
    );
    expect(staff.body.errors?.[0]).toMatchObject({
      path: ['person', 'notifications'],
      extensions: { code: 'FORBIDDEN' },
    });
    const staffMark = await stack.queryAs(
      { ...municipalAdmin, acceptedTermsVersion: '1.03' },
      `mutation { markNotificationRead(id: "${revision.id}") { id } }`,
    );
    expect(staffMark.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const marked = await stack.queryAs<{ markNotificationRead: { id: string; readAt: string } }>(
      viewer,
      `mutation { markNotificationRead(id: "${revision.id}") { id readAt } }`,
    );
    expect(marked.body.data!.markNotificationRead.readAt).toEqual(expect.any(String));
    const unread = await stack.queryAs<{ me: { notifications: { kind: string }[] } }>(
      viewer,
      '{ me { notifications(unreadOnly: true) { kind } } }',
    );
    expect(unread.body.data!.me.notifications).toEqual([{ kind: 'TERMS_ACCEPTANCE_REQUIRED' }]);
  });
});
