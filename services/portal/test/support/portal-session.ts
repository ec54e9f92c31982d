import { runAsSystem, UNAVAILABLE_MESSAGE } from '@mamis/platform';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { createRepositories } from '../../../consent/src/repositories';
import { totpCode } from '../../../identity/src/auth/totp';
import { openTestbed, stackEnv, type Testbed } from '../../../identity/test/support/testbed';
import { checkPageAtBothWidths, launchBrowser } from '../../../../test/support/browser';
import type { TestDatabase } from '../../../../test/support/database';
import { startStack, type GatewayInstance, type Stack } from '../../../../test/support/stack';
import { ensurePortalBuild } from '../../server/portal-build';
import { startPortal, type PortalServer } from '../../server/portal-server';

/**
 * The portal in a real Chromium for the portal's browser tests (portal-*.e2e.spec.ts): the stack
 * (subgraphs with the default terms and joint-use notice installed), the built portal, optionally
 * a real identity service with the portal registered as its client, a gateway that trusts it and
 * allows the portal's origin (CORS), and the browser; then signing in through the portal's button
 * and identity's pages, carrying a signed-in tab's session into other contexts, and the check of
 * a page at 1280 px and 375 px (screenshot, axe-core, no horizontal overflow).
 */

export const PASSWORD = 'correct horse battery staple';
export const CLIENT_ID = 'mamis-portal';

/** A tab's sessionStorage (where oidc-client-ts keeps the signed-in user). */
export type PortalSession = Record<string, string>;

export interface PortalStackOptions {
  /** Environment of the subgraphs and gateways (startStack's `env`). */
  stackEnv?: Record<string, string>;
  /**
   * A real identity service (PKCE sign-in through its pages), with the portal as its client;
   * `false`: none (tokens from the stack's stand-in issuer).
   */
  identity?: false | { tokenExchange?: boolean };
}

/** Where a sign-in starts and lands: My Page or the office console. */
export type PortalArea = '/me' | '/office';
const LANDING_HEADING: Record<PortalArea, RegExp> = { '/me': /マイページ/, '/office': /事務局/ };

export interface SignInOptions {
  username: string;
  password?: string;
  /** Staff accounts: the TOTP step after the password. */
  totpSecret?: string;
  /** Where the sign-in starts and returns (default My Page). */
  area?: PortalArea;
}

export interface PortalStack {
  stack: Stack;
  portal: PortalServer;
  gateway: GatewayInstance;
  /** The identity service (with `identity`, the default); undefined without. */
  bed: Testbed | undefined;
  browser: Browser;
  /** The issuer the portal signs in with (identity's URL, or the stack's stand-in issuer). */
  issuer: string;
  /** The portal's URL of a path. */
  url(path: string): string;
  /** Signs in through the portal's button and identity's pages (terms and TOTP when asked). */
  signIn(page: Page, options: SignInOptions): Promise<void>;
  /** A new context and tab signed in as `username` (on its landing page). */
  signedIn(
    options: SignInOptions,
    context?: BrowserContextOptions,
  ): Promise<{ context: BrowserContext; page: Page }>;
  /** Signs in in a context of its own (closed again) and keeps the session, for `open`. */
  signedInSession(options: SignInOptions): Promise<PortalSession>;
  /** A new context carrying `session`, its tab at `path`. */
  open(
    session: PortalSession,
    path: string,
    context?: BrowserContextOptions,
  ): Promise<{ context: BrowserContext; page: Page }>;
  /** Holds the gateway's answer to the next `operationName` of `context` back for `ms`. */
  delayOperation(context: BrowserContext, operationName: string, ms: number): Promise<void>;
  /**
   * Answers the next `times` requests of `operationName` of `context` as the gateway does when a
   * subgraph is too slow (UNAVAILABLE, retry later), without passing them on.
   */
  failOperation(context: BrowserContext, operationName: string, times: number): Promise<void>;
  /** The session of oidc-client-ts for a user object (as it would keep it after a sign-in). */
  sessionFor(user: object): PortalSession;
  /**
   * The page at `path` at both widths (screenshot `name`, axe-core, no overflow), with `session`
   * (null: signed out); `ready` waits for what must be on it.
   */
  checkBothWidths(
    name: string,
    session: PortalSession | null,
    path: string,
    ready: (page: Page) => Promise<void>,
  ): Promise<void>;
  close(): Promise<void>;
}

/** The signed-in tab's sessionStorage, to carry into another context. */
export const sessionOf = (page: Page) =>
  page.evaluate<PortalSession>('Object.fromEntries(Object.entries(sessionStorage))');

/** Every tab of `context` starts with `session` in its sessionStorage. */
export const withSession = async (context: BrowserContext, session: PortalSession) =>
  // a script text: this file is compiled without the DOM types
  context.addInitScript(
    `for (const [k, v] of Object.entries(${JSON.stringify(session)})) sessionStorage.setItem(k, v);`,
  );

/**
 * Starts everything a portal browser test needs on `db` (seeded by the test as it likes before or
 * after). On a failure half-way, what was started is closed again.
 */
export async function startPortalStack(
  db: TestDatabase,
  options: PortalStackOptions = {},
): Promise<PortalStack> {
  const identity = options.identity ?? {};
  const dist = ensurePortalBuild();
  const closers: (() => Promise<unknown>)[] = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
  };
  try {
    const stack = await startStack(db, options.stackEnv);
    closers.push(() => stack.close());
    await runAsSystem(async () => {
      const repos = createRepositories(stack.services.consent!.dataSource);
      await repos.terms.installDefault();
      await repos.jointUseNotices.installDefault();
    });
    // the portal first (its origin goes into the gateway's and identity's CORS allow-lists)
    const config = { gatewayUrl: '', issuer: stack.issuer.issuer, clientId: CLIENT_ID };
    const portal = await startPortal(dist, config);
    closers.push(() => portal.close());
    let bed: Testbed | undefined;
    if (identity) {
      bed = await openTestbed(db, {
        env: { ...stackEnv(stack), CORS_ORIGINS: portal.url },
        client: {
          clientId: CLIENT_ID,
          name: 'MAMIS portal',
          redirectUris: [`${portal.url}/callback`],
          postLogoutRedirectUris: [`${portal.url}/`],
          ...(identity.tokenExchange ? { tokenExchange: true } : {}),
        },
      });
      closers.push(() => bed!.close());
      config.issuer = bed.idp.url;
    }
    const gateway = await stack.startGateway({
      ...(bed ? { OIDC_ISSUER: bed.idp.url } : {}),
      CORS_ORIGINS: portal.url,
    });
    closers.push(() => gateway.close());
    config.gatewayUrl = gateway.url;
    const browser = await launchBrowser();
    closers.push(() => browser.close());

    const url = (path: string) => `${portal.url}${path}`;
    const signIn = async (
      page: Page,
      { username, password = PASSWORD, totpSecret, area = '/me' }: SignInOptions,
    ) => {
      await page.goto(url(area));
      await page.getByRole('main').getByRole('button', { name: 'ログイン' }).click();
      await page.getByLabel(/ユーザー名/).fill(username);
      await page.getByLabel(/パスワード/).fill(password);
      await page.getByRole('button', { name: /ログイン/ }).click();
      if (totpSecret) {
        await page.getByLabel(/確認コード/).fill(totpCode(totpSecret));
        await page.getByRole('button', { name: /確認/ }).click();
      }
      const back = (u: URL) => u.toString().startsWith(url(area));
      const landed = page.waitForURL(back, { timeout: 30_000 });
      const terms = page
        .waitForSelector('button[name=accept]', { timeout: 30_000 })
        .then(() => 'terms' as const);
      const first = await Promise.race([landed.then(() => 'landed' as const), terms]);
      landed.catch(() => undefined);
      terms.catch(() => undefined);
      if (first === 'terms')
        await Promise.all([page.waitForURL(back, { timeout: 30_000 }), page.click('button[name=accept]')]);
      await page.getByRole('heading', { level: 1, name: LANDING_HEADING[area] }).waitFor();
    };
    const issuer = config.issuer;

    return {
      stack,
      portal,
      gateway,
      bed,
      browser,
      issuer,
      url,
      signIn,
      async signedIn(signInOptions, contextOptions = {}) {
        const context = await browser.newContext({ locale: 'ja-JP', ...contextOptions });
        const page = await context.newPage();
        await signIn(page, signInOptions);
        return { context, page };
      },
      async signedInSession(signInOptions) {
        const context = await browser.newContext({ locale: 'ja-JP' });
        try {
          const page = await context.newPage();
          await signIn(page, signInOptions);
          return await sessionOf(page);
        } finally {
          await context.close();
        }
      },
      async open(session, path, contextOptions = {}) {
        const context = await browser.newContext({ locale: 'ja-JP', ...contextOptions });
        await withSession(context, session);
        const page = await context.newPage();
        await page.goto(url(path));
        return { context, page };
      },
      async delayOperation(context, operationName, ms) {
        let pending = true;
        await context.route(
          (u) => u.toString().startsWith(gateway.url),
          async (route) => {
            const body = route.request().postDataJSON() as { operationName?: string } | null;
            if (pending && body?.operationName === operationName) {
              pending = false;
              await new Promise((resolve) => setTimeout(resolve, ms));
            }
            await route.continue();
          },
        );
      },
      async failOperation(context, operationName, times) {
        let left = times;
        await context.route(
          (u) => u.toString().startsWith(gateway.url),
          async (route) => {
            const body = route.request().postDataJSON() as { operationName?: string } | null;
            if (left > 0 && body?.operationName === operationName) {
              left -= 1;
              await route.fulfill({
                status: 200,
                contentType: 'application/json',
                headers: { 'access-control-allow-origin': '*' },
                body: JSON.stringify({
                  data: null,
                  errors: [{ message: UNAVAILABLE_MESSAGE, extensions: { code: 'UNAVAILABLE' } }],
                }),
              });
              return;
            }
            await route.fallback();
          },
        );
      },
      sessionFor: (user) => ({ [`oidc.user:${issuer}:${CLIENT_ID}`]: JSON.stringify(user) }),
      checkBothWidths: (name, session, path, ready) =>
        checkPageAtBothWidths(browser, name, async (page) => {
          if (session) await withSession(page.context(), session);
          await page.goto(url(path));
          await ready(page);
        }),
      close: closeAll,
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
