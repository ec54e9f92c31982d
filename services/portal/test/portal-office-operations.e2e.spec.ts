import { clock } from '@mamis/platform';
import type { Client } from 'pg';
import { buildMembership, buildPerson } from '../../../test/support/builders';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { buildTree, staffOf, type Tree } from '../../membership/test/support/membership-service';
import { startPortalStack, type PortalSession, type PortalStack } from './support/portal-session';

/**
 * 処理状況 (Operations) in a real Chromium, through identity and the gateway: the 文京区医師会 clerk
 * starts an invoice run, leaves for another page while it runs, opens 処理状況 and finds the run —
 * running, then completed with its counts (the list asks again while anything runs). The invoice
 * run is slowed in the database so that it is still running when the clerk leaves.
 */
describe('portal: long office operations (処理状況) in a browser', () => {
  const MEMBERS = 4;
  let db: TestDatabase;
  let admin: Client;
  let env: PortalStack;
  let stack: PortalStack['stack'];
  let t: Tree;
  let totpSecret: string;
  let session: PortalSession;

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await db.admin();
    t = await buildTree(admin);
    for (let i = 0; i < MEMBERS; i++) {
      const p = await buildPerson(admin);
      await buildMembership(admin, {
        person_id: p.id,
        association_id: t.bunkyo.id,
        category: 'A①',
        joined_on: `${clock.fiscalYear() - 10}-04-01`, // ten fiscal years ago: a full year billed
      });
    }
    env = await startPortalStack(db);
    stack = env.stack;
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
            fiscalYear: clock.fiscalYear(),
            bands: [{ annualFeeYen: 60000 }],
          },
        },
      ],
    ] as const) {
      const res = await stack.queryAs(clerkApi, q, v);
      expect(res.body.errors).toBeUndefined();
    }
    const clerk = await env.bed!.fx.account({
      username: 'bunkyo-ops-clerk',
      kind: 'STAFF',
      displayName: '文京区医師会 事務局',
      associationId: t.bunkyo.id,
      role: 'CLERK',
    });
    totpSecret = clerk.totpSecret!;
  }, 240_000);

  afterAll(async () => {
    await env?.close();
    await admin?.end();
    await db?.drop();
  });

  it('signs the clerk in', async () => {
    session = await env.signedInSession({ username: 'bunkyo-ops-clerk', totpSecret, area: '/office' });
  }, 120_000);

  it('runs the invoices, leaves while they run, and finds the completed run under 処理状況', async () => {
    // every invoice takes a second to write: the run is still going when the clerk leaves
    await admin.query(`CREATE FUNCTION membership.test_slow_invoice() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_sleep(1); RETURN NEW; END $$`);
    await admin.query(`CREATE TRIGGER test_slow_invoice BEFORE INSERT ON membership.dues_invoice
      FOR EACH ROW EXECUTE FUNCTION membership.test_slow_invoice()`);
    const { context, page } = await env.open(session, '/office/dues');
    try {
      await page.getByLabel('年度（4月始まり、例：2026）').fill(String(clock.fiscalYear()));
      await page.getByRole('button', { name: '確認する（試行）' }).first().click();
      await page.getByTestId('invoice-preview').waitFor();
      await page.getByRole('button', { name: `${MEMBERS}件の請求を作成する` }).click();
      // while it runs: the page says the clerk may leave, and where to look
      const hint = page.getByTestId('invoice-run-done');
      await hint.getByText('このページを離れても処理は続き').waitFor();

      // leave for another section (keyboard: the navigation is links), then open 処理状況
      await page.getByRole('navigation', { name: '事務局' }).getByRole('link', { name: '会員一覧' }).click();
      await page.waitForURL(/\/office\/members$/);
      const opsLink = page
        .getByRole('navigation', { name: '事務局' })
        .getByRole('link', { name: '処理状況' });
      await opsLink.focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/office\/operations$/);
      await page.getByRole('heading', { name: '事務局 — 処理状況' }).waitFor();

      const item = page.getByTestId('operation').first();
      // running: its progress bar is named and the list says it updates itself
      await page.locator('[data-testid="operation"][data-status="RUNNING"]').waitFor({ timeout: 10_000 });
      expect(await item.innerText()).toContain('会費の請求作成');
      expect(await item.innerText()).toContain('処理中');
      await page.getByRole('progressbar', { name: '会費の請求作成の進捗' }).waitFor();
      await page.getByText('処理中のものがあります。この一覧は自動で更新されます。').waitFor();

      // the list asks again until the run is done: completed, with its counts
      await page.locator('[data-testid="operation"][data-status="SUCCEEDED"]').waitFor({ timeout: 30_000 });
      const summary = await item.getByTestId('operation-summary').innerText();
      expect(summary).toContain(`${clock.fiscalYear()}年度`);
      expect(summary).toContain(`請求を作成 ${MEMBERS}件`);
      expect(await item.innerText()).toContain(`${MEMBERS} / ${MEMBERS}件`);
      expect(await item.innerText()).toContain('文京区医師会 事務局');
      const bar = page.getByRole('progressbar', { name: '会費の請求作成の進捗' });
      expect(await bar.getAttribute('value')).toBe(String(MEMBERS));
      expect(await bar.getAttribute('max')).toBe(String(MEMBERS));
    } finally {
      await context.close();
      await admin.query('DROP TRIGGER test_slow_invoice ON membership.dues_invoice');
      await admin.query('DROP FUNCTION membership.test_slow_invoice()');
    }
    const { rows } = await admin.query<{ n: string }>(
      'SELECT count(*) AS n FROM membership.dues_invoice WHERE association_id = $1',
      [t.bunkyo.id],
    );
    expect(Number(rows[0]!.n)).toBe(MEMBERS);

    await env.checkBothWidths('portal-office-operations', session, '/office/operations', async (p) => {
      await p.locator('[data-testid="operation"][data-status="SUCCEEDED"]').waitFor();
    });
  }, 240_000);

  it('after a payment import the dues page links to 処理状況, which shows its counts', async () => {
    const { rows } = await admin.query<{ reference: string }>(
      'SELECT reference FROM membership.dues_invoice WHERE association_id = $1 ORDER BY reference LIMIT 2',
      [t.bunkyo.id],
    );
    const csv = [
      '取引日,金額,振込依頼人名,参照番号',
      ...rows.map((r) => `${clock.today()},60000,ﾔﾏﾀﾞ ﾀﾛｳ,${r.reference}`),
      `${clock.today()},5000,ﾀﾞﾚｶ,${clock.fiscalYear()}999999`,
    ].join('\r\n');
    const { context, page } = await env.open(session, '/office/dues');
    try {
      await page.getByLabel('入金明細CSV').setInputFiles({
        name: 'bank.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv, 'utf8'),
      });
      await page.getByRole('button', { name: '確認する（試行）' }).nth(1).click();
      await page.getByTestId('payments-preview').waitFor();
      await page.getByRole('button', { name: '照合できた2件を取り込む' }).click();
      const done = page.getByTestId('payments-done');
      await done.getByText('2件（120,000円）の入金を記録しました。').waitFor();
      expect(await done.innerText()).toContain('処理状況で確認できます。');
      await done.getByRole('link', { name: '処理状況を開く' }).click();
      await page.waitForURL(/\/office\/operations$/);
      const item = page.getByTestId('operation').first();
      await item.waitFor();
      expect(await item.getAttribute('data-status')).toBe('SUCCEEDED');
      expect(await item.innerText()).toContain('入金の取込');
      expect(await item.getByTestId('operation-summary').innerText()).toBe(
        '3行中 入金を記録 2件（120,000円）、照合できない行 1件',
      );
      expect(await page.getByTestId('operation').count()).toBe(2);
    } finally {
      await context.close();
    }
  }, 120_000);
});
