import { readFile } from 'node:fs/promises';
import { addDays, clock } from '@mamis/platform';
import type { Client } from 'pg';
import type { Page } from 'playwright-core';
import { buildMembership, buildPerson } from '../../../test/support/builders';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { buildTree, staffOf, type Tree } from '../../membership/test/support/membership-service';
import { sessionOf, startPortalStack, type PortalSession, type PortalStack } from './support/portal-session';

/**
 * The office console's dues screen in a real Chromium, through identity and the gateway: the
 * 文京区医師会 clerk sees the arrears (unpaid and partly paid invoices past their due date, with the
 * days overdue from the platform clock), previews reminders, makes the letters (recorded as a
 * provision record), and downloads an invoice and a receipt as PDFs; the physician downloads
 * their own invoice and receipt from My Page. Dates come from the clock.
 */
describe('portal: dues arrears, reminders and PDFs in a browser', () => {
  let db: TestDatabase;
  let admin: Client;
  let env: PortalStack;
  let stack: PortalStack['stack'];
  let t: Tree;
  let totpSecret: string;
  let session: PortalSession;
  const ids: Record<string, string> = {};
  const refs: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await db.admin();
    t = await buildTree(admin);
    for (const [key, family, given, fk, gk] of [
      ['hanako', '山田', '花子', 'ヤマダ', 'ハナコ'],
      ['taro', '山田', '太郎', 'ヤマダ', 'タロウ'],
      ['ichiro', '鈴木', '一郎', 'スズキ', 'イチロウ'],
    ] as const) {
      const p = await buildPerson(admin, {
        family_name: family,
        given_name: given,
        family_name_kana: fk,
        given_name_kana: gk,
        postal_code: '1130033',
        address: '東京都文京区本郷1-1-1',
      });
      ids[key] = p.id;
      await buildMembership(admin, {
        person_id: p.id,
        association_id: t.bunkyo.id,
        category: 'A①',
        joined_on: `${clock.fiscalYear() - 10}-04-01`, // ten fiscal years ago: a full year billed
      });
    }
    env = await startPortalStack(db);
    stack = env.stack;
    const FY = clock.fiscalYear();
    const clerkApi = staffOf(t.bunkyo);
    for (const [q, v] of [
      [
        'mutation($i: SetMembershipCategoryInput!) { setMembershipCategory(input: $i) { code } }',
        { i: { associationId: t.bunkyo.id, code: 'A①', name: 'A会員（開業医）' } },
      ],
      [
        'mutation($i: SetFeeScheduleInput!) { setFeeSchedule(input: $i) { id } }',
        {
          i: {
            associationId: t.bunkyo.id,
            categoryCode: 'A①',
            fiscalYear: FY,
            bands: [{ annualFeeYen: 60000 }],
          },
        },
      ],
      [
        'mutation($a: ID!, $fy: Int!, $on: Date) { generateDuesInvoices(associationId: $a, fiscalYear: $fy, issuedOn: $on) { created } }',
        // issued 90 days ago: due at the end of the following month, so overdue today
        { a: t.bunkyo.id, fy: FY, on: addDays(clock.today(), -90) },
      ],
    ] as const) {
      const res = await stack.queryAs(clerkApi, q, v);
      expect(res.body.errors).toBeUndefined();
    }
    const { rows } = await admin.query<{ id: string; person_id: string; reference: string }>(
      'SELECT id::text, person_id::text, reference FROM membership.dues_invoice WHERE association_id = $1',
      [t.bunkyo.id],
    );
    for (const [key, personId] of Object.entries(ids)) {
      const r = rows.find((x) => x.person_id === personId)!;
      refs[key] = r.reference;
      ids[`${key}Invoice`] = r.id;
    }
    // 太郎 paid part, 一郎 paid in full (his receipt)
    for (const [key, amountYen] of [
      ['taro', 20000],
      ['ichiro', 60000],
    ] as const) {
      const res = await stack.queryAs(
        clerkApi,
        'mutation($i: RecordDuesPaymentInput!) { recordDuesPayment(input: $i) { id } }',
        { i: { invoiceId: ids[`${key}Invoice`], amountYen, paidOn: addDays(clock.today(), -5) } },
      );
      expect(res.body.errors).toBeUndefined();
    }
    const bed = env.bed!;
    const clerk = await bed.fx.account({
      username: 'bunkyo-dues-clerk',
      kind: 'STAFF',
      displayName: '文京区医師会 事務局',
      associationId: t.bunkyo.id,
      role: 'CLERK',
    });
    totpSecret = clerk.totpSecret!;
    await bed.fx.account({ username: 'dr-ichiro', kind: 'PHYSICIAN', personId: ids.ichiro });
  }, 240_000);

  afterAll(async () => {
    await env?.close();
    await admin?.end();
    await db?.drop();
  });

  /** A new tab of the signed-in clerk (the first test signs in once), saving downloads. */
  const clerkPage = (path: string) => env.open(session, path, { acceptDownloads: true });

  /** Click a download button; the file the browser saved. */
  async function downloaded(page: Page, click: () => Promise<void>) {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), click()]);
    const path = await download.path();
    return { name: download.suggestedFilename(), bytes: await readFile(path) };
  }

  it('signs the clerk in', async () => {
    session = await env.signedInSession({ username: 'bunkyo-dues-clerk', totpSecret, area: '/office' });
  }, 120_000);

  it('lists the arrears with days overdue, previews the reminders and makes the letters once', async () => {
    await env.checkBothWidths('portal-office-dues-arrears', session, '/office/dues', async (p) => {
      await p.getByTestId('arrears').waitFor();
    });
    const { context, page } = await clerkPage('/office/dues');
    try {
      const table = page.getByTestId('arrears');
      await table.waitFor();
      const text = await table.innerText();
      // 花子 and 太郎 (partly paid) are overdue; 一郎 paid
      expect(text).toContain('山田 花子');
      expect(text).toContain('山田 太郎');
      expect(text).not.toContain('鈴木 一郎');
      expect(text).toContain('40,000円（一部入金）');
      expect(await page.getByTestId('arrears-summary').innerText()).toContain('2件、未納額の合計 100,000円');
      // the payment-state filter
      await page.getByLabel('入金状況').selectOption('PARTIAL');
      expect(await table.locator('tbody tr').count()).toBe(1);
      await page.getByLabel('入金状況').selectOption('ALL');

      // nothing chosen, no sender: both fields say what to fix, nothing is sent
      await page.getByRole('button', { name: '督促の内容を確認（試行）' }).click();
      await page.getByText('督促する請求を一覧から選んでください。').waitFor();
      expect(await page.getByLabel(/督促状の発送者/).getAttribute('aria-invalid')).toBe('true');

      await page.getByRole('checkbox', { name: 'すべて選ぶ' }).check();
      await page.getByLabel(/督促状の発送者/).fill('文京印刷株式会社');
      await page.getByLabel(/督促状に添える一文/).fill('振込先：文京銀行 本店 普通 1234567');
      await page.getByRole('button', { name: '督促の内容を確認（試行）' }).click();
      const preview = page.getByTestId('reminders-preview');
      await preview.waitFor();
      expect(await preview.innerText()).toContain('督促状 2名分（請求 2件、未納額 100,000円）');
      const provisions = () =>
        admin.query<{ recipient: string; format: string; row_count: number }>(
          'SELECT recipient, format, row_count FROM membership.provision_record WHERE association_id = $1',
          [t.bunkyo.id],
        );
      expect((await provisions()).rows).toEqual([]);
      await env.checkBothWidths(
        'portal-office-dues-reminders-preview',
        session,
        '/office/dues',
        async (p) => {
          await p.getByTestId('arrears').waitFor();
          await p.getByRole('checkbox', { name: 'すべて選ぶ' }).check();
          await p.getByLabel(/督促状の発送者/).fill('文京印刷株式会社');
          await p.getByRole('button', { name: '督促の内容を確認（試行）' }).click();
          await p.getByTestId('reminders-preview').waitFor();
        },
      );

      // a double press sends once (the idempotency key made with the preview)
      const apply = page.getByRole('button', { name: '2名分の督促状を作成する' });
      await apply.dblclick();
      const done = page.getByTestId('reminders-done');
      await done.waitFor();
      expect(await done.innerText()).toContain('2名分（100,000円）の督促状を作成し');
      expect((await provisions()).rows).toEqual([
        { recipient: '文京印刷株式会社', format: 'DUES_REMINDER', row_count: 2 },
      ]);
      const letters = await downloaded(page, () => page.getByTestId('reminder-letters').click());
      expect(letters.name).toMatch(/^dues-reminders-.*\.pdf$/);
      expect(letters.bytes.subarray(0, 5).toString()).toBe('%PDF-');
      // the list now shows the reminder
      await page.getByTestId('arrears').getByText('1回').first().waitFor();
    } finally {
      await context.close();
    }
  }, 240_000);

  it('downloads an invoice from the arrears list and a receipt by invoice number', async () => {
    const { context, page } = await clerkPage('/office/dues');
    try {
      await page.getByTestId('arrears').waitFor();
      const invoice = await downloaded(page, () => page.getByTestId(`invoice-pdf-${refs.hanako}`).click());
      expect(invoice.name).toBe(`invoice-${refs.hanako}.pdf`);
      expect(invoice.bytes.subarray(0, 5).toString()).toBe('%PDF-');
      expect(invoice.bytes.toString('latin1')).toMatch(/NotoSansJP/);

      await page.getByLabel('請求番号').fill(refs.ichiro!);
      await page.getByRole('button', { name: '検索する' }).click();
      const found = page.getByTestId('invoice-found');
      await found.waitFor();
      expect(await found.innerText()).toContain('鈴木 一郎');
      const receipt = await downloaded(page, () => page.getByTestId(`receipt-pdf-${refs.ichiro}`).click());
      expect(receipt.name).toBe(`receipt-${refs.ichiro}.pdf`);
      expect(receipt.bytes.subarray(0, 5).toString()).toBe('%PDF-');
      await env.checkBothWidths('portal-office-dues-documents', session, '/office/dues', async (p) => {
        await p.getByLabel('請求番号').fill(refs.ichiro!);
        await p.getByRole('button', { name: '検索する' }).click();
        await p.getByTestId('invoice-found').waitFor();
      });
    } finally {
      await context.close();
    }
  }, 180_000);

  it('lets the physician download their own invoice and receipt from My Page', async () => {
    const { context, page } = await env.signedIn({ username: 'dr-ichiro' }, { acceptDownloads: true });
    try {
      const mySession = await sessionOf(page);
      await page.goto(env.url('/me/dues'));
      await page.getByTestId('dues').waitFor();
      const receipt = await downloaded(page, () =>
        page.getByTestId(`my-receipt-pdf-${ids.ichiroInvoice}`).click(),
      );
      expect(receipt.name).toBe(`receipt-${refs.ichiro}.pdf`);
      expect(receipt.bytes.subarray(0, 5).toString()).toBe('%PDF-');
      const invoice = await downloaded(page, () =>
        page.getByTestId(`my-invoice-pdf-${ids.ichiroInvoice}`).click(),
      );
      expect(invoice.name).toBe(`invoice-${refs.ichiro}.pdf`);
      await env.checkBothWidths('portal-my-dues-documents', mySession, '/me/dues', async (p) => {
        await p.getByTestId('dues').waitFor();
      });
    } finally {
      await context.close();
    }
  }, 180_000);
});
