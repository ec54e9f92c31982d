import { readFileSync } from 'node:fs';
import { clock } from '@mamis/platform';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Client } from 'pg';
import type { Page } from 'playwright-core';
import { buildMembership, buildPerson } from '../../../test/support/builders';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { buildTree, staffOf, type Tree } from '../../membership/test/support/membership-service';
import { sessionOf, startPortalStack, type PortalSession, type PortalStack } from './support/portal-session';

const HEADERS = ['氏名', 'フリガナ', '医籍登録番号', '会員種別', '状態'];

/**
 * The office console's members (会員一覧) in a real Chromium, through identity and the gateway:
 * the 文京区医師会 clerk registers a new member (required fields, the API's errors at their
 * fields, a preview, the same-name warning as the API answers it, the existence-safe path for a
 * registry number held by a person the office cannot see) and exports the list with the current
 * filters as CSV for Excel and as .xlsx — the files hold exactly the rows the list shows.
 */
describe('portal: office member registration and list export in a browser', () => {
  let db: TestDatabase;
  let admin: Client;
  let env: PortalStack;
  let stack: PortalStack['stack'];
  let t: Tree;
  let totpSecret: string;
  let session: PortalSession;
  const ids: Record<string, string> = {};
  const registry: Record<string, string> = {};
  const birth: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await db.admin();
    t = await buildTree(admin);
    const people: [string, string, string, string, string, string, string, string][] = [
      // key, family, given, family kana, given kana, birth date, category, status
      ['hanako', '山田', '花子', 'ヤマダ', 'ハナコ', '1980-04-01', 'A①', 'ACTIVE'],
      ['taro', '山田', '太郎', 'ヤマダ', 'タロウ', '1975-06-15', 'B', 'ACTIVE'],
      ['ichiro', '鈴木', '一郎', 'スズキ', 'イチロウ', '1968-11-03', 'A①', 'ACTIVE'],
      ['former', '山口', '四郎', 'ヤマグチ', 'シロウ', '1950-01-20', 'A①', 'LEFT'],
    ];
    for (const [key, family, given, fk, gk, born, category, status] of people) {
      const p = await buildPerson(admin, {
        family_name: family,
        given_name: given,
        family_name_kana: fk,
        given_name_kana: gk,
        birth_date: born,
      });
      ids[key] = p.id;
      registry[key] = p.registry_number;
      birth[key] = born;
      await buildMembership(admin, {
        person_id: p.id,
        association_id: t.bunkyo.id,
        category,
        status,
        joined_on: '2010-04-01',
        left_on: status === 'LEFT' ? '2020-03-31' : null,
      });
    }
    // another association's member: invisible to Bunkyo
    const other = await buildPerson(admin, { family_name: '千代', given_name: '田子' });
    ids.other = other.id;
    registry.other = other.registry_number;
    await buildMembership(admin, { person_id: other.id, association_id: t.chiyoda.id });
    env = await startPortalStack(db);
    stack = env.stack;
    for (const [code, name] of [
      ['A①', 'A会員（開業医）'],
      ['B', 'B会員（勤務医）'],
    ] as const) {
      const cat = await stack.queryAs(
        staffOf(t.bunkyo),
        'mutation($i: SetMembershipCategoryInput!) { setMembershipCategory(input: $i) { code } }',
        { i: { associationId: t.bunkyo.id, code, name } },
      );
      expect(cat.body.errors).toBeUndefined();
    }
    const clerk = await env.bed!.fx.account({
      username: 'bunkyo-clerk',
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

  /** A new tab of the signed-in clerk (the first test signs in once), saving downloads. */
  const clerkPage = (path: string) => env.open(session, path, { acceptDownloads: true });

  /** Fill the registration form as a clerk types it (kana in hiragana). */
  async function fillForm(page: Page, registryNumber: string) {
    await page.getByLabel(/^姓（必須）/).fill('山田');
    await page.getByLabel(/^名（必須）/).fill('花子');
    await page.getByLabel(/^姓（フリガナ）/).fill('やまだ');
    await page.getByLabel(/^名（フリガナ）/).fill('はなこ');
    await page.getByLabel(/^生年月日/).fill(birth.hanako!);
    await page.getByRole('radio', { name: '女性' }).check();
    await page.getByLabel(/^医籍登録番号/).fill(registryNumber);
    await page.getByLabel(/^電話番号/).fill('03-3946-2121');
    await page.getByLabel(/^都道府県/).selectOption({ label: '東京都' });
    await page.getByLabel(/^会員種別/).selectOption('A①');
    // the platform's date (the tests may shift the clock): never in the future for the API
    await page.getByLabel(/^入会日/).fill(clock.today());
  }

  /** Review, then register: the preview first, the request only on 登録する. */
  async function reviewAndRegister(page: Page) {
    await page.getByRole('button', { name: '入力内容を確認する' }).click();
    await page.getByTestId('register-confirm').waitFor();
    await page.getByRole('button', { name: '登録する', exact: true }).click();
  }

  /** The list's rows as the clerk reads them (the list's — is an empty cell in a file). */
  const listRows = (page: Page) =>
    page
      .getByTestId('members')
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) =>
          (Array.from(tr.querySelectorAll('td')) as { textContent: string | null }[]).map((td) => {
            const text = (td.textContent ?? '').trim();
            return text === '—' ? '' : text;
          }),
        ),
      );

  /** Press an export button and read the downloaded file. */
  async function download(page: Page, button: string) {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: button }).click(),
    ]);
    const saved = await file.path();
    return { name: file.suggestedFilename(), bytes: readFileSync(saved) };
  }

  it('registers a new member: required fields, errors at their fields, a preview, the same-name warning; then the member page', async () => {
    const signedIn = await env.signedIn({ username: 'bunkyo-clerk', totpSecret, area: '/office' });
    try {
      session = await sessionOf(signedIn.page);
    } finally {
      await signedIn.context.close();
    }
    await env.checkBothWidths('portal-office-member-register', session, '/office/members/new', async (p) => {
      await p.getByTestId('member-register').waitFor();
      await p
        .getByLabel(/^会員種別/)
        .locator('option', { hasText: 'A①' })
        .waitFor({ state: 'attached' });
    });
    const persons = async () =>
      (await admin.query('SELECT count(*)::int AS n FROM membership.person')).rows[0].n as number;
    const before = await persons();
    const { context: ctx, page } = await clerkPage('/office/members');
    try {
      await page.getByRole('link', { name: '新しい会員を登録する' }).click();
      await page.getByTestId('member-register').waitFor();
      expect(new URL(page.url()).pathname).toBe('/office/members/new');

      // nothing entered: every required field is marked, nothing is sent
      await page.getByRole('button', { name: '入力内容を確認する' }).click();
      await page.getByTestId('register-problems').waitFor();
      expect(await page.getByLabel(/^姓（必須）/).getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByLabel(/^医籍登録番号/).getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByLabel(/^会員種別/).getAttribute('aria-invalid')).toBe('true');
      // the problem summary has the focus (keyboard and screen readers land on it)
      expect(await page.evaluate('document.activeElement?.dataset?.testid')).toBe('register-problems');

      // a malformed registry number: the API's Japanese message at the field, the input kept
      await fillForm(page, '12345678');
      await reviewAndRegister(page);
      const registryField = page.getByLabel(/^医籍登録番号/);
      await page.getByTestId('register-problems').waitFor();
      expect(await registryField.getAttribute('aria-invalid')).toBe('true');
      expect(await registryField.inputValue()).toBe('12345678');
      const errorId = (await registryField.getAttribute('aria-describedby'))!.split(' ').pop()!;
      expect(await page.locator(`[id="${errorId}"]`).innerText()).toContain(
        '医籍登録番号は1〜7桁の数字で入力してください',
      );

      // kana in latin letters: the API's Japanese-first message at the kana field
      await registryField.fill('512345');
      await page.getByLabel(/^姓（フリガナ）/).fill('yamada');
      await reviewAndRegister(page);
      await page
        .getByTestId('register-problems')
        .getByText(/カタカナで入力してください/)
        .waitFor();
      expect(await page.getByLabel(/^姓（フリガナ）/).getAttribute('aria-invalid')).toBe('true');
      expect(await registryField.getAttribute('aria-invalid')).toBeNull();
      await page.getByLabel(/^姓（フリガナ）/).fill('やまだ');

      // the number of a member the office sees: a conflict at the field
      await registryField.fill(registry.hanako!);
      await reviewAndRegister(page);
      await page.getByTestId('register-problems').waitFor();
      expect(await registryField.getAttribute('aria-invalid')).toBe('true');

      // the number of a person the office cannot see goes as an unused one would; the same name
      // and birth date as 山田 花子 (whom the office sees) is a warning to confirm
      await registryField.fill(registry.other!);
      await page.getByRole('button', { name: '入力内容を確認する' }).click();
      const preview = page.getByTestId('register-confirm');
      await preview.waitFor();
      const shown = await preview.innerText();
      for (const text of ['山田', 'やまだ', '女性', registry.other!, '東京都', 'A①（A会員（開業医））'])
        expect(shown).toContain(text);
      await env.checkBothWidths(
        'portal-office-member-register-preview',
        session,
        '/office/members/new',
        async (p) => {
          await p
            .getByLabel(/^会員種別/)
            .locator('option', { hasText: 'A①' })
            .waitFor({ state: 'attached' });
          await fillForm(p, registry.other!);
          await p.getByRole('button', { name: '入力内容を確認する' }).click();
          await p.getByTestId('register-confirm').waitFor();
        },
      );
      expect(await persons()).toBe(before);
      await page.getByRole('button', { name: '登録する', exact: true }).click();
      const warning = page.getByTestId('register-duplicate');
      await warning.waitFor();
      expect(await warning.innerText()).toContain('同じ氏名・生年月日の方がすでに登録されています');
      expect(await warning.getByRole('link').count()).toBe(1);
      expect(await warning.getByRole('link').getAttribute('href')).toBe(`/office/members/${ids.hanako}`);
      expect(await persons()).toBe(before);
      await page.getByRole('button', { name: '同一人物ではないことを確認したので登録する' }).click();

      // the new member's page
      await page.waitForURL((url) => /^\/office\/members\/[0-9a-f-]{36}$/.test(url.pathname));
      const newId = new URL(page.url()).pathname.split('/').pop()!;
      expect(newId).not.toBe(ids.hanako);
      await page.getByRole('heading', { level: 2, name: '山田 花子（ヤマダ ハナコ）' }).waitFor();
      await page.getByTestId('member-identity').getByText(registry.other!).waitFor();
      expect(await page.locator('main').innerText()).not.toContain('千代');
      expect(await persons()).toBe(before + 1);
      const stored = await admin.query(
        `SELECT p.family_name_kana, p.registry_number, p.registry_match_of, p.phone, p.prefecture_code,
                m.category, m.status
           FROM membership.person p JOIN membership.membership m ON m.person_id = p.id
          WHERE p.id = $1`,
        [newId],
      );
      expect(stored.rows).toEqual([
        {
          family_name_kana: 'ヤマダ',
          registry_number: registry.other,
          // kept apart for the holder to accept; never shown to the office
          registry_match_of: ids.other,
          phone: '03-3946-2121',
          prefecture_code: 13,
          category: 'A①',
          status: 'ACTIVE',
        },
      ]);
      ids.registered = newId;
    } finally {
      await ctx.close();
    }
  }, 300_000);

  it('exports the list with the current filters as CSV for Excel and as .xlsx, row for row as shown', async () => {
    const { context, page } = await clerkPage('/office/members');
    try {
      await page.getByTestId('members').waitFor();
      await page.getByTestId('members-count').getByText('4件中 4件').waitFor();
      const shown = await listRows(page);
      expect(shown.map((r) => r[0])).toEqual(['鈴木 一郎', '山田 太郎', '山田 花子', '山田 花子']);

      // CSV for Excel: a BOM, CRLF, Japanese headers; the rows the list shows
      const csv = await download(page, 'CSV（Excel用）で出力');
      expect(csv.name).toMatch(/^members-\d{8}\.csv$/);
      expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = csv.bytes.toString('utf8');
      expect(text).toContain('\r\n');
      expect(text.replace(/\r\n/g, '')).not.toContain('\n');
      const records = parse(text, { bom: true }) as string[][];
      expect(records).toEqual([HEADERS, ...shown]);
      await page.getByTestId('export-done').getByText('4件を出力しました。').waitFor();
      await env.checkBothWidths('portal-office-members-export', session, '/office/members', async (p) => {
        await p.getByTestId('members').waitFor();
        await Promise.all([
          p.waitForEvent('download'),
          p.getByRole('button', { name: 'CSV（Excel用）で出力' }).click(),
        ]);
        await p.getByTestId('export-done').waitFor();
      });

      // .xlsx with a filter: former members only
      await page.getByLabel('状態').selectOption('LEFT');
      await page.getByRole('button', { name: '検索する' }).click();
      await page.getByTestId('members-count').getByText('1件中 1件').waitFor();
      const former = await listRows(page);
      expect(former).toEqual([['山口 四郎', 'ヤマグチ シロウ', registry.former, 'A①', '退会']]);
      const xlsx = await download(page, 'Excel（.xlsx）で出力');
      expect(xlsx.name).toMatch(/^members-\d{8}\.xlsx$/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      const cells: string[][] = [];
      sheet.eachRow((r) => cells.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
      expect(cells).toEqual([HEADERS, ...former]);

      // a search (people the office may see): the export follows it too
      await page.getByLabel('状態').selectOption('');
      await page.getByLabel('氏名・フリガナ・医籍登録番号').fill('やまだ');
      await page.getByRole('button', { name: '検索する' }).click();
      await page.getByTestId('members-count').getByText('3件中 3件').waitFor();
      const found = await listRows(page);
      const searched = parse((await download(page, 'CSV（Excel用）で出力')).bytes.toString('utf8'), {
        bom: true,
      }) as string[][];
      expect(searched).toEqual([HEADERS, ...found]);
      expect(searched.flat().join()).not.toContain('千代');
    } finally {
      await context.close();
    }
  }, 240_000);
});
