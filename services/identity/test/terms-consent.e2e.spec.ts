import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { clock, runAsSystem } from '@mamis/platform';
import type { Client } from 'pg';
import type { Browser as PwBrowser, Page } from 'playwright-core';
import { launchBrowser } from '../../../test/support/browser';
import { createRepositories } from '../../consent/src/repositories';
import { buildAssociation, buildMembership, buildPerson } from '../../../test/support/builders';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { postGraphQL, startStack, type GatewayInstance, type Stack } from '../../../test/support/stack';
import { totpCode } from '../src/auth/totp';
import {
  authorizationUrl,
  Browser,
  codeForTokens,
  decodeJwt,
  formAction,
  manage,
} from './support/oauth-client';
import { openTestbed, stackEnv, WEB_CLIENT as CLIENT, type Testbed } from './support/testbed';

const PASSWORD = 'correct horse battery staple';
const ARTIFACTS = path.resolve(__dirname, '../../../test-artifacts/identity');

/**
 * The consent subgraph is the system of record of the terms of use. Identity (with
 * CONSENT_URL) shows the version in force from the `access` views, records the acceptance through
 * consent's `acceptTerms`, and puts the accepted version into the token; the gateway lets a human
 * through only with the version in force. In a real browser, against a real consent subgraph.
 */
describe('identity + consent + gateway: the first-login terms step', () => {
  let db: TestDatabase;
  let admin: Client;
  let stack: Stack;
  let bed: Testbed | undefined;
  let gateway: GatewayInstance;
  let browser: PwBrowser;
  let callbackServer: http.Server;
  let REDIRECT: string;
  let personId: string;
  let physicianAccountId: string;
  let staffTotp: string;
  let jmaId: string;
  const today = clock.today();

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    callbackServer = http.createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>callback</title>'),
    );
    await new Promise<void>((resolve) => callbackServer.listen(0, '127.0.0.1', resolve));
    REDIRECT = `http://127.0.0.1:${(callbackServer.address() as AddressInfo).port}/callback`;
    db = await createTestDatabase();
    admin = await db.admin();
    jmaId = (await buildAssociation(admin, { tier: 'NATIONAL', name: '日本医師会' })).id;
    const municipal = await buildAssociation(admin, { tier: 'MUNICIPAL' });
    personId = (await buildPerson(admin)).id;
    await buildMembership(admin, { person_id: personId, association_id: municipal.id });
    stack = await startStack(db);
    const repos = createRepositories(stack.services.consent!.dataSource);
    await runAsSystem(() => repos.terms.installDefault());
    bed = await openTestbed(db, {
      env: stackEnv(stack),
      client: { name: 'MAMIS Web', redirectUris: [REDIRECT] },
    });
    physicianAccountId = (await bed.fx.account({ username: 'dr-terms', kind: 'PHYSICIAN', personId })).account
      .id;
    staffTotp = (
      await bed.fx.account({
        username: 'staff-terms',
        kind: 'STAFF',
        associationId: municipal.id,
        role: 'CLERK',
      })
    ).totpSecret!;
    // a gateway that trusts this identity service's tokens
    gateway = await stack.startGateway({ OIDC_ISSUER: bed.idp.url });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    callbackServer?.close();
    await gateway?.close();
    await bed?.close();
    await stack?.close();
    await admin?.end();
    await db?.drop();
  });

  /** Sign in through the pages; `onTerms` runs on the terms page when it is shown. */
  async function signIn(
    username: string,
    opts: { totpSecret?: string; scope?: string; onTerms?: (page: Page) => Promise<void> } = {},
  ): Promise<{ accessToken: string; sawTerms: boolean }> {
    const page = await browser.newPage({ locale: 'ja-JP' });
    const { url, verifier } = authorizationUrl(bed!.idp.url, {
      clientId: CLIENT,
      redirectUri: REDIRECT,
      scope: opts.scope,
      state: 'st',
    });
    await page.goto(url);
    await page.getByLabel(/ユーザー名/).fill(username);
    await page.getByLabel(/パスワード/).fill(PASSWORD);
    await page.getByRole('button', { name: /ログイン/ }).click();
    if (opts.totpSecret) {
      await page.waitForSelector('input[name=otp]');
      await page.getByLabel(/確認コード/).fill(totpCode(opts.totpSecret));
      await page.getByRole('button', { name: /確認/ }).click();
    }
    const landed = page.waitForURL((url) => url.toString().startsWith(REDIRECT));
    const terms = page.waitForSelector('button[name=accept]').then(() => 'terms' as const);
    const first = await Promise.race([landed.then(() => 'landed' as const), terms]);
    let sawTerms = false;
    if (first === 'terms') {
      sawTerms = true;
      await opts.onTerms?.(page);
      await Promise.all([
        page.waitForURL((url) => url.toString().startsWith(REDIRECT)),
        page.click('button[name=accept]'),
      ]);
    }
    landed.catch(() => undefined);
    terms.catch(() => undefined);
    const code = new URL(page.url()).searchParams.get('code')!;
    const { body } = await codeForTokens(bed!.idp.url, CLIENT, REDIRECT, { code, verifier });
    await page.close();
    return { accessToken: body.access_token, sawTerms };
  }

  const asUser = <T>(token: string, query: string) =>
    postGraphQL<T>(`${gateway.url}`, query, undefined, { authorization: `Bearer ${token}` });

  const publishTerms = async (version: string, requiresAcceptance: boolean) => {
    const res = await stack.queryAs(
      { kind: 'STAFF', sub: randomUUID(), associationId: jmaId, associationTier: 'NATIONAL', role: 'ADMIN' },
      `mutation P($input: PublishTermsVersionInput!) { publishTermsVersion(input: $input) { version } }`,
      {
        input: {
          version,
          titleJa: `医師会会員情報システム（MAMIS）利用規約 ver${version}`,
          titleEn: `MAMIS Terms of Use ver ${version}`,
          bodyJa: `改定後の利用規約（ver ${version}）`,
          bodyEn: `The revised terms (ver ${version})`,
          effectiveFrom: today,
          requiresAcceptance,
        },
      },
    );
    expect(res.body.errors).toBeUndefined();
  };

  it('shows the terms in force at the first sign-in (Japanese first), records the acceptance in consent and lets the token through the gateway', async () => {
    const { accessToken, sawTerms } = await signIn('dr-terms', {
      onTerms: async (page) => {
        const html = await page.content();
        // the JMA's ver 1.01 text from the consent service, Japanese before English
        expect(html).toContain('ver 1.01');
        expect(html).toContain('第 13 条（経過措置）');
        expect(html.indexOf('id="terms-ja-title"')).toBeLessThan(html.indexOf('id="terms-en-title"'));
        await page.screenshot({ path: path.join(ARTIFACTS, 'terms-page-consent.png'), fullPage: false });
      },
    });
    expect(sawTerms).toBe(true);
    expect(decodeJwt(accessToken).payload).toMatchObject({ kind: 'PHYSICIAN', terms_version: '1.01' });

    // consent holds the acceptance: account, how, which application
    const rows = await admin.query(
      `SELECT a.account_id, a.person_id, a.method, a.client_id, v.version
       FROM consent.terms_acceptance a JOIN consent.terms_version v ON v.id = a.terms_version_id`,
    );
    expect(rows.rows).toEqual([
      {
        account_id: physicianAccountId,
        person_id: personId,
        method: 'LOGIN_PAGE',
        client_id: CLIENT,
        version: '1.01',
      },
    ]);
    const me = await asUser<{ me: { id: string; termsAcceptances: { version: string; method: string }[] } }>(
      accessToken,
      '{ me { id termsAcceptances { version method } } }',
    );
    expect(me.body.errors).toBeUndefined();
    expect(me.body.data!.me).toEqual({
      id: personId,
      termsAcceptances: [{ version: '1.01', method: 'LOGIN_PAGE' }],
    });

    // the next sign-in does not ask again
    expect((await signIn('dr-terms')).sawTerms).toBe(false);
  });

  it('signs a staff member in through TOTP and the terms page (a staff account has no person)', async () => {
    const { accessToken, sawTerms } = await signIn('staff-terms', { totpSecret: staffTotp });
    expect(sawTerms).toBe(true);
    expect(decodeJwt(accessToken).payload).toMatchObject({ kind: 'STAFF', terms_version: '1.01' });
    const rows = await admin.query(
      `SELECT person_id, method FROM consent.terms_acceptance WHERE account_id = $1`,
      [decodeJwt(accessToken).payload.sub],
    );
    expect(rows.rows).toEqual([{ person_id: null, method: 'LOGIN_PAGE' }]);
  });

  it('a revision requiring acceptance: the gateway refuses the old token, the next sign-in asks again', async () => {
    const before = await signIn('dr-terms');
    await publishTerms('1.02', true);

    // a token carrying 1.01: only the terms fields answer
    const blocked = await asUser(before.accessToken, '{ me { id } }');
    expect(blocked.status).toBe(403);
    expect(blocked.body.errors?.[0]?.extensions).toMatchObject({
      code: 'TERMS_NOT_ACCEPTED',
      termsVersion: '1.02',
    });
    const terms = await asUser<{ termsOfUse: { version: string } }>(
      before.accessToken,
      '{ termsOfUse { version } }',
    );
    expect(terms.body.data).toEqual({ termsOfUse: { version: '1.02' } });

    const after = await signIn('dr-terms', {
      onTerms: async (page) => expect(await page.content()).toContain('改定後の利用規約（ver 1.02）'),
    });
    expect(after.sawTerms).toBe(true);
    expect(decodeJwt(after.accessToken).payload.terms_version).toBe('1.02');
    const me = await asUser<{ me: { id: string } }>(after.accessToken, '{ me { id } }');
    expect(me.body.data).toEqual({ me: { id: personId } });
  });

  it('a revision not requiring acceptance: no terms step, the token carries it (terms art. 10.3), and a notice is shown', async () => {
    await publishTerms('1.03', false);
    const { accessToken, sawTerms } = await signIn('dr-terms');
    expect(sawTerms).toBe(false);
    expect(decodeJwt(accessToken).payload.terms_version).toBe('1.03');
    const me = await asUser<{ me: { notifications: { kind: string; subjectJa: string }[] } }>(
      accessToken,
      '{ me { notifications { kind subjectJa } } }',
    );
    expect(me.body.errors).toBeUndefined();
    expect(me.body.data!.me.notifications[0]).toEqual({
      kind: 'TERMS_REVISION',
      subjectJa: expect.stringContaining('ver 1.03'),
    });
  });

  it('an assistant accepts the terms as their own act, whatever the grant: recorded for the physician it acts for, nothing widened', async () => {
    // a new grant without any consent right (the demo asst-national's kind)
    const physicianToken = (await signIn('dr-terms')).accessToken;
    const invited = await manage(bed!.idp.url, physicianToken, 'POST', '/manage/assistants', {
      username: 'asst-terms',
      displayName: '補助者（規約）',
      scopes: ['identity:read', 'training:read'],
    });
    expect(invited.status).toBe(201);
    const assistantAccountId = String(invited.body.assistantAccountId);
    const b = new Browser();
    const invitation = await b.request(String(invited.body.invitationUrl));
    const set = await b.request(new URL(formAction(invitation.text), bed!.idp.url).toString(), {
      form: { password: PASSWORD },
    });
    expect(set.status).toBe(200);

    // first sign-in: the terms in force (ver 1.03), accepted on the page (was: temporarily_unavailable)
    // it asks for consent rights too: the grant does not hold them, so the token does not carry them
    const scope = 'openid identity:read consent:read consent:write';
    const first = await signIn('asst-terms', {
      scope,
      onTerms: async (page) => expect(await page.content()).toContain('ver 1.03'),
    });
    expect(first.sawTerms).toBe(true);
    const claims = decodeJwt(first.accessToken).payload;
    expect(claims).toMatchObject({
      kind: 'ASSISTANT',
      sub: physicianAccountId,
      person_id: personId,
      act: { sub: assistantAccountId, kind: 'ASSISTANT' },
      terms_version: '1.03',
    });
    // nothing widened: no consent right came with the acceptance
    expect(String(claims.scope ?? '')).not.toMatch(/consent:/);

    const acceptances = async () =>
      (
        await admin.query(
          `SELECT a.account_id, a.person_id, a.principal_account_id, a.method, a.client_id, v.version
           FROM consent.terms_acceptance a JOIN consent.terms_version v ON v.id = a.terms_version_id
           WHERE a.account_id = $1 ORDER BY a.accepted_at`,
          [assistantAccountId],
        )
      ).rows;
    // the assistant's acceptance (who, which version, for which physician's account) — not the physician's
    expect(await acceptances()).toEqual([
      {
        account_id: assistantAccountId,
        person_id: null,
        principal_account_id: physicianAccountId,
        method: 'LOGIN_PAGE',
        client_id: CLIENT,
        version: '1.03',
      },
    ]);
    const me = await asUser<{ me: { id: string } }>(first.accessToken, '{ me { id } }');
    expect(me.body.errors).toBeUndefined();
    expect(me.body.data).toEqual({ me: { id: personId } });
    // the physician's consent records stay out of the assistant's reach (no consent:read granted)
    const records = await asUser<{ me: { termsAcceptances: unknown } }>(
      first.accessToken,
      '{ me { termsAcceptances { version } } }',
    );
    expect(records.body.data?.me?.termsAcceptances ?? null).toBeNull();
    expect(records.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // a revision requiring acceptance: the assistant's token is held at the terms, the next sign-in asks again
    await publishTerms('1.04', true);
    const blocked = await asUser(first.accessToken, '{ me { id } }');
    expect(blocked.status).toBe(403);
    expect(blocked.body.errors?.[0]?.extensions).toMatchObject({
      code: 'TERMS_NOT_ACCEPTED',
      termsVersion: '1.04',
    });
    const second = await signIn('asst-terms', {
      scope,
      onTerms: async (page) => expect(await page.content()).toContain('改定後の利用規約（ver 1.04）'),
    });
    expect(second.sawTerms).toBe(true);
    expect(decodeJwt(second.accessToken).payload).toMatchObject({ kind: 'ASSISTANT', terms_version: '1.04' });
    expect((await acceptances()).map((r) => [r.version, r.principal_account_id])).toEqual([
      ['1.03', physicianAccountId],
      ['1.04', physicianAccountId],
    ]);
    const after = await asUser<{ me: { id: string } }>(second.accessToken, '{ me { id } }');
    expect(after.body.data).toEqual({ me: { id: personId } });
    // the assistant's acceptance is not the physician's: their own next sign-in still asks
    expect((await signIn('dr-terms')).sawTerms).toBe(true);
  });
});
