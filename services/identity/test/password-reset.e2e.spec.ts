import { openTestbed, WEB_CLIENT as CLIENT, WEB_REDIRECT as REDIRECT, type Testbed } from './support/testbed';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { buildPerson } from '../../../test/support/builders';
import { type IdentityFixtures } from './support/identity-fixtures';
import type { IdentityProcess } from './support/identity-process';
import {
  authorizationUrl,
  Browser,
  formAction,
  loginThroughForms,
  signIn,
  tokenRequest,
} from './support/oauth-client';

const OLD = 'correct horse battery staple';
const NEW = 'a brand new passphrase 2025';

interface OutboxMessage {
  to: { address: string }[];
  subject: string;
  text: string;
}

/** Password reset by e-mail (dev outbox): one-time, expiring token; no account enumeration. */
describe('identity: password reset', () => {
  let db: TestDatabase;
  let idp: IdentityProcess;
  let bed: Testbed | undefined;
  let fx: IdentityFixtures;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mamis-identity-reset-'));
  const outbox = path.join(dataDir, 'outbox');

  const outboxFiles = () => (existsSync(outbox) ? readdirSync(outbox).sort() : []);
  const readMessage = (file: string) =>
    JSON.parse(readFileSync(path.join(outbox, file), 'utf8')) as OutboxMessage;
  /** Mail is sent in the background after the answer: wait for the outbox to reach `count`. */
  const waitForOutbox = async (count: number, ms = 10_000) => {
    const until = Date.now() + ms;
    while (outboxFiles().length < count && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    return outboxFiles();
  };
  const settle = () => new Promise((r) => setTimeout(r, 750));

  const requestReset = async (username: string) => {
    const res = await fetch(`${idp.url}/password/forgot`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username }).toString(),
    });
    return { status: res.status, headers: res.headers, text: await res.text() };
  };
  const linkIn = (msg: OutboxMessage) => {
    const m = /https?:\/\/\S+\/password\/reset\/[A-Za-z0-9_-]+/.exec(msg.text);
    if (!m) throw new Error(`no reset link in:\n${msg.text}`);
    return m[0];
  };
  /** Request a reset and return the link of the one new outbox message. */
  const resetLinkFor = async (username: string) => {
    const before = outboxFiles();
    expect((await requestReset(username)).status).toBe(200);
    const after = await waitForOutbox(before.length + 1);
    await settle();
    const fresh = outboxFiles().filter((f) => !before.includes(f));
    expect(fresh).toHaveLength(1);
    expect(after.length).toBe(before.length + 1);
    return { link: linkIn(readMessage(fresh[0]!)), message: readMessage(fresh[0]!) };
  };
  const submit = async (link: string, password: string, confirm = password) => {
    const res = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ password, password_confirm: confirm }).toString(),
    });
    return { status: res.status, text: await res.text() };
  };
  const signInAs = (username: string, password: string) =>
    signIn({ base: idp.url, clientId: CLIENT, redirectUri: REDIRECT, username, password });
  const physician = async (username: string, email: string | null = `${username}@example.jp`) => {
    const c = await db.admin();
    const person = await buildPerson(c);
    return (await fx.account({ username, kind: 'PHYSICIAN', personId: person.id, email })).account;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    ({ idp, fx } = bed = await openTestbed(db, {
      env: {
        IDENTITY_DATA_DIR: dataDir,
        // A lock that outlasts the test, to see the reset clear it.
        LOCKOUT_THRESHOLD: '3',
        LOCKOUT_BASE_SECONDS: '600',
      },
    }));
  });

  afterAll(async () => {
    await bed?.close();
    await db?.drop();
  });

  it('the login page links to an accessible form asking for the username', async () => {
    const browser = new Browser();
    const auth = authorizationUrl(idp.url, { clientId: CLIENT, redirectUri: REDIRECT });
    let res = await browser.request(auth.url);
    while (res.location) res = await browser.request(new URL(res.location, idp.url).toString());
    expect(res.status).toBe(200);
    const href = /<a href="([^"]+)">パスワードをお忘れの方/.exec(res.text)?.[1];
    expect(href).toBe('/password/forgot');

    const form = await browser.request(`${idp.url}${href}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('<html lang="ja">');
    expect(form.text).toMatch(/<label for="username">/);
    expect(form.text).toMatch(/<input type="text" id="username" name="username"[^>]* autofocus/);
    expect(form.text).toContain('role="alert"');
    expect(formAction(form.text)).toBe('/password/forgot');

    const empty = await requestReset('  ');
    expect(empty.status).toBe(400);
    expect(empty.text).toMatch(/role="alert"[^>]*>ユーザー名を入力してください/);
    expect(empty.text).toContain('aria-invalid="true"');
  });

  it('a request for an existing account writes exactly one outbox message whose link works; the new password signs in, the old does not', async () => {
    await physician('dr-reset');
    expect((await signInAs('dr-reset', OLD)).access_token).toBeDefined();
    const { link, message } = await resetLinkFor('DR-Reset'); // names are normalised
    expect(message.to[0]!.address).toBe('dr-reset@example.jp');
    expect(message.subject).toContain('パスワード');
    // Japanese first, English second; the link in both.
    expect(message.text.indexOf('パスワード再設定')).toBeLessThan(message.text.indexOf('reset your'));
    expect(message.text.split(link).length).toBe(3);
    expect(link.startsWith(`${idp.url}/password/reset/`)).toBe(true);

    const page = await fetch(link);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toMatch(/<label for="password">/);
    expect(html).toMatch(/<label for="password_confirm">/);
    expect(html).toMatch(/name="password_confirm" autocomplete="new-password"/);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');

    // Mismatch and weak passwords: the form again with an alert; the token is not used up.
    const mismatch = await submit(link, NEW, `${NEW}x`);
    expect(mismatch.status).toBe(400);
    expect(mismatch.text).toMatch(/role="alert"[^>]*>2つのパスワードが一致しません/);
    const weak = await submit(link, '123456789012345');
    expect(weak.status).toBe(400);
    expect(weak.text).toContain('aria-invalid="true"');

    const done = await submit(link, NEW);
    expect(done.status).toBe(200);
    expect(done.text).toContain('パスワードを変更しました');

    expect((await signInAs('dr-reset', NEW)).access_token).toBeDefined();
    await expect(
      loginThroughForms({
        base: idp.url,
        clientId: CLIENT,
        redirectUri: REDIRECT,
        username: 'dr-reset',
        password: OLD,
      }),
    ).rejects.toThrow(/unexpected 401/);
    // Stored as argon2id, never in clear.
    const rows: { password_hash: string }[] = await fx.ds.query(
      'SELECT password_hash FROM account WHERE username = $1',
      ['dr-reset'],
    );
    expect(rows[0]!.password_hash).toMatch(/^\$argon2id\$/);
    const tokens: { token_hash: string }[] = await fx.ds.query('SELECT token_hash FROM password_reset_token');
    const token = link.split('/').pop()!;
    expect(tokens.some((t) => t.token_hash.includes(token))).toBe(false);
  });

  it('the token cannot be used twice', async () => {
    await physician('dr-twice');
    const { link } = await resetLinkFor('dr-twice');
    expect((await submit(link, NEW)).status).toBe(200);
    const again = await submit(link, 'yet another passphrase');
    expect(again.status).toBe(400);
    expect(again.text).toMatch(/role="alert"[^>]*>このパスワード再設定用のリンクは無効/);
    expect((await fetch(link)).status).toBe(400);
    expect((await signInAs('dr-twice', NEW)).access_token).toBeDefined();
  });

  it('a newer request invalidates the earlier link', async () => {
    await physician('dr-newer');
    const first = await resetLinkFor('dr-newer');
    const second = await resetLinkFor('dr-newer');
    expect((await submit(first.link, NEW)).status).toBe(400);
    expect((await submit(second.link, NEW)).status).toBe(200);
  });

  it('an expired token is refused and changes nothing', async () => {
    const account = await physician('dr-expired');
    const { link } = await resetLinkFor('dr-expired');
    const expires: { minutes: number }[] = await fx.ds.query(
      `SELECT EXTRACT(EPOCH FROM expires_at - created_at) / 60 AS minutes FROM password_reset_token WHERE account_id = $1`,
      [account.id],
    );
    expect(Number(expires[0]!.minutes)).toBeCloseTo(30, 0);
    await fx.ds.query(
      `UPDATE password_reset_token SET expires_at = now() - interval '1 second' WHERE account_id = $1`,
      [account.id],
    );
    expect((await fetch(link)).status).toBe(400);
    const res = await submit(link, NEW);
    expect(res.status).toBe(400);
    expect(res.text).toContain('role="alert"');
    expect((await signInAs('dr-expired', OLD)).access_token).toBeDefined();
  });

  it('an unknown username (or an account without e-mail) gets the identical response and writes nothing', async () => {
    await physician('dr-nomail', null);
    await physician('dr-known');
    const before = outboxFiles();
    const unknown = await requestReset('nobody-here');
    const noMail = await requestReset('dr-nomail');
    await settle();
    expect(outboxFiles()).toEqual(before);
    const known = await requestReset('dr-known');
    await waitForOutbox(before.length + 1);
    expect(outboxFiles()).toHaveLength(before.length + 1);
    for (const r of [unknown, noMail]) {
      expect(r.status).toBe(known.status);
      expect(r.text).toBe(known.text);
    }
    expect(known.status).toBe(200);
    expect(known.text).toContain('role="status"');
    const bad = await fetch(`${idp.url}/password/reset/${'x'.repeat(43)}`);
    expect(bad.status).toBe(400);
  });

  it('refresh tokens issued before the reset stop working; the lockout is cleared', async () => {
    await physician('dr-refresh');
    const before = await signInAs('dr-refresh', OLD);
    expect(before.refresh_token).toBeDefined();
    // Lock the name (threshold 3, 10 min).
    for (let n = 0; n < 3; n++)
      await loginThroughForms({
        base: idp.url,
        clientId: CLIENT,
        redirectUri: REDIRECT,
        username: 'dr-refresh',
        password: 'wrong password!!',
      }).catch(() => undefined);
    await expect(signInAs('dr-refresh', OLD)).rejects.toThrow(/unexpected 429/);

    const { link } = await resetLinkFor('dr-refresh');
    expect((await submit(link, NEW)).status).toBe(200);
    const refresh = await tokenRequest(idp.url, {
      grant_type: 'refresh_token',
      client_id: CLIENT,
      refresh_token: before.refresh_token!,
    });
    expect(refresh.status).toBe(400);
    expect(refresh.body.error).toBe('invalid_grant');
    expect((await signInAs('dr-refresh', NEW)).refresh_token).toBeDefined();
  });

  it('reset requests are rate-limited per username, alike for unknown names', async () => {
    await physician('dr-limit', null);
    for (const name of ['dr-limit', 'nobody-limit']) {
      const statuses: number[] = [];
      let last: Awaited<ReturnType<typeof requestReset>> | undefined;
      for (let n = 0; n < 6; n++) {
        last = await requestReset(name);
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(last!.text).toContain('role="alert"');
    }
  });
});
