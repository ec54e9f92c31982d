import { clock } from '@mamis/platform';
import type { Client } from 'pg';
import { buildAssociation, buildMembership, buildPerson } from '../../../test/support/builders';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { Browser as FormBrowser, formAction, signIn } from '../../identity/test/support/oauth-client';
import { CLIENT_ID, sessionOf, startPortalStack, type PortalStack } from './support/portal-session';

const addDays = (iso: string, n: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/**
 * My Page in a real Chromium: the physician signs in through the identity service (authorization
 * code + PKCE by oidc-client-ts, the terms step at the first sign-in), edits contact data (a stale
 * version is a conflict that keeps the input), files an application, invites and revokes an
 * assistant (whose very next request is refused); an assistant sees the banner and 閲覧権限なし
 * for what it was not granted. Everything through the real gateway and identity service.
 */
describe('portal: sign-in and My Page in a browser, through identity and the gateway', () => {
  let db: TestDatabase;
  let admin: Client;
  let env: PortalStack;
  let personId: string;
  let municipalName: string;
  let municipalId: string;
  const today = clock.today();

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await db.admin();
    await buildAssociation(admin, { tier: 'NATIONAL', name: '日本医師会' });
    const municipal = await buildAssociation(admin, { tier: 'MUNICIPAL', name: '文京区医師会' });
    municipalName = municipal.name;
    municipalId = municipal.id;
    const person = await buildPerson(admin, { family_name: '山田', given_name: '花子' });
    personId = person.id;
    await buildMembership(admin, { person_id: person.id, association_id: municipal.id });
    env = await startPortalStack(db);
    await env.bed!.fx.account({ username: 'dr-portal', kind: 'PHYSICIAN', personId });
  }, 240_000);

  afterAll(async () => {
    await env?.close();
    await admin?.end();
    await db?.drop();
  });

  const physicianSession = () => env.signedIn({ username: 'dr-portal' });

  it('signs the physician in (PKCE, the terms at the first sign-in) and shows every My Page view at both widths', async () => {
    const { context, page } = await physicianSession();
    try {
      const session = await sessionOf(page);
      expect(Object.keys(session).some((k) => k.startsWith('oidc.user:'))).toBe(true);
      await page.getByText('山田 花子').first().waitFor();
      // the acceptance is recorded in consent, through identity's terms page
      const accepted = await admin.query('SELECT method FROM consent.terms_acceptance WHERE person_id = $1', [
        personId,
      ]);
      expect(accepted.rows).toEqual([{ method: 'LOGIN_PAGE' }]);
      for (const [path, name, ready] of [
        ['/me', 'portal-my-profile', '連絡先'],
        ['/me/memberships', 'portal-my-memberships', '現在と過去の会員資格'],
        ['/me/applications', 'portal-my-applications', '申請と承認の状況'],
        ['/me/training', 'portal-my-training', '取得単位'],
        ['/me/access-log', 'portal-my-access-log', 'わたしの情報を閲覧・変更した記録'],
        ['/me/assistants', 'portal-my-assistants', '補助者（代理で操作できる人）'],
      ] as const) {
        await env.checkBothWidths(name, session, path, (p) =>
          p.getByRole('heading', { level: 2, name: ready, exact: true }).waitFor(),
        );
      }
      // sessionStorage is per tab: the signed-in tab itself goes on
      await page.getByRole('link', { name: '会員資格' }).click();
      await page.getByRole('cell', { name: municipalName }).waitFor();
    } finally {
      await context.close();
    }
  }, 240_000);

  it('edits contact data; a stale version is a clear conflict that keeps the input', async () => {
    const { context, page } = await physicianSession();
    try {
      await page.getByRole('button', { name: '編集する' }).click();
      await page.getByLabel('電話番号').fill('03-1234-5678');
      await page.getByRole('button', { name: '保存する' }).click();
      await page.getByText('保存しました。').waitFor();
      expect(await page.getByTestId('contact').innerText()).toContain('03-1234-5678');

      // someone else saves first (another window, the association's office)
      await page.getByRole('button', { name: '編集する' }).click();
      await page.getByLabel('住所').fill('東京都文京区本駒込二丁目28番16号');
      await admin.query(
        `UPDATE membership.person SET version = version + 1, email = 'latest@example.jp' WHERE id = $1`,
        [personId],
      );
      // the latest version arrives slowly: the conflict must not be shown before it is there
      await env.delayOperation(context, 'MyProfile', 1_500);
      await page.getByRole('button', { name: '保存する' }).click();
      await page.getByTestId('conflict').waitFor();
      // read at once, no retry: the message and the current data appear together
      const conflict = await page.getByTestId('conflict').innerText();
      expect(conflict).toContain('入力内容は消えていません');
      expect(conflict).toContain('latest@example.jp');
      expect(await page.getByLabel('住所').inputValue()).toBe('東京都文京区本駒込二丁目28番16号');
      await page.getByRole('button', { name: '最新の版で続ける' }).click();
      await page.getByRole('button', { name: '保存する' }).click();
      await page.getByText('保存しました。').waitFor();
      const { rows } = await admin.query('SELECT address, phone FROM membership.person WHERE id = $1', [
        personId,
      ]);
      expect(rows[0]).toEqual({ address: '東京都文京区本駒込二丁目28番16号', phone: '03-1234-5678' });
    } finally {
      await context.close();
    }
  });

  it('files an application and shows it with its approval steps', async () => {
    const { context, page } = await physicianSession();
    try {
      await page.getByRole('link', { name: '申請' }).click();
      await page.getByRole('heading', { level: 2, name: '新しい申請' }).waitFor();
      await page.getByLabel('申請の種類').selectOption('LEAVE');
      await page.getByLabel('対象の医師会').selectOption(municipalId);
      await page.getByLabel('希望日').fill(addDays(today, 30));
      await page.getByLabel('備考').fill('転居のため');
      await page.getByRole('button', { name: '申請する' }).click();
      await page.getByText('申請を受け付けました。').waitFor();
      const list = await page.getByTestId('applications').innerText();
      expect(list).toContain('退会');
      expect(list).toContain('審査中');
      expect(list).toContain(municipalName);
      const { rows } = await admin.query(
        `SELECT kind, status, to_char(effective_on, 'YYYY-MM-DD') AS effective_on
           FROM membership.membership_application WHERE person_id = $1`,
        [personId],
      );
      expect(rows).toEqual([{ kind: 'LEAVE', status: 'PENDING', effective_on: addDays(today, 30) }]);
    } finally {
      await context.close();
    }
  });

  /** Accept an invitation (as the assistant would, on identity's page) with a password. */
  const acceptInvitation = async (url: string, password: string) => {
    const b = new FormBrowser();
    const page = await b.request(url);
    const res = await b.request(new URL(formAction(page.text), url).toString(), { form: { password } });
    expect(res.status).toBe(200);
  };

  it('invites an assistant, who sees the banner and 閲覧権限なし outside the rights granted', async () => {
    const { context, page } = await physicianSession();
    let invitationUrl: string;
    try {
      await page.getByRole('link', { name: '補助者' }).click();
      await page.getByLabel('ユーザー名').fill('asst-view');
      await page.getByLabel('表示名').fill('補助者 閲覧');
      // identity:read and contact:read are checked by default
      await page.getByRole('button', { name: '招待する' }).click();
      invitationUrl = await page.locator('code').innerText();
    } finally {
      await context.close();
    }
    await acceptInvitation(invitationUrl, 'assistant password 123');

    const { context: assistant, page: p } = await env.signedIn({
      username: 'asst-view',
      password: 'assistant password 123',
    });
    try {
      const banner = await p
        .getByTestId('acting-banner')
        .innerText()
        .catch(async (err: unknown) => {
          // what the page showed instead (the failure's reason, not a retry)
          throw new Error(`${String(err)}\n${await p.locator('main').innerText()}`);
        });
      expect(banner).toContain('補助者 閲覧');
      expect(banner).toContain('山田 花子');
      const session = await sessionOf(p);
      await env.checkBothWidths('portal-assistant-memberships', session, '/me/memberships', async (q) => {
        await q.getByRole('heading', { level: 2, name: '現在と過去の会員資格' }).waitFor();
        await q.getByText('閲覧権限なし').first().waitFor();
        await q.getByTestId('acting-banner').waitFor();
      });
    } finally {
      await assistant.close();
    }
  });

  it('revokes an assistant at once: its very next request is refused', async () => {
    const { context, page } = await physicianSession();
    try {
      await page.getByRole('link', { name: '補助者' }).click();
      await page.getByLabel('ユーザー名').fill('asst-revoke');
      await page.getByLabel('表示名').fill('補助者 取消');
      await page.getByRole('button', { name: '招待する' }).click();
      await acceptInvitation(await page.locator('code').innerText(), 'assistant password 456');
      const token = (
        await signIn({
          base: env.bed!.idp.url,
          clientId: CLIENT_ID,
          redirectUri: env.url('/callback'),
          username: 'asst-revoke',
          password: 'assistant password 456',
          totpSecret: null,
          scope: 'openid identity:read contact:read',
        })
      ).access_token;
      const asAssistant = () =>
        env.gateway.query<{ me: { id: string } | null }>('{ me { id } }', undefined, {
          authorization: `Bearer ${token}`,
        });
      const before = await asAssistant();
      expect(before.status).toBe(200);
      expect(before.body.data?.me?.id).toBe(personId);

      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: '取り消す: 補助者 取消' }).click();
      await page.getByText('取り消しました。').waitFor();
      await page.getByTestId('assistants').getByText('補助者 取消').waitFor({ state: 'detached' });
      const after = await asAssistant();
      expect(after.status).toBe(401);
      // identity's /manage API answered the portal's origin (CORS); another origin gets nothing
      const preflight = (origin: string) =>
        fetch(`${env.bed!.idp.url}/manage/assistants`, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'DELETE',
            'access-control-request-headers': 'authorization',
          },
        });
      const ours = await preflight(env.portal.url);
      expect(ours.status).toBe(204);
      expect(ours.headers.get('access-control-allow-origin')).toBe(env.portal.url);
      const other = await preflight('http://127.0.0.1:9');
      expect(other.status).toBe(403);
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await context.close();
    }
  });
});
