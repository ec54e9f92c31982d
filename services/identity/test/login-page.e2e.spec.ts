import { openTestbed, WEB_CLIENT as CLIENT, type Testbed } from './support/testbed';
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser as PwBrowser, Page } from 'playwright-core';
import { checkPageAtBothWidths, launchBrowser } from '../../../test/support/browser';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { totpCode } from '../src/auth/totp';
import { type IdentityFixtures } from './support/identity-fixtures';
import type { IdentityProcess } from './support/identity-process';
import { authorizationUrl, codeForTokens, decodeJwt } from './support/oauth-client';

const PASSWORD = 'correct horse battery staple';
const ARTIFACTS = path.resolve(__dirname, '../../../test-artifacts/identity');

/** Text elements whose colour contrast against their background is below WCAG AA (4.5:1). Runs in the page. */
const LOW_CONTRAST_SCRIPT = `(() => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const own = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (!own || el.offsetParent === null) continue;
    const fg = lum(rgb(getComputedStyle(el).color));
    const bg = lum(background(el));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    if (ratio < 4.5) out.push(el.tagName + '.' + el.className + ': ' + ratio.toFixed(2) + ' "' + el.textContent.trim().slice(0, 30) + '"');
  }
  return out;
})()`;
const lowContrastTexts = (page: Page) => page.evaluate<string[]>(LOW_CONTRAST_SCRIPT);

/** Controls without an accessible label (inputs without <label for>, buttons without text). */
const UNLABELED_SCRIPT = `Array.from(document.querySelectorAll('input:not([type=hidden]), button'))
  .filter((e) => (e.tagName === 'BUTTON' ? (e.textContent || '').trim() === '' : !e.labels || e.labels.length === 0)).length`;
const activeId = (page: Page) =>
  page.evaluate<string | undefined>('document.activeElement ? document.activeElement.id : undefined');
const activeTag = (page: Page) =>
  page.evaluate<string | undefined>('document.activeElement ? document.activeElement.tagName : undefined');

/** The login pages in headless Chromium: accessibility basics, a real sign-in, screenshots. */
describe('identity: login pages in a browser', () => {
  let db: TestDatabase;
  let idp: IdentityProcess;
  let bed: Testbed | undefined;
  let fx: IdentityFixtures;
  let browser: PwBrowser;
  let staffTotp: string;
  let REDIRECT: string;
  let callbackServer: http.Server;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // The frontend's redirect URI: a real local page for the browser to land on.
    callbackServer = http.createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>callback</title>'),
    );
    await new Promise<void>((resolve) => callbackServer.listen(0, '127.0.0.1', resolve));
    REDIRECT = `http://127.0.0.1:${(callbackServer.address() as AddressInfo).port}/callback`;
    db = await createTestDatabase();
    ({ idp, fx } = bed = await openTestbed(db, { client: { name: 'MAMIS Web', redirectUris: [REDIRECT] } }));
    await fx.account({
      username: 'dr-browser',
      kind: 'PHYSICIAN',
      personId: '5c5c5c5c-3333-4333-8333-000000000001',
    });
    staffTotp = (
      await fx.account({
        username: 'staff-browser',
        kind: 'STAFF',
        associationId: '5c5c5c5c-3333-4333-8333-000000000002',
        role: 'CLERK',
      })
    ).totpSecret!;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    callbackServer?.close();
    await bed?.close();
    await db?.drop();
  });

  const loginUrl = () =>
    authorizationUrl(idp.url, {
      clientId: CLIENT,
      redirectUri: REDIRECT,
      scope: 'openid identity:read',
      state: 'st',
    });

  async function openLogin(): Promise<{ page: Page; verifier: string }> {
    const page = await browser.newPage({ locale: 'ja-JP' });
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
    });
    const { url, verifier } = loginUrl();
    await page.goto(url);
    return { page, verifier };
  }

  it('renders an accessible login page (lang, labels, focus order, alert on error) and saves screenshots', async () => {
    const { page } = await openLogin();
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    expect(await page.title()).toContain('ログイン');
    expect(await page.locator('h1').count()).toBe(1);
    // Japanese first, English second.
    const h1 = (await page.locator('h1').innerText()).trim();
    expect(h1.indexOf('ログイン')).toBeLessThan(h1.indexOf('Sign in'));

    // Every visible control has a label (accessible name) and the names the contract promises.
    const unlabeled = await page.evaluate<number>(UNLABELED_SCRIPT);
    expect(unlabeled).toBe(0);
    await expect(page.getByLabel(/ユーザー名/).getAttribute('name')).resolves.toBe('username');
    await expect(page.getByLabel(/パスワード/).getAttribute('name')).resolves.toBe('password');
    expect(await page.getAttribute('#username', 'autocomplete')).toBe('username');
    expect(await page.getAttribute('#password', 'autocomplete')).toBe('current-password');

    // Focus starts in the username field; Tab goes username → password → sign-in button.
    expect(await activeId(page)).toBe('username');
    await page.keyboard.press('Tab');
    expect(await activeId(page)).toBe('password');
    await page.keyboard.press('Tab');
    expect(await activeTag(page)).toBe('BUTTON');
    await page.screenshot({ path: path.join(ARTIFACTS, 'login-page.png'), fullPage: true });
    expect(await lowContrastTexts(page)).toEqual([]);

    // A wrong password: the error is in a role=alert region the fields point to.
    await page.fill('#username', 'dr-browser');
    await page.fill('#password', 'wrong password!!');
    await page.click('button[type=submit]');
    const alert = page.getByRole('alert');
    await expect(alert.innerText()).resolves.toContain('正しくありません');
    await expect(alert.innerText()).resolves.toContain('incorrect');
    expect(await page.getAttribute('#password', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#password', 'aria-describedby')).toContain('form-error');
    // The name is kept; focus goes to the password.
    expect(await page.inputValue('#username')).toBe('dr-browser');
    expect(await activeId(page)).toBe('password');
    await page.screenshot({ path: path.join(ARTIFACTS, 'login-page-error.png'), fullPage: true });
    expect(await lowContrastTexts(page)).toEqual([]);
    await page.close();
  });

  it('the login page at 1280 px and 375 px: screenshots, no axe-core violation, nothing wider than a phone', async () => {
    await checkPageAtBothWidths(browser, 'identity-login', async (page) => {
      await page.goto(loginUrl().url);
      await expect(page.locator('#username').count()).resolves.toBe(1);
    });
  });

  it('signs a staff member in through login, TOTP and terms pages in the browser', async () => {
    const { page, verifier } = await openLogin();
    await page.getByLabel(/ユーザー名/).fill('staff-browser');
    await page.getByLabel(/パスワード/).fill(PASSWORD);
    await page.getByRole('button', { name: /ログイン/ }).click();

    await page.waitForSelector('input[name=otp]');
    expect(await page.getAttribute('#otp', 'autocomplete')).toBe('one-time-code');
    expect(await activeId(page)).toBe('otp');
    await page.screenshot({ path: path.join(ARTIFACTS, 'totp-page.png'), fullPage: true });
    await page.getByLabel(/確認コード/).fill(totpCode(staffTotp));
    await page.getByRole('button', { name: /確認/ }).click();

    await page.waitForSelector('button[name=accept]');
    expect(await page.locator('a[href="/joint-use-notice"]').count()).toBe(1);
    // Scrollable terms regions are keyboard reachable and named.
    expect(await page.locator('[role=region][tabindex="0"]').count()).toBe(2);
    await page.screenshot({ path: path.join(ARTIFACTS, 'terms-page.png'), fullPage: false });
    await Promise.all([
      page.waitForURL((url) => url.toString().startsWith(REDIRECT)),
      page.click('button[name=accept]'),
    ]);

    const code = new URL(page.url()).searchParams.get('code')!;
    const { body } = await codeForTokens(idp.url, CLIENT, REDIRECT, { code, verifier });
    expect(decodeJwt(body.access_token).payload).toMatchObject({
      kind: 'STAFF',
      role: 'CLERK',
      terms_version: '1.01',
    });
    expect(cspViolations).toEqual([]);
    await page.close();
  });
});
