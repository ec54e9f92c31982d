import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import jsQR from 'jsqr';
import type { Browser as PwBrowser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { checkPageAtBothWidths, launchBrowser } from '../../../test/support/browser';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { totpCode } from '../src/auth/totp';
import type { IdentityFixtures } from './support/identity-fixtures';
import type { IdentityProcess } from './support/identity-process';
import { authorizationUrl, manage, signIn } from './support/oauth-client';
import { openTestbed, WEB_CLIENT as CLIENT, type Testbed } from './support/testbed';

const PASSWORD = 'correct horse battery staple';
const ARTIFACTS = path.resolve(__dirname, '../../../test-artifacts/identity');

/**
 * Two-step enrolment (issue: "2FA by QR"): staff created by an administrator set up their own TOTP
 * at their first sign-in, on a page with a QR code of the otpauth URI that fits a phone; the
 * administrator's answer holds neither the secret nor the recovery codes.
 */
describe('identity: TOTP enrolment by the account holder, with a QR code', () => {
  let db: TestDatabase;
  let idp: IdentityProcess;
  let bed: Testbed | undefined;
  let fx: IdentityFixtures;
  let browser: PwBrowser;
  let REDIRECT: string;
  let callbackServer: http.Server;
  const associationId = randomUUID();
  let adminToken: string;
  let created: { status: number; body: Record<string, unknown> };
  const cspViolations: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    callbackServer = http.createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>callback</title>'),
    );
    await new Promise<void>((resolve) => callbackServer.listen(0, '127.0.0.1', resolve));
    REDIRECT = `http://127.0.0.1:${(callbackServer.address() as AddressInfo).port}/callback`;
    db = await createTestDatabase();
    ({ idp, fx } = bed = await openTestbed(db, { client: { name: 'MAMIS Web', redirectUris: [REDIRECT] } }));
    const admin = await fx.account({ username: 'office-admin', kind: 'STAFF', associationId, role: 'ADMIN' });
    adminToken = (
      await signIn({
        base: idp.url,
        clientId: CLIENT,
        redirectUri: REDIRECT,
        username: 'office-admin',
        password: PASSWORD,
        totpSecret: admin.totpSecret,
      })
    ).access_token;
    // the administrator creates a clerk of the office
    created = await manage(idp.url, adminToken, 'POST', '/manage/accounts', {
      kind: 'STAFF',
      username: 'new-clerk',
      displayName: '新任 事務員',
      associationId,
      role: 'CLERK',
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    callbackServer?.close();
    await bed?.close();
    await db?.drop();
  });

  it("the administrator's answer holds no TOTP secret and no recovery codes", async () => {
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(['account', 'initialPassword', 'twoStepVerification']);
    expect(created.body.twoStepVerification).toBe('ENROL_AT_FIRST_SIGN_IN');
    const text = JSON.stringify(created.body);
    expect(text).not.toMatch(/totpSecret|recoveryCodes|otpauth/i);
    // and none was made: nothing exists that the administrator could have been given
    const [row] = (await fx.ds.query('SELECT totp_secret_sealed FROM account WHERE username = $1', [
      'new-clerk',
    ])) as { totp_secret_sealed: string | null }[];
    expect(row!.totp_secret_sealed).toBeNull();
    const codes = (await fx.ds.query(
      'SELECT count(*)::int AS n FROM recovery_code r JOIN account a ON a.id = r.account_id WHERE a.username = $1',
      ['new-clerk'],
    )) as { n: number }[];
    expect(codes[0]!.n).toBe(0);
  });

  it('refuses to set up TOTP for a physician on their behalf', async () => {
    const res = await manage(idp.url, adminToken, 'POST', '/manage/accounts', {
      kind: 'PHYSICIAN',
      username: 'dr-someone',
      displayName: '医師 某',
      personId: randomUUID(),
      totp: true,
    });
    expect(res.status).toBe(400);
  });

  /** Opens the authorization URL and signs in with the initial password (the password step). */
  async function toEnrolment(page: Page, username: string, password: string): Promise<void> {
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
    });
    await page.goto(authorizationUrl(idp.url, { clientId: CLIENT, redirectUri: REDIRECT, state: 'st' }).url);
    await page.getByLabel(/ユーザー名/).fill(username);
    await page.getByLabel(/パスワード/).fill(password);
    await page.getByRole('button', { name: /ログイン/ }).click();
    await page.waitForSelector('figure.qr svg');
  }

  it('takes the new staff member to enrolment at the first sign-in: a QR code of the otpauth URI and the key, which work', async () => {
    const page = await browser.newPage({ locale: 'ja-JP', viewport: { width: 375, height: 812 } });
    await toEnrolment(page, 'new-clerk', String(created.body.initialPassword));
    const secret = (await page.locator('#totp-secret').innerText()).trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // the QR code, as a phone camera would see it
    const shot = PNG.sync.read(await page.locator('figure.qr svg').screenshot());
    const qr = jsQR(new Uint8ClampedArray(shot.data), shot.width, shot.height);
    expect(qr?.data).toBe(
      `otpauth://totp/MAMIS:new-clerk?secret=${secret}&issuer=MAMIS&algorithm=SHA1&digits=6&period=30`,
    );
    await page.screenshot({ path: path.join(ARTIFACTS, 'totp-enrolment-375.png'), fullPage: true });
    // the code from the app completes enrolment; the recovery codes go to the staff member only
    await page.getByLabel(/確認コード/).fill(totpCode(secret));
    await page.getByRole('button', { name: /設定する/ }).click();
    await page.waitForSelector('ul.codes');
    expect(await page.locator('ul.codes li').count()).toBe(10);
    const [row] = (await fx.ds.query('SELECT totp_secret_sealed FROM account WHERE username = $1', [
      'new-clerk',
    ])) as { totp_secret_sealed: string | null }[];
    expect(row!.totp_secret_sealed).not.toBeNull();
    expect(cspViolations).toEqual([]);
    await page.close();
  });

  it('the enrolment page at 1280 px and 375 px: no horizontal overflow, no axe-core violation', async () => {
    // a second clerk who has not enrolled yet (the first one has)
    const again = await manage(idp.url, adminToken, 'POST', '/manage/accounts', {
      kind: 'STAFF',
      username: 'new-clerk-2',
      displayName: '新任 事務員二',
      associationId,
      role: 'VIEWER',
    });
    expect(again.status).toBe(201);
    await checkPageAtBothWidths(browser, 'identity-totp-enrolment', (page) =>
      toEnrolment(page, 'new-clerk-2', String(again.body.initialPassword)),
    );
    expect(cspViolations).toEqual([]);
  });
});
