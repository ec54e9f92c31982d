import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { clock } from '@mamis/platform';
import type { Client } from 'pg';
import type { Page } from 'playwright-core';
import { buildAssociation, buildMembership, buildPerson } from '../../../test/support/builders';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import type { TestViewer } from '../../../test/support/stack';
import { startPortalStack, type PortalStack } from './support/portal-session';

const addDays = (iso: string, n: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
/** How the page writes a date in Japanese (2027年1月5日). */
const jaDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

const CODE = 'AB2D-EF3H-JK4M';

/**
 * The MAMIS portal as anyone sees it, in a real Chromium, through a real gateway: the top page
 * (joint-use notice from the consent subgraph, terms and their history, an announced revision with
 * its date), certificate verification by a typed code and by a QR code's URL, and CORS: the
 * portal's origin may call the gateway with a token, another origin may not.
 */
describe('portal: top page, certificate verification and CORS in a browser', () => {
  let db: TestDatabase;
  let admin: Client;
  let env: PortalStack;
  let stack: PortalStack['stack'];
  let browser: PortalStack['browser'];
  let stranger: http.Server;
  let strangerOrigin: string;
  let physician: TestViewer;
  let physicianName: string;
  let municipalId: string;
  const today = clock.today();
  const upcoming = addDays(today, 45);

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await db.admin();
    const jma = await buildAssociation(admin, { tier: 'NATIONAL', name: '日本医師会' });
    const municipal = await buildAssociation(admin, { tier: 'MUNICIPAL' });
    const person = await buildPerson(admin);
    await buildMembership(admin, { person_id: person.id, association_id: municipal.id });
    physician = { kind: 'PHYSICIAN', sub: randomUUID(), personId: person.id };
    physicianName = `${person.family_name} ${person.given_name}`;
    municipalId = municipal.id;
    env = await startPortalStack(db, { identity: false });
    stack = env.stack;
    browser = env.browser;
    // the JMA announces a revision of the notice (a new representative) 45 days ahead
    const current = await stack.query<{
      jointUseNotice: Record<string, unknown> & { responsibleParty: object };
    }>(
      `{ jointUseNotice { title statement dataItems jointUsers purposes responsibilityNote summaryEn
         responsibleParty { name address representative } } }`,
    );
    const notice = current.body.data!.jointUseNotice;
    const published = await stack.queryAs(
      { kind: 'STAFF', sub: randomUUID(), associationId: jma.id, associationTier: 'NATIONAL', role: 'ADMIN' },
      `mutation ($input: PublishJointUseNoticeInput!) { publishJointUseNotice(input: $input) { version } }`,
      {
        input: {
          ...notice,
          version: 'portal-test-2',
          effectiveFrom: upcoming,
          responsibleParty: { ...notice.responsibleParty, representative: '会長 試験太郎' },
        },
      },
    );
    expect(published.body.errors).toBeUndefined();
    // the contractors (業務委託先) and environment requirements, published by the JMA
    const disclosed = await stack.queryAs(
      { kind: 'STAFF', sub: randomUUID(), associationId: jma.id, associationTier: 'NATIONAL', role: 'ADMIN' },
      `mutation ($input: PublishServiceDisclosureInput!) { publishServiceDisclosure(input: $input) { version } }`,
      {
        input: {
          version: 'portal-test-1',
          effectiveFrom: today,
          contractors: [{ name: '試験システム株式会社', work: 'システムの保守・運用', workEn: 'Operation' }],
          environmentRequirements: [
            {
              item: 'ブラウザ',
              requirementJa: '最新版の Chrome または Edge',
              requirementEn: 'Current Chrome or Edge',
            },
          ],
        },
      },
    );
    expect(disclosed.body.errors).toBeUndefined();
    await admin.query(
      `INSERT INTO training.certificate (id, number, person_id, program_code, valid_from, valid_to, holder_name,
         verification_code, issuer_association_id, issued_by)
       VALUES ($1, 'OCC-TEST-1', $2, 'OCCUPATIONAL', $3, $4, '山田 太郎', $5, $6, 'test')`,
      [randomUUID(), person.id, today, addDays(today, 5 * 365), CODE, jma.id],
    );

    stranger = http.createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>other</title><p>other'),
    );
    await new Promise<void>((resolve) => stranger.listen(0, '127.0.0.1', resolve));
    strangerOrigin = `http://127.0.0.1:${(stranger.address() as AddressInfo).port}`;
  }, 240_000);

  afterAll(async () => {
    await new Promise<void>((resolve) => (stranger ? stranger.close(() => resolve()) : resolve()));
    await env?.close();
    await admin?.end();
    await db?.drop();
  });

  const open = async (page: Page, path: string, ready: string) => {
    await page.goto(env.url(path));
    await heading(page, ready);
  };
  const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name }).waitFor();

  it('the top page shows the joint-use notice (five items, responsible party), the announced revision, contractors, environment and terms', async () => {
    await env.checkBothWidths('portal-top', null, '/', async (page) => {
      await heading(page, 'MAMIS（医師会会員情報システム）');
      const notice = page.getByTestId('joint-use-notice');
      await notice.waitFor();
      for (const heading of [
        '① 共同利用をする旨',
        '② 共同して利用する個人データの項目',
        '③ 共同して利用する者の範囲',
        '④ 利用する者の利用目的',
        '⑤ 当該個人データの管理について責任を有する者',
      ])
        await notice.getByRole('heading', { name: heading }).waitFor();
      const party = await page.getByTestId('responsible-party').innerText();
      const api = await stack.query<{
        jointUseNotice: { responsibleParty: Record<string, string>; dataItems: string[] };
      }>('{ jointUseNotice { dataItems responsibleParty { name address representative } } }');
      const { responsibleParty, dataItems } = api.body.data!.jointUseNotice;
      // from the API, never a copy in the page
      for (const value of Object.values(responsibleParty)) expect(party).toContain(value);
      const text = await notice.innerText();
      for (const item of dataItems) expect(text).toContain(item);
      const announced = await page.getByTestId('upcoming-notice').innerText();
      expect(announced).toContain('portal-test-2');
      expect(announced).toContain(jaDate(upcoming));
      const disclosure = await page.getByTestId('service-disclosure').innerText();
      expect(disclosure).toContain('業務委託先');
      expect(disclosure).toContain('試験システム株式会社');
      expect(disclosure).toContain('最新版の Chrome または Edge');
      const terms = await page.getByTestId('terms').innerText();
      expect(terms).toContain('利用規約の改定履歴');
      expect(terms).toMatch(/現在の利用規約/);
    });
  });

  it('switches to English and back', async () => {
    const page = await browser.newPage();
    try {
      await open(page, '/', 'MAMIS（医師会会員情報システム）');
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'MAMIS (member information system)' }).waitFor();
      expect(await page.evaluate('document.documentElement.lang')).toBe('en');
      await page.getByRole('button', { name: '日本語' }).click();
      await page.getByRole('heading', { level: 1, name: 'MAMIS（医師会会員情報システム）' }).waitFor();
    } finally {
      await page.close();
    }
  });

  it('verifies a certificate by a typed code in any case, without hyphens', async () => {
    await env.checkBothWidths('portal-verify', null, '/verify', async (page) => {
      await heading(page, '認定証の確認');
      await page.getByLabel('確認コード').fill(CODE.replace(/-/g, '').toLowerCase());
      await page.getByRole('button', { name: '確認する' }).click();
      const result = page.getByTestId('verification-result');
      await result.getByText('有効な認定証です').waitFor();
      const text = await result.innerText();
      expect(text).toContain('山田 太郎');
      expect(text).toContain('OCCUPATIONAL');
      expect(text).toContain(jaDate(today));
      expect(new URL(page.url()).searchParams.get('code')).toBe(CODE);
    });
  });

  it('verifies a certificate arriving from a QR code URL, shows an unknown code as not found and a malformed one as such', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(env.url(`/verify?code=${encodeURIComponent(CODE.toLowerCase())}`));
      await page.getByTestId('verification-result').getByText('有効な認定証です').waitFor();
      // exactly the fields verifyCertificate returns: nothing like a registry number or a person id
      const text = await page.getByTestId('verification-result').innerText();
      expect(text).not.toMatch(/医籍|registry|[0-9a-f]{8}-[0-9a-f]{4}-/i);

      await page.goto(env.url(`/verify?code=ZZZZ-ZZZZ-ZZZZ`));
      await page
        .getByTestId('verification-result')
        .getByText('この確認コードの認定証は見つかりません。')
        .waitFor();

      await page.goto(env.url('/verify'));
      await page.getByLabel('確認コード').fill('ABC');
      await page.getByRole('button', { name: '確認する' }).click();
      await page.getByText('確認コードは英数字12文字です').waitFor();
    } finally {
      await page.close();
    }
  });

  it('staff acting on a physician’s behalf: My Page shows a banner naming who acts for whom', async () => {
    // a session as oidc-client-ts keeps it, with a token for an act-on-behalf (RFC 8693 `act`)
    const token = await stack.tokenFor({
      ...physician,
      actor: { sub: 'staff-portal-1', kind: 'STAFF', associationId: municipalId, reason: '電話での依頼' },
    });
    const session = env.sessionFor({
      access_token: token,
      token_type: 'Bearer',
      scope: 'openid',
      profile: { sub: physician.sub, name: '事務 次郎' },
      expires_at: Math.floor(Date.now() / 1000) + 300,
    });
    await env.checkBothWidths('portal-on-behalf', session, '/me', async (page) => {
      const banner = await page.getByTestId('acting-banner').innerText();
      expect(banner).toContain('事務 次郎');
      expect(banner).toContain(physicianName);
      expect(banner).toContain('電話での依頼');
    });
  });

  it('CORS: the portal’s origin calls the gateway with a token; another origin is refused', async () => {
    const token = await stack.tokenFor(physician);
    const call = async ([url, bearer]: string[]) => {
      try {
        const res = await fetch(url!, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
          body: JSON.stringify({ query: '{ me { id } }' }),
        });
        return { status: res.status, body: (await res.json()) as { data?: { me?: { id: string } } } };
      } catch (e) {
        return { refused: String(e) };
      }
    };
    const page = await browser.newPage();
    try {
      await page.goto(env.url('/'));
      const allowed = await page.evaluate(call, [env.gateway.url, token]);
      expect('status' in allowed && allowed.status).toBe(200);
      expect('body' in allowed && allowed.body?.data?.me?.id).toBe(physician.personId);

      await page.goto(`${strangerOrigin}/`);
      const refused = await page.evaluate(call, [env.gateway.url, token]);
      expect('status' in refused).toBe(false);
      expect('refused' in refused && refused.refused).toMatch(/Failed to fetch/);
    } finally {
      await page.close();
    }
    // the preflight as the browser sent it: allowed methods and headers, a max-age; nothing for others
    const preflight = (origin: string) =>
      fetch(env.gateway.url, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
    const ok = await preflight(env.portal.url);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(env.portal.url);
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(Number(ok.headers.get('access-control-max-age'))).toBeGreaterThan(0);
    const no = await preflight(strangerOrigin);
    expect(no.status).toBe(403);
    expect(no.headers.get('access-control-allow-origin')).toBeNull();
  });
});
