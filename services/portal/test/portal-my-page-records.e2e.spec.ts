import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { clock } from '@mamis/platform';
import type { Client } from 'pg';
import type { Page } from 'playwright-core';
import {
  buildAssociation,
  buildAttendance,
  buildInsuranceEnrolment,
  buildMembership,
  buildPerson,
  buildTrainingSession,
} from '../../../test/support/builders';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { inspectPdf } from '../../../test/support/pdf-inspect';
import { signIn } from '../../identity/test/support/oauth-client';
import { SIGN_IN_SCOPE } from '../src/lib/field-groups';
import {
  CLIENT_ID,
  PASSWORD,
  sessionOf,
  startPortalStack,
  withSession,
  type PortalStack,
} from './support/portal-session';

const addDays = (iso: string, n: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const instantInDays = (n: number, hour = 19) =>
  `${addDays(clock.today(), n)}T${String(hour).padStart(2, '0')}:00:00+09:00`;

/**
 * My Page's training, sessions, insurance and pension, dues, notifications, terms and privacy
 * views in a real Chromium, through identity (PKCE sign-in) and the gateway: each view shows the
 * physician's own records (seeded in PostgreSQL) and its actions work.
 */
describe('portal: My Page records in a browser, through identity and the gateway', () => {
  let db: TestDatabase;
  let admin: Client;
  let env: PortalStack;
  let personId: string;
  let municipalId: string;
  const today = clock.today();
  const [ty, tm] = today.split('-').map(Number) as [number, number];
  const insuranceYear = tm >= 7 ? ty : ty - 1;
  const fiscalYear = tm >= 4 ? ty : ty - 1;
  const certificate = { number: 'CME-2026-000123', code: 'QWER-TYUP-ASDF' };

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await db.admin();
    const national = await buildAssociation(admin, { tier: 'NATIONAL', name: '日本医師会' });
    const municipal = await buildAssociation(admin, { tier: 'MUNICIPAL', name: '文京区医師会' });
    municipalId = municipal.id;
    const person = await buildPerson(admin, { family_name: '佐藤', given_name: '一郎' });
    personId = person.id;
    await buildMembership(admin, { person_id: person.id, association_id: municipal.id });
    // training: credits, a certificate, an attended session, an upcoming public session
    for (const [code, units, daysAgo] of [
      ['1', 2, 40],
      ['15', 1.5, 100],
      ['15', 1, 200],
    ] as const)
      await admin.query(
        `INSERT INTO training.credit_entry (id, person_id, program_code, code, units, earned_on, source, evidence, recorded_by)
         VALUES ($1, $2, 'CME', $3, $4, $5, 'MANUAL', '旧手帳', 'test')`,
        [randomUUID(), personId, code, units, addDays(today, -daysAgo)],
      );
    await admin.query(
      `INSERT INTO training.certificate (id, number, person_id, program_code, valid_from, valid_to, holder_name,
         verification_code, issuer_association_id, issued_by)
       VALUES ($1, $2, $3, 'CME', $4, $5, '佐藤 一郎', $6, $7, 'test')`,
      [
        randomUUID(),
        certificate.number,
        personId,
        addDays(today, -30),
        addDays(today, 3 * 365),
        certificate.code,
        national.id,
      ],
    );
    const past = await buildTrainingSession(admin, {
      host_association_id: municipal.id,
      title: '地域医療連携講座',
      starts_at: instantInDays(-20),
    });
    await buildAttendance(admin, {
      session_id: past.id,
      person_id: personId,
      attended_at: instantInDays(-20, 21),
    });
    await buildTrainingSession(admin, {
      host_association_id: municipal.id,
      title: '感染対策研修会',
      starts_at: instantInDays(14),
      capacity: 30,
    });
    // insurance and pension
    await buildInsuranceEnrolment(admin, {
      person_id: personId,
      insurance_year: insuranceYear,
      enrolled_on: `${insuranceYear}-07-01`,
      rider: true,
      rider_coverage_yen: 50_000_000,
    });
    await admin.query(
      `INSERT INTO insurance_pension.pension_enrolment (id, person_id, plan, status, contribution_status, enrolled_on,
         monthly_contribution_yen, contributions_end_on)
       VALUES ($1, $2, 'BASIC_AND_ADDITIONAL', 'ENROLLED', 'CONTRIBUTING', $3, 30000, $4)`,
      [randomUUID(), personId, addDays(today, -400), addDays(today, 20 * 365)],
    );
    // dues: an invoice partly paid
    const invoiceId = randomUUID();
    await admin.query(
      `INSERT INTO membership.dues_invoice (id, association_id, person_id, fiscal_year, category_code, annual_fee_yen,
         months, amount_yen, paid_yen, status, reference, issued_on, issued_by)
       VALUES ($1, $2, $3, $4, 'A', 48000, 12, 48000, 20000, 'OPEN', 'R-000777', $5, 'test')`,
      [invoiceId, municipal.id, personId, fiscalYear, `${fiscalYear}-04-15`],
    );
    await admin.query(
      `INSERT INTO membership.dues_payment (id, invoice_id, association_id, person_id, amount_yen, paid_on, method, recorded_by)
       VALUES ($1, $2, $3, $4, 20000, $5, 'BANK_TRANSFER', 'test')`,
      [randomUUID(), invoiceId, municipal.id, personId, `${fiscalYear}-05-10`],
    );
    // a notification
    await admin.query(
      `INSERT INTO consent.notification (id, person_id, kind, subject_ja, subject_en, body_ja, body_en, source_key)
       VALUES ($1, $2, 'CERTIFICATE_EXPIRY', '認定証の有効期限のお知らせ', 'Your certificate expires soon',
               '生涯教育認定証の有効期限が近づいています。', 'Your CME certificate expires soon.', $3)`,
      [randomUUID(), personId, `test:${randomUUID()}`],
    );
    // records of provision: a postal mailing list (membership) and a notice's e-mail (consent)
    for (const [schema, recipient, purpose, items, format] of [
      [
        'membership',
        '株式会社文京印刷',
        '会報4月号の発送',
        'postalCode,address,name,nameKana',
        'CSV_UTF8_BOM',
      ],
      [
        'consent',
        'relay.mail-vendor.example.jp',
        '【文京区医師会】学術講演会のご案内',
        'name,email',
        'EMAIL',
      ],
    ] as const) {
      const recordId = randomUUID();
      await admin.query(
        `INSERT INTO ${schema}.provision_record (id, association_id, actor, recipient, purpose, items, format, row_count)
         VALUES ($1, $2, 'clerk-bunkyo', $3, $4, $5, $6, 1)`,
        [recordId, municipal.id, recipient, purpose, items, format],
      );
      await admin.query(
        `INSERT INTO ${schema}.provision_record_person (provision_record_id, person_id, association_id)
         VALUES ($1, $2, $3)`,
        [recordId, personId, municipal.id],
      );
    }
    env = await startPortalStack(db, { identity: { tokenExchange: true } });
    await env.bed!.fx.account({ username: 'dr-records', kind: 'PHYSICIAN', personId });
  }, 240_000);

  afterAll(async () => {
    await env?.close();
    await admin?.end();
    await db?.drop();
  });

  const physicianSession = () => env.signedIn({ username: 'dr-records' }, { acceptDownloads: true });
  const go = async (page: Page, link: string, heading: string) => {
    await page
      .getByRole('navigation', { name: 'マイページ' })
      .getByRole('link', { name: link, exact: true })
      .click();
    await page.getByRole('heading', { level: 2, name: heading, exact: true }).waitFor();
  };

  it('shows every new My Page view at both widths (axe: no serious violation)', async () => {
    const { context, page } = await physicianSession();
    try {
      const session = await sessionOf(page);
      for (const [path, name, ready] of [
        ['/me/training', 'portal-my-training-progress', '認定までの進み具合'],
        ['/me/sessions', 'portal-my-sessions', '開催予定の研修会'],
        ['/me/insurance', 'portal-my-insurance', '日本医師会 医師賠償責任保険'],
        ['/me/dues', 'portal-my-dues', '会費の請求と入金'],
        ['/me/notifications', 'portal-my-notifications', 'お知らせ'],
        ['/me/privacy', 'portal-my-privacy', '個人情報に関する請求'],
      ] as const) {
        await env.checkBothWidths(name, session, path, (p) =>
          p.getByRole('heading', { level: 2, name: ready, exact: true }).waitFor(),
        );
      }
    } finally {
      await context.close();
    }
  }, 240_000);

  it('training: progress toward each certificate with what is missing, credits, the certificate', async () => {
    const { context, page } = await physicianSession();
    try {
      await go(page, '研修・認定証', '認定までの進み具合');
      const cme = await page.getByTestId('progress-CME').innerText();
      expect(cme).toContain('未達成の要件があります');
      expect(cme).toMatch(/合計/);
      expect(cme).toContain('不足');
      const certs = await page.getByTestId('certificates').innerText();
      expect(certs).toContain(certificate.number);
      expect(certs).toContain(certificate.code);
      expect(await page.getByTestId('attended').innerText()).toContain('地域医療連携講座');
    } finally {
      await context.close();
    }
  });

  it('downloads the certificate PDF and the attendance certificate (受講証明書) through the gateway', async () => {
    const { context, page } = await physicianSession();
    try {
      await go(page, '研修・認定証', '認定までの進み具合');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: `認定証PDF: ${certificate.number}` }).click(),
      ]);
      expect(download.url()).toMatch(new RegExp(`^${new URL(env.gateway.url).origin}/documents/`));
      const pdf = await readFile((await download.path())!);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // the link as the browser fetched it: a PDF from the gateway
      const res = await fetch(download.url());
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const text = (await inspectPdf(pdf)).text.replace(/\s/g, '');
      expect(text).toContain(certificate.code);
      expect(text).toContain('佐藤');

      const [attendance] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '受講証明書PDF: 地域医療連携講座' }).click(),
      ]);
      const attendancePdf = await readFile((await attendance.path())!);
      expect((await inspectPdf(attendancePdf)).text.replace(/\s/g, '')).toContain('地域医療連携講座');
    } finally {
      await context.close();
    }
  });

  it('sessions: registers for an upcoming session and cancels; offers the calendar feed', async () => {
    const { context, page } = await physicianSession();
    try {
      await go(page, '研修会', '開催予定の研修会');
      await page.getByRole('button', { name: '申し込む: 感染対策研修会' }).click();
      await page.getByText('申し込みました。').waitFor();
      expect(await page.getByTestId('my-sessions').innerText()).toContain('感染対策研修会');
      const registered = await admin.query(
        `SELECT a.status FROM training.attendance a JOIN training.training_session s ON s.id = a.session_id
          WHERE a.person_id = $1 AND s.title = '感染対策研修会'`,
        [personId],
      );
      expect(registered.rows).toEqual([{ status: 'REGISTERED' }]);
      await page.getByRole('button', { name: '申込を取り消す: 感染対策研修会' }).click();
      await page.getByText('申込を取り消しました。').waitFor();
      await page.getByRole('button', { name: '申し込む: 感染対策研修会' }).waitFor();
      const cancelled = await admin.query(
        `SELECT a.status FROM training.attendance a JOIN training.training_session s ON s.id = a.session_id
          WHERE a.person_id = $1 AND s.title = '感染対策研修会'`,
        [personId],
      );
      expect(cancelled.rows).toEqual([{ status: 'CANCELLED' }]);
      // the calendar subscription: the gateway serves the association's public sessions
      const href = await page
        .getByRole('link', { name: '文京区医師会の研修会カレンダー' })
        .getAttribute('href');
      expect(href).toBe(`${new URL(env.gateway.url).origin}/calendar/${municipalId}.ics`);
      const feed = await fetch(href!);
      expect(feed.status).toBe(200);
      expect(feed.headers.get('content-type')).toContain('text/calendar');
      expect(await feed.text()).toContain('感染対策研修会');
    } finally {
      await context.close();
    }
  });

  it('insurance and pension, dues with payments', async () => {
    const { context, page } = await physicianSession();
    try {
      await go(page, '保険・年金', '日本医師会 医師賠償責任保険');
      const insurance = await page.getByTestId('insurance').innerText();
      expect(insurance).toContain(`${insuranceYear}年度`);
      expect(insurance).toContain('加入中');
      expect(insurance).toContain('50,000,000円');
      const pension = await page.getByTestId('pension').innerText();
      expect(pension).toContain('基本年金＋加算年金');
      expect(pension).toContain('30,000円');
      await go(page, '会費', '会費の請求と入金');
      const dues = await page.getByTestId('dues').innerText();
      expect(dues).toContain(`${fiscalYear}年度`);
      expect(dues).toContain('48,000円');
      expect(dues).toContain('28,000円');
      expect(dues).toContain('R-000777');
      expect(dues).toContain('銀行振込');
    } finally {
      await context.close();
    }
  });

  it('access log: the association and the staff member by name, not an account id', async () => {
    const clerkAccountId = randomUUID();
    await admin.query(
      `INSERT INTO identity.account (id, username, kind, association_id, role, display_name)
       VALUES ($1, 'bunkyo-clerk', 'STAFF', $2, 'CLERK', '文京 事務担当')`,
      [clerkAccountId, municipalId],
    );
    const read = await env.stack.queryAs(
      {
        kind: 'STAFF',
        sub: clerkAccountId,
        associationId: municipalId,
        associationTier: 'MUNICIPAL',
        role: 'CLERK',
      },
      'query ClerkReadsContact($id: ID!) { person(id: $id) { email } }',
      { id: personId },
    );
    expect(read.body.errors).toBeUndefined();
    const { context, page } = await physicianSession();
    try {
      await go(page, '閲覧履歴', 'わたしの情報を閲覧・変更した記録');
      const log = await page.getByTestId('access-log').innerText();
      expect(log).toContain('文京区医師会 文京 事務担当（医師会職員）');
      expect(log).not.toContain(clerkAccountId);
    } finally {
      await context.close();
    }
  });

  it('notifications (mark as read), terms accepted, privacy requests with the disclosure download', async () => {
    const { context, page } = await physicianSession();
    try {
      await go(page, 'お知らせ', 'お知らせ');
      expect(await page.getByTestId('notifications').innerText()).toContain('認定証の有効期限のお知らせ');
      await page.getByRole('button', { name: '既読にする: 認定証の有効期限のお知らせ' }).click();
      await page.getByText(/^既読:/).waitFor();
      const read = await admin.query('SELECT read_at FROM consent.notification WHERE person_id = $1', [
        personId,
      ]);
      expect(read.rows[0].read_at).not.toBeNull();

      await go(page, '規約・個人情報', '個人情報に関する請求');
      // the acceptance at the first sign-in (identity's terms page)
      expect(await page.getByTestId('acceptances').innerText()).toContain('ログイン画面');
      // the records of provision: the postal mailing list and the notice's e-mail, side by side
      const provisions = await page.getByTestId('provision-records').innerText();
      for (const text of [
        '株式会社文京印刷',
        '会報4月号の発送',
        '郵便番号、住所、氏名、氏名（カナ）',
        'relay.mail-vendor.example.jp',
        '【文京区医師会】学術講演会のご案内',
        '氏名、メールアドレス',
        '文京区医師会',
      ])
        expect(provisions).toContain(text);
      await page.getByLabel('請求の種類').selectOption('DISCLOSURE');
      await page.getByRole('button', { name: '請求する' }).click();
      await page.getByText('請求を受け付けました。').waitFor();
      expect(await page.getByTestId('privacy-requests').innerText()).toContain('開示');
      // a correction without details is refused with the field named
      await page.getByLabel('請求の種類').selectOption('CORRECTION');
      await page.getByRole('button', { name: '請求する' }).click();
      await page.locator('.field-error').waitFor();

      // the JMA produced the disclosure (as its decision would): the person downloads it
      const { rows } = await admin.query(
        `SELECT id FROM consent.privacy_request WHERE person_id = $1 AND kind = 'DISCLOSURE'`,
        [personId],
      );
      await admin.query(
        `INSERT INTO consent.privacy_export (id, request_id, person_id, json, html, generated_at)
         VALUES ($1, $2, $3, '{"person":{"familyName":"佐藤"}}', '<html><body>佐藤 一郎 開示</body></html>', now())`,
        [randomUUID(), rows[0].id, personId],
      );
      await admin.query(
        `UPDATE consent.privacy_request SET status = 'COMPLETED', completed_at = now() WHERE id = $1`,
        [rows[0].id],
      );
      await page.reload();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '開示データをダウンロード' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^mamis-disclosure-.*\.html$/);
      expect(await readFile((await download.path())!, 'utf8')).toContain('佐藤 一郎 開示');
    } finally {
      await context.close();
    }
  });

  it('staff act on a member’s behalf from the portal: token exchange, the banner naming who acts for whom, then back', async () => {
    const staff = await env.bed!.fx.account({
      username: 'muni-clerk',
      kind: 'STAFF',
      associationId: municipalId,
      role: 'CLERK',
      displayName: '文京 窓口担当',
    });
    const tokens = await signIn({
      base: env.bed!.idp.url,
      clientId: CLIENT_ID,
      redirectUri: env.url('/callback'),
      username: 'muni-clerk',
      password: PASSWORD,
      totpSecret: staff.totpSecret ?? null,
      // what the portal asks for at sign-in
      scope: SIGN_IN_SCOPE,
    });
    // the staff member's signed-in session as oidc-client-ts keeps it (the TOTP step done above)
    const user = {
      access_token: tokens.access_token,
      id_token: tokens.id_token,
      token_type: 'Bearer',
      scope: tokens.scope,
      profile: { sub: staff.account.id, name: '文京 窓口担当' },
      expires_at: Math.floor(Date.now() / 1000) + Number(tokens.expires_in ?? 300),
    };
    const session = env.sessionFor(user);
    const context = await env.browser.newContext({ locale: 'ja-JP' });
    try {
      await withSession(context, session);
      await env.checkBothWidths('portal-act-on-behalf', session, `/me/act?person=${personId}`, (p) =>
        p.getByRole('heading', { level: 2, name: '会員の代理で操作する' }).waitFor(),
      );
      const page = await context.newPage();
      await page.goto(env.url(`/me/act?person=${personId}`));
      await page.getByRole('heading', { level: 2, name: '会員の代理で操作する' }).waitFor();
      expect(await page.getByLabel('会員ID').inputValue()).toBe(personId);
      await page.getByLabel('理由（必須）').fill('会員本人からの電話依頼により連絡先を確認');
      await page.getByRole('button', { name: '代理操作を開始する' }).click();
      const banner = page.getByTestId('acting-banner');
      await banner.waitFor();
      expect(await banner.innerText()).toContain(
        '職員 文京 窓口担当 が 佐藤 一郎 さんの代理で操作しています',
      );
      expect(await banner.innerText()).toContain('会員本人からの電話依頼により連絡先を確認');
      await page.getByText('佐藤 一郎').first().waitFor();
      // recorded in the member's log: the token's issuance, with the staff member as actor
      const issued = await admin.query(
        `SELECT actor FROM audit.entry WHERE operation = 'act_on_behalf:token_issued' AND $1 = ANY(person_ids)`,
        [personId],
      );
      expect(issued.rows).toEqual([{ actor: staff.account.id }]);
      // as the member, but only what a delegated token may do: the member's records are shown, the
      // assistants (the physician's own act, refused to every delegated token) are not
      await page.getByRole('link', { name: '補助者' }).click();
      await page.getByText('補助者の管理は医師本人だけが行えます。').waitFor();
      expect(await page.getByRole('button', { name: '招待する' }).count()).toBe(0);
      expect(await banner.innerText()).toContain('佐藤 一郎 さんの代理で操作しています');
      await page.getByRole('button', { name: '代理操作を終了する' }).click();
      await page.getByRole('heading', { level: 2, name: '会員の代理で操作する' }).waitFor();

      // a person who is not a member of the staff member's association: one generic refusal
      await page.getByLabel('会員ID').fill(randomUUID());
      await page.getByLabel('理由（必須）').fill('確認');
      await page.getByRole('button', { name: '代理操作を開始する' }).click();
      await page.getByText('代理操作を開始できませんでした').waitFor();
    } finally {
      await context.close();
    }
  });
});
