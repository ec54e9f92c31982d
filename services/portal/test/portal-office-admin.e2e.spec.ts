import type { Client } from 'pg';
import type { Page } from 'playwright-core';
import { buildMembership, buildPerson } from '../../../test/support/builders';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { buildTree, type Tree } from '../../membership/test/support/membership-service';
import {
  CLIENT_ID,
  sessionOf,
  startPortalStack,
  type PortalSession,
  type PortalStack,
} from './support/portal-session';

/**
 * Office administration (職員管理) in a real Chromium, through identity and the gateway: the
 * 文京区医師会 ADMIN sees 職員管理 in the office navigation, the staff list, invites a clerk (the
 * problems at their fields in Japanese, then only a one-time link), disables a clerk after a
 * confirmation (the clerk's open session is refused at its next request), re-enables them, resets
 * a second factor after a confirmation, and pages through the office's audit trail; a CLERK who
 * opens the address directly is refused. Keyboard only for the confirmations.
 */
describe('portal: office administration (職員管理) in a browser', () => {
  let db: TestDatabase;
  let admin: Client;
  let env: PortalStack;
  let t: Tree;
  const totp: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let adminSession: PortalSession;
  let clerkSession: PortalSession;

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await db.admin();
    t = await buildTree(admin);
    for (const [family, given] of [
      ['山田', '花子'],
      ['鈴木', '一郎'],
    ]) {
      const p = await buildPerson(admin, { family_name: family, given_name: given });
      await buildMembership(admin, { person_id: p.id, association_id: t.bunkyo.id });
    }
    env = await startPortalStack(db);
    for (const [username, displayName, associationId, role] of [
      ['bunkyo-admin', '文京 管理者', t.bunkyo.id, 'ADMIN'],
      ['bunkyo-clerk', '文京 花子', t.bunkyo.id, 'CLERK'],
      ['bunkyo-clerk2', '文京 次郎', t.bunkyo.id, 'CLERK'],
      ['chiyoda-clerk', '千代田 事務', t.chiyoda.id, 'CLERK'],
    ] as const) {
      const a = await env.bed!.fx.account({ username, kind: 'STAFF', displayName, associationId, role });
      totp[username] = a.totpSecret!;
      ids[username] = a.account.id;
    }
    // earlier reads by the office's clerk (as the gateway records them): enough for a second page
    await admin.query(
      `INSERT INTO audit.entry (request_id, service, operation, actor, viewer_kind, viewer_association,
                                person_ids, groups, action, prev_hash, hash)
       SELECT 'seed-' || n, 'membership', 'OfficeMembers', $1, 'STAFF', $2::uuid, '{}', '{IDENTITY}', 'READ',
              '\\x'::bytea, '\\x'::bytea
       FROM generate_series(1, 25) n`,
      [ids['bunkyo-clerk'], t.bunkyo.id],
    );
  }, 240_000);

  afterAll(async () => {
    await env?.close();
    await admin?.end();
    await db?.drop();
  });

  const signInSession = async (username: string) => {
    const signedIn = await env.signedIn({ username, totpSecret: totp[username], area: '/office' });
    try {
      return await sessionOf(signedIn.page);
    } finally {
      await signedIn.context.close();
    }
  };

  /** The access token a session holds (oidc-client-ts's user in sessionStorage). */
  const accessTokenOf = (session: PortalSession) =>
    (JSON.parse(session[`oidc.user:${env.issuer}:${CLIENT_ID}`]!) as { access_token: string }).access_token;

  const gatewayStatus = async (token: string) =>
    (await env.gateway.query('{ viewer { kind } }', undefined, { authorization: `Bearer ${token}` })).status;

  const row = (page: Page, username: string) =>
    page.locator(`[data-testid=staff-list] tr[data-username="${username}"]`);

  it('a CLERK has no 職員管理 in the navigation and is refused at the address (閲覧権限なし)', async () => {
    clerkSession = await signInSession('bunkyo-clerk');
    const { context, page } = await env.open(clerkSession, '/office/members');
    try {
      await page
        .getByRole('navigation', { name: '事務局' })
        .getByRole('link', { name: '会員一覧' })
        .waitFor();
      expect(await page.getByRole('link', { name: '職員管理' }).count()).toBe(0);
      await page.goto(env.url('/office/admin'));
      await page.getByTestId('staff-admin-refused').waitFor();
      expect(await page.getByTestId('staff-admin-refused').innerText()).toContain('閲覧権限なし');
      expect(await page.getByTestId('staff-list').count()).toBe(0);
    } finally {
      await context.close();
    }
    await env.checkBothWidths('portal-office-admin-refused', clerkSession, '/office/admin', (p) =>
      p.getByTestId('staff-admin-refused').waitFor(),
    );
  });

  it('the ADMIN: 職員管理 in the navigation; the staff list and the audit trail at both widths', async () => {
    adminSession = await signInSession('bunkyo-admin');
    const { context, page } = await env.open(adminSession, '/office/members');
    try {
      await page.getByRole('link', { name: '職員管理' }).click();
      await page.getByTestId('staff-list').waitFor();
      expect(new URL(page.url()).pathname).toBe('/office/admin');
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('職員管理');
      // its own office only, with the second factor and the last sign-in; no action on oneself
      const usernames = await page
        .locator('[data-testid=staff-list] tbody tr')
        .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-username')));
      expect(usernames.sort()).toEqual(['bunkyo-admin', 'bunkyo-clerk', 'bunkyo-clerk2']);
      expect(await row(page, 'bunkyo-clerk').innerText()).toMatch(/事務職員[\s\S]*有効[\s\S]*設定済み/);
      expect(await row(page, 'bunkyo-clerk2').innerText()).toContain('記録なし');
      expect(await row(page, 'bunkyo-admin').innerText()).toContain('ご自身のアカウント');
      expect(await row(page, 'bunkyo-admin').getByRole('button').count()).toBe(0);
    } finally {
      await context.close();
    }
    await env.checkBothWidths('portal-office-admin', adminSession, '/office/admin', async (p) => {
      await p.getByTestId('staff-list').waitFor();
      await p.getByTestId('staff-audit').waitFor();
    });
  });

  it('invites a clerk: problems at their fields in Japanese, then only a one-time link', async () => {
    const { context, page } = await env.open(adminSession, '/office/admin');
    try {
      await page.getByTestId('staff-list').waitFor();
      const form = page.getByTestId('staff-invite');
      const name = form.getByLabel('氏名');
      const username = form.getByLabel('ユーザー名');
      const submit = form.getByRole('button', { name: '招待リンクを作成する' });
      // nothing entered: both required fields marked, the first has the focus, nothing sent
      await submit.click();
      await page.getByText('氏名を入力してください。').waitFor();
      expect(await name.getAttribute('aria-invalid')).toBe('true');
      expect(await username.getAttribute('aria-invalid')).toBe('true');
      expect(await page.evaluate('document.activeElement?.id')).toBe(await name.getAttribute('id'));
      // the API's problems, at the field they name
      await name.fill('新任 事務員');
      await username.fill('a b');
      await submit.click();
      await page.getByText('ユーザー名は半角英小文字・数字と . _ - で3〜64文字です。').waitFor();
      expect(await username.getAttribute('aria-invalid')).toBe('true');
      expect(await name.getAttribute('aria-invalid')).toBeNull();
      const errorId = (await username.getAttribute('aria-describedby'))!.split(' ').pop()!;
      expect(await page.locator(`[id="${errorId}"]`).innerText()).toContain('ユーザー名は半角英小文字');
      await username.fill('bunkyo-clerk');
      await submit.click();
      await page.getByText('このユーザー名は既に使われています。').waitFor();
      await username.fill('new-clerk');
      await form.getByLabel('メールアドレス（任意）').fill('メール');
      await submit.click();
      await page.getByText('メールアドレスの形式が正しくありません。').waitFor();
      await form.getByLabel('メールアドレス（任意）').fill('new-clerk@example.jp');
      // pressing Enter in the form sends it (keyboard)
      await username.press('Enter');
      const invited = page.getByTestId('staff-invited');
      await invited.waitFor();
      expect(await invited.innerText()).toContain('新任 事務員 さんを招待しました');
      const url = await page.getByTestId('staff-invitation-url').innerText();
      expect(url).toMatch(/\/invitation\/[A-Za-z0-9_-]{40,}$/);
      expect(await invited.innerText()).not.toMatch(/パスワード:|otpauth|回復コード/);
      await row(page, 'new-clerk').waitFor();
      expect(await row(page, 'new-clerk').innerText()).toMatch(/招待中[\s\S]*リンクの期限/);
      // the link works once: the clerk sets their password
      const accept = async () =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ password: 'a fresh clerk password' }).toString(),
        });
      expect((await accept()).status).toBe(200);
      expect((await accept()).status).toBe(400);
    } finally {
      await context.close();
    }
  });

  it("disables a clerk after a confirmation (keyboard): the clerk's open session is refused at its next request; then re-enables", async () => {
    const clerkToken = accessTokenOf(clerkSession);
    expect(await gatewayStatus(clerkToken)).toBe(200);
    const { context, page } = await env.open(adminSession, '/office/admin');
    try {
      await row(page, 'bunkyo-clerk').waitFor();
      const disable = row(page, 'bunkyo-clerk').getByRole('button', { name: '停止: 文京 花子' });
      // a first press only asks; cancelling changes nothing
      await disable.focus();
      await page.keyboard.press('Enter');
      const confirm = page.getByTestId('staff-confirm');
      await confirm.waitFor();
      expect(await confirm.innerText()).toContain('文京 花子 さんのアカウントを停止しますか');
      expect(await page.evaluate('document.activeElement?.tagName')).toBe('H3');
      await confirm.getByRole('button', { name: 'やめる' }).click();
      expect(await confirm.count()).toBe(0);
      expect(await gatewayStatus(clerkToken)).toBe(200);

      await disable.focus();
      await page.keyboard.press('Enter');
      await confirm.getByLabel('理由（任意）').fill('異動のため');
      await confirm.getByRole('button', { name: '停止する' }).focus();
      await page.keyboard.press('Enter');
      await page
        .getByTestId('staff-admin-done')
        .getByText('文京 花子 さんのアカウントを停止しました。')
        .waitFor();
      await row(page, 'bunkyo-clerk').getByText('停止中').waitFor();
      // the clerk's token from before: refused at once
      expect(await gatewayStatus(clerkToken)).toBe(401);
      const clerkTab = await env.open(clerkSession, '/office/members');
      try {
        // the page reads nothing with the revoked token: an error or the sign-in, never the list
        await clerkTab.page.locator('[role=alert], main button:has-text("ログイン")').first().waitFor();
        expect(await clerkTab.page.getByTestId('members').locator('tbody tr').count()).toBe(0);
      } finally {
        await clerkTab.context.close();
      }

      await row(page, 'bunkyo-clerk').getByRole('button', { name: '再開: 文京 花子' }).click();
      await confirm.getByRole('button', { name: '再開する' }).click();
      await row(page, 'bunkyo-clerk').getByText('有効').waitFor();
      const rows = await admin.query('SELECT status FROM identity.account WHERE id = $1', [
        ids['bunkyo-clerk'],
      ]);
      expect(rows.rows[0].status).toBe('ACTIVE');
    } finally {
      await context.close();
    }
  });

  it('resets a second factor after a confirmation; the audit trail shows the actions and pages on', async () => {
    const { context, page } = await env.open(adminSession, '/office/admin');
    try {
      await row(page, 'bunkyo-clerk2').waitFor();
      await row(page, 'bunkyo-clerk2')
        .getByRole('button', { name: '2段階認証をリセット: 文京 次郎' })
        .click();
      const confirm = page.getByTestId('staff-confirm');
      expect(await confirm.innerText()).toContain('文京 次郎 さんの2段階認証をリセットしますか');
      await confirm.getByRole('button', { name: 'リセットする' }).click();
      await page.getByTestId('staff-admin-done').waitFor();
      await row(page, 'bunkyo-clerk2').getByText('未設定（次回ログイン時に設定）').waitFor();

      const audit = page.getByTestId('staff-audit');
      await audit.getByText('2段階認証のリセット').first().waitFor();
      const text = await audit.innerText();
      for (const op of ['職員の招待', 'アカウントの停止', 'アカウントの再開', '職員一覧の閲覧'])
        expect(text).toContain(op);
      const count = () => audit.locator('tbody tr').count();
      expect(await count()).toBe(20);
      await page.getByRole('button', { name: 'さらに表示する' }).click();
      await audit.locator('tbody tr').nth(20).waitFor();
      // by staff member: the clerk's reads only
      await page.getByLabel('職員', { exact: true }).selectOption({ label: '文京 花子（bunkyo-clerk）' });
      await page.getByRole('button', { name: '表示する', exact: true }).click();
      await audit.locator('tbody tr').first().getByText('文京 花子', { exact: true }).waitFor();
      const actors = await audit.locator('tbody tr td:nth-child(2)').allInnerTexts();
      expect(actors.length).toBe(20);
      expect(new Set(actors)).toEqual(new Set(['文京 花子']));
      // a reversed period: the problem at the end date
      await page.getByLabel('開始日').fill('2023-05-02');
      await page.getByLabel('終了日').fill('2023-05-01');
      await page.getByRole('button', { name: '表示する', exact: true }).click();
      await page.getByText('終了日は開始日以降にしてください。').waitFor();
      expect(await page.getByLabel('終了日').getAttribute('aria-invalid')).toBe('true');
    } finally {
      await context.close();
    }
    await env.checkBothWidths('portal-office-admin-confirm', adminSession, '/office/admin', async (p) => {
      await row(p, 'bunkyo-clerk').waitFor();
      await row(p, 'bunkyo-clerk').getByRole('button', { name: '停止: 文京 花子' }).click();
      await p.getByTestId('staff-confirm').waitFor();
    });
  });
});
