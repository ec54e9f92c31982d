import { runAsSystem } from '@mamis/platform';
import type { Browser as PwBrowser } from 'playwright-core';
import { createRepositories } from '@mamis/consent/src/repositories';
import { launchBrowser, screenshotPath } from '../../test/support/browser';
import { buildAssociation, buildMembership, buildPerson } from '../../test/support/builders';
import { createTestDatabase, type TestDatabase } from '../../test/support/database';
import { startStack, type GatewayInstance, type Stack } from '../../test/support/stack';
import { openTestbed, stackEnv, type Testbed } from '../../services/identity/test/support/testbed';
import { EXPLORER_CLIENT_ID } from '../src/explorer';

const PASSWORD = 'correct horse battery staple';
/** A gateway's origin (`GatewayInstance.url` is its /graphql endpoint). */
const at = (gw: GatewayInstance, path: string) => `${new URL(gw.url).origin}${path}`;

/**
 * The local API explorer (development only): GraphiQL bundled from npm at GET /, no CDN, sign-in
 * through the identity service with PKCE as a demo user; nothing of it in production.
 */
describe('gateway: the development API explorer', () => {
  let db: TestDatabase;
  let stack: Stack;
  let bed: Testbed | undefined;
  let dev: GatewayInstance;
  let production: GatewayInstance;
  let off: GatewayInstance;
  let browser: PwBrowser;
  let personId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const admin = await db.admin();
    const jma = await buildAssociation(admin, { code: 'JMA', tier: 'NATIONAL', prefecture_code: null });
    const person = await buildPerson(admin);
    personId = person.id;
    await buildMembership(admin, { person_id: person.id, association_id: jma.id });
    stack = await startStack(db);
    await runAsSystem(() => createRepositories(stack.services.consent!.dataSource).terms.installDefault());
    bed = await openTestbed(db, {
      env: stackEnv(stack),
    });
    // a development gateway that trusts the real identity service
    dev = await stack.startGateway({ OIDC_ISSUER: bed.idp.url, NODE_ENV: 'development' });
    // the registered development client: the explorer page receives the code
    await bed.fx.clients.register({
      clientId: EXPLORER_CLIENT_ID,
      name: 'MAMIS API explorer (development)',
      kind: 'PUBLIC',
      redirectUris: [at(dev, '/')],
    });
    await bed.fx.account({ username: 'dr-explorer', kind: 'PHYSICIAN', personId: person.id });
    production = await stack.startGateway({ NODE_ENV: 'production' });
    off = await stack.startGateway({ API_EXPLORER: 'off' });
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await bed?.close();
    await stack?.close();
    await db?.drop();
  });

  it('serves the explorer at GET / in development (not a 404), with its bundle from this origin', async () => {
    const page = await fetch(at(dev, '/'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('/explorer/explorer.js');
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)[^"'\s]*\.(js|css)/);
    const config = JSON.parse(
      /<script type="application\/json" id="explorer-config">([^<]*)<\/script>/.exec(html)![1]!,
    ) as Record<string, string>;
    expect(config).toMatchObject({
      graphqlPath: '/graphql',
      authorizationEndpoint: `${bed!.idp.url}/auth`,
      clientId: EXPLORER_CLIENT_ID,
    });
    const js = await fetch(at(dev, '/explorer/explorer.js'));
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('javascript');
    expect((await js.text()).length).toBeGreaterThan(100_000);
    expect((await fetch(at(dev, '/explorer/explorer.css'))).status).toBe(200);
    // a browser opening /graphql is pointed to the explorer (no Apollo Sandbox from a CDN)
    const landing = await fetch(at(dev, '/graphql'), { headers: { accept: 'text/html' } });
    const text = await landing.text();
    expect(text).toContain('url=/');
    expect(text).not.toMatch(/cdn|apollographql\.com|embeddable-sandbox/i);
  }, 180_000);

  it('is off in production and when switched off', async () => {
    for (const gw of [production, off]) {
      expect((await fetch(at(gw, '/'))).status).toBe(404);
      expect((await fetch(at(gw, '/explorer/explorer.js'))).status).toBe(404);
      const token = await fetch(at(gw, '/explorer/token'), { method: 'POST', body: '{}' });
      expect(token.status).toBe(404);
    }
    const landing = await fetch(at(production, '/graphql'), { headers: { accept: 'text/html' } });
    expect(await landing.text()).not.toMatch(/cdn|apollographql\.com|embeddable-sandbox/i);
  });

  it('a developer signs in through the identity service (PKCE) and queries as the demo user; nothing loads from elsewhere', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const foreign: string[] = [];
    const allowed = [new URL(dev.url).origin, new URL(bed!.idp.url).origin];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (!['http:', 'https:'].includes(u.protocol)) return;
      if (!allowed.includes(u.origin)) foreign.push(r.url());
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(at(dev, '/'));
    await page.waitForSelector('.graphiql-container', { timeout: 120_000 });
    await page.screenshot({ path: screenshotPath('gateway-explorer', 1280) });

    await page.getByTestId('sign-in').click();
    // the identity service's pages: password, then the terms at the first sign-in
    await page.getByLabel(/ユーザー名/).fill('dr-explorer');
    await page.getByLabel(/パスワード/).fill(PASSWORD);
    await page.getByRole('button', { name: /ログイン/ }).click();
    await page.waitForSelector('button[name=accept]');
    await page.click('button[name=accept]');
    // back at the explorer with the code, exchanged through the gateway
    await page.waitForSelector('[data-testid=signed-in]', { timeout: 60_000 });
    expect(await page.getByTestId('signed-in').innerText()).toContain('PHYSICIAN');
    expect(new URL(page.url()).search).toBe('');
    // the explorer's token is the demo user's: the gateway answers as them
    const me = (await page.evaluate(`(async () => {
      const stored = JSON.parse(sessionStorage.getItem('mamis-explorer-token') || '{}');
      const res = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer ' + stored.accessToken },
        body: JSON.stringify({ query: '{ me { id } }' }),
      });
      return res.json();
    })()`)) as { data?: { me?: { id: string } } };
    expect(me.data?.me?.id).toBe(personId);
    // and GraphiQL runs a query with it
    await page.locator('.graphiql-execute-button').click();
    await page.locator('.result-window').filter({ hasText: 'termsOfUse' }).waitFor({ timeout: 60_000 });
    expect(await page.locator('.result-window').innerText()).toContain('1.01');
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});
