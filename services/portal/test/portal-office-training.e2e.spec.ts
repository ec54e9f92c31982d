import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { addDays, clock } from '@mamis/platform';
import type { Client } from 'pg';
import type { Page } from 'playwright-core';
import { buildMembership, buildPerson } from '../../../test/support/builders';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { inspectPdf } from '../../../test/support/pdf-inspect';
import { buildTree, physician, type Tree } from '../../membership/test/support/membership-service';
import {
  sessionOf,
  startPortalStack,
  withSession,
  type PortalSession,
  type PortalStack,
} from './support/portal-session';

/**
 * The office console's training screens (研修会) in a real Chromium, through identity and the
 * gateway, on the demo association tree (日本医師会 › 東京都医師会 › 文京区医師会): the 文京区医師会 clerk
 * creates a session with its credit lines (problems shown at their fields), sees the registrations
 * and the waiting list, edits the session (a stale version is a conflict that keeps the input; more
 * seats move the waiting list up) and cancels it; 東京都医師会 staff see what each applicant for a
 * certification has met and lacks, return one application with a reason (a stale version is a
 * conflict) and check another; the JMA approves it; the physician downloads the certificate in My Page.
 */
describe('portal: the office training screens in a browser, through identity and the gateway', () => {
  let db: TestDatabase;
  let admin: Client;
  let env: PortalStack;
  let stack: PortalStack['stack'];
  let t: Tree;
  const totp: Record<string, string> = {};
  const sessions: Record<string, PortalSession> = {};
  const ids: Record<string, string> = {};
  const today = clock.today();
  const sessionDay = addDays(today, 20);
  const applications: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await db.admin();
    t = await buildTree(admin);
    for (const [key, family, given, fk, gk] of [
      ['hanako', '山田', '花子', 'ヤマダ', 'ハナコ'],
      ['taro', '山田', '太郎', 'ヤマダ', 'タロウ'],
    ] as const) {
      const p = await buildPerson(admin, {
        family_name: family,
        given_name: given,
        family_name_kana: fk,
        given_name_kana: gk,
      });
      ids[key] = p.id;
      for (const a of [t.bunkyo, t.tokyo, t.jma])
        await buildMembership(admin, { person_id: p.id, association_id: a.id, category: 'A①' });
    }
    // both have earned what the occupational-physician rule (認定産業医, new) asks for; 太郎's
    // practical units in two entries, one of which is found to be a mistake after he filed
    const mistaken = randomUUID();
    for (const [key, code, units, daysAgo, id] of [
      ['hanako', 'BASIC_EARLY', 14, 210, randomUUID()],
      ['hanako', 'BASIC_PRACTICAL', 10, 180, randomUUID()],
      ['hanako', 'BASIC_LATE', 26, 150, randomUUID()],
      ['taro', 'BASIC_EARLY', 14, 210, randomUUID()],
      ['taro', 'BASIC_PRACTICAL', 9.5, 180, randomUUID()],
      ['taro', 'BASIC_PRACTICAL', 0.5, 170, mistaken],
      ['taro', 'BASIC_LATE', 26, 150, randomUUID()],
    ] as const)
      await admin.query(
        `INSERT INTO training.credit_entry (id, person_id, program_code, code, units, earned_on, source, evidence, recorded_by)
         VALUES ($1, $2, 'OCCUPATIONAL', $3, $4, $5, 'MANUAL', '研修手帳', 'test')`,
        [id, ids[key], code, units, addDays(today, -daysAgo)],
      );
    ids.mistaken = mistaken;
    env = await startPortalStack(db);
    stack = env.stack;
    // both file their applications (My Page has no filing form yet: through the API, as themselves)
    for (const [key, holderName] of [
      ['hanako', '山田 花子'],
      ['taro', '山田 太郎'],
    ] as const) {
      const filed = await stack.queryAs<{ fileCertificationApplication: { id: string } }>(
        physician(ids[key]!),
        `mutation ($input: FileCertificationApplicationInput!) {
           fileCertificationApplication(input: $input) { id } }`,
        {
          input: {
            personId: ids[key],
            programCode: 'OCCUPATIONAL',
            kind: 'NEW',
            holderName,
            idempotencyKey: `portal-office-training-${key}`,
          },
        },
      );
      expect(filed.body.errors).toBeUndefined();
      applications[key] = filed.body.data!.fileCertificationApplication.id;
    }

    const bed = env.bed!;
    for (const [username, displayName, association] of [
      ['bunkyo-clerk', '文京区医師会 事務局', t.bunkyo],
      ['tokyo-clerk', '東京都医師会 事務局', t.tokyo],
      ['jma-clerk', '日本医師会 事務局', t.jma],
    ] as const) {
      const account = await bed.fx.account({
        username,
        kind: 'STAFF',
        displayName,
        associationId: association.id,
        role: 'CLERK',
      });
      totp[username] = account.totpSecret!;
    }
    await bed.fx.account({ username: 'dr-hanako', kind: 'PHYSICIAN', personId: ids.hanako });
  }, 240_000);

  afterAll(async () => {
    await env?.close();
    await admin?.end();
    await db?.drop();
  });

  /** A new tab of a signed-in staff member (signed in once, then the session storage is reused). */
  async function staffPage(username: string, path: string) {
    if (!sessions[username]) {
      const { context, page } = await env.signedIn({ username, totpSecret: totp[username], area: '/office' });
      try {
        sessions[username] = await sessionOf(page);
      } finally {
        await context.close();
      }
    }
    return env.open(sessions[username]!, path);
  }

  const sessionRow = () =>
    admin.query<{ id: string; title: string; capacity: number | null; status: string; version: number }>(
      `SELECT id, title, capacity, status, version FROM training.training_session
        WHERE host_association_id = $1 AND title LIKE '感染対策%'`,
      [t.bunkyo.id],
    );

  it('creates a session with its credit lines; problems are shown at their fields, the input kept', async () => {
    const { context, page } = await staffPage('bunkyo-clerk', '/office/training');
    try {
      await page.getByRole('heading', { level: 2, name: 'この医師会の研修会' }).waitFor();
      await page.getByRole('button', { name: '研修会を登録する' }).click();
      const form = page.getByTestId('session-form');
      await form.waitFor();
      // nothing filled in: the required fields are marked, nothing is sent
      await form.getByRole('button', { name: '登録する' }).click();
      await form.getByText('入力内容を確認してください。').waitFor();
      expect(await form.getByLabel('研修会名').getAttribute('aria-invalid')).toBe('true');
      expect(await form.getByLabel('開催日').getAttribute('aria-invalid')).toBe('true');
      expect(await form.getByLabel('会場').getAttribute('aria-invalid')).toBe('true');
      expect(await form.getByLabel('1行目 コード・区分').getAttribute('aria-invalid')).toBe('true');

      await form.getByLabel('研修制度').selectOption('CME');
      await form.getByLabel('研修会名').fill('感染対策講習会');
      await form.getByLabel('開催日').fill(sessionDay);
      await form.getByLabel('開始時刻').fill('19:00');
      await form.getByLabel('終了時刻').fill('18:00');
      await form.getByLabel('会場').fill('文京区医師会館 3階');
      await form.getByLabel('定員（空欄は制限なし）').fill('1');
      await form.getByLabel('1行目 コード・区分').fill('10');
      await form.getByLabel('1行目 単位数').fill('1');
      await form.getByRole('button', { name: '単位の行を追加' }).click();
      await form.getByLabel('2行目 コード・区分').fill('72');
      await form.getByLabel('2行目 単位数').fill('0.3');
      // units not in 0.5 steps: said at the line, before anything is sent
      await form.getByRole('button', { name: '登録する' }).click();
      await form.getByText('単位数は0.5刻みの正の数で入力してください。').waitFor();
      expect(await form.getByLabel('2行目 単位数').getAttribute('aria-invalid')).toBe('true');
      await form.getByLabel('2行目 単位数').fill('0.5');
      // the end before the start: the API's BAD_USER_INPUT at input.endsAt marks the field
      await form.getByRole('button', { name: '登録する' }).click();
      await form.getByText('終了時刻は開始時刻より後にしてください。').waitFor();
      expect(await form.getByLabel('終了時刻').getAttribute('aria-invalid')).toBe('true');
      expect(await form.getByLabel('研修会名').inputValue()).toBe('感染対策講習会');
      expect((await sessionRow()).rows).toEqual([]);
      await form.getByLabel('終了時刻').fill('21:00');
      await form.getByRole('button', { name: '登録する' }).click();
      await page.getByTestId('session-notice').getByText('研修会を登録しました。').waitFor();
      const detail = page.getByTestId('session-detail');
      await detail.getByRole('heading', { name: '感染対策講習会' }).waitFor();
      expect(await detail.getByTestId('session-seats').innerText()).toContain('申込 0名 / 定員 1');
      const credits = await detail.getByTestId('session-credits').innerText();
      expect(credits).toContain('10');
      expect(credits).toContain('72');
      expect(await page.getByTestId('sessions').innerText()).toContain('感染対策講習会');

      const { rows } = await sessionRow();
      expect(rows).toEqual([
        expect.objectContaining({ title: '感染対策講習会', capacity: 1, status: 'SCHEDULED' }),
      ]);
      const lines = await admin.query(
        `SELECT kind, code, units::float AS units FROM training.session_credit WHERE session_id = $1 ORDER BY position`,
        [rows[0]!.id],
      );
      expect(lines.rows).toEqual([
        { kind: 'CURRICULUM_CODE', code: '10', units: 1 },
        { kind: 'CURRICULUM_CODE', code: '72', units: 0.5 },
      ]);
    } finally {
      await context.close();
    }
    await env.checkBothWidths(
      'portal-office-training-session-form',
      sessions['bunkyo-clerk']!,
      '/office/training',
      async (p) => {
        // the list loaded first (as above), so nothing moves under the click
        await p.getByTestId('sessions').waitFor();
        await p.getByRole('button', { name: '研修会を登録する' }).click();
        await p.getByTestId('session-form').waitFor();
        await p.getByTestId('session-form').getByRole('button', { name: '登録する' }).click();
        await p.getByTestId('session-form').getByText('入力内容を確認してください。').waitFor();
      },
    );
  }, 240_000);

  it('shows the registrations and the waiting list; edits (a stale version is a conflict) and cancels', async () => {
    const session = (await sessionRow()).rows[0]!;
    for (const key of ['hanako', 'taro']) {
      const reg = await stack.queryAs(
        physician(ids[key]!),
        `mutation($input: RegisterForSessionInput!) { registerForSession(input: $input) { id status } }`,
        { input: { sessionId: session.id, personId: ids[key], idempotencyKey: `training-${key}` } },
      );
      expect(reg.body.errors).toBeUndefined();
    }
    const openDetail = async (page: Page) => {
      await page.getByRole('button', { name: '詳細: 感染対策講習会' }).click();
      await page.getByTestId('session-detail').getByTestId('session-seats').waitFor();
    };
    await env.checkBothWidths(
      'portal-office-training-session',
      sessions['bunkyo-clerk']!,
      '/office/training',
      async (p) => {
        await openDetail(p);
        await p.getByTestId('session-waiting').waitFor();
      },
    );
    const { context, page } = await staffPage('bunkyo-clerk', '/office/training');
    try {
      // one seat: 花子 registered, 太郎 waiting
      expect(await page.getByTestId('sessions').innerText()).toContain('1 / 1（キャンセル待ち 1）');
      await openDetail(page);
      const detail = page.getByTestId('session-detail');
      expect(await detail.getByTestId('session-registrations').innerText()).toContain('山田 花子');
      expect(await detail.getByTestId('session-waiting').innerText()).toContain('山田 太郎');
      expect(await detail.getByTestId('session-seats').innerText()).toContain('申込 1名 / 定員 1');

      // another clerk saves first: a conflict that keeps the input
      await detail.getByRole('button', { name: '変更する' }).click();
      const form = page.getByTestId('session-form');
      await form.getByLabel('定員（空欄は制限なし）').fill('2');
      await admin.query('UPDATE training.training_session SET version = version + 1 WHERE id = $1', [
        session.id,
      ]);
      // the latest version cannot be read (the network drops it): said so, and asked again
      let readable = false;
      await page.route('**/graphql', (route) => {
        return !readable && (route.request().postData() ?? '').includes('OfficeSessionDetail')
          ? route.abort('connectionreset')
          : route.continue();
      });
      await form.getByRole('button', { name: '保存する' }).click();
      await form.getByTestId('session-conflict').waitFor();
      expect(await form.getByLabel('定員（空欄は制限なし）').inputValue()).toBe('2');
      expect((await sessionRow()).rows[0]!.capacity).toBe(1);
      await form.getByRole('button', { name: '最新の版で続ける' }).click();
      await form.getByText('エラーが発生しました', { exact: false }).waitFor();
      expect(await form.getByTestId('session-conflict').isVisible()).toBe(true);
      readable = true;
      await form.getByRole('button', { name: '最新の版で続ける' }).click();
      await form.getByTestId('session-conflict').waitFor({ state: 'detached' });
      expect(await form.getByLabel('定員（空欄は制限なし）').inputValue()).toBe('2');
      await form.getByRole('button', { name: '保存する' }).click();
      await page.getByTestId('session-notice').getByText('研修会の変更を保存しました。').waitFor();
      // a second seat: 太郎 moved up from the waiting list
      await detail.getByText('キャンセル待ちはいません。').waitFor();
      expect(await detail.getByTestId('session-registrations').innerText()).toContain('山田 太郎');
      expect(await detail.getByTestId('session-seats').innerText()).toContain('申込 2名 / 定員 2');
      expect((await sessionRow()).rows[0]!.capacity).toBe(2);

      // cancelled after a confirmation: registrations stay on record
      page.once('dialog', (dialog) => void dialog.accept());
      await detail.getByRole('button', { name: '中止にする' }).click();
      await page
        .getByTestId('session-notice')
        .getByText(/研修会を中止にしました/)
        .waitFor();
      await page.getByTestId('sessions').getByText('感染対策講習会（中止）').waitFor();
      expect((await sessionRow()).rows[0]!.status).toBe('CANCELLED');
      const kept = await admin.query(
        `SELECT count(*)::int AS n FROM training.attendance WHERE session_id = $1 AND status = 'REGISTERED'`,
        [session.id],
      );
      expect(kept.rows[0]).toEqual({ n: 2 });
      // a municipal association decides only its own programmes' applications (none here)
      await page.goto(env.url('/office/training/certifications'));
      await page.getByTestId('certifications-none').waitFor();
    } finally {
      await context.close();
    }
  }, 240_000);

  it('shows the prefecture what an applicant lacks; a return needs a reason; a stale version is a conflict', async () => {
    // after 太郎 filed, 0.5 of his practical units were found to be a mistake and reversed
    await admin.query(
      `INSERT INTO training.credit_entry (id, person_id, program_code, code, units, earned_on, source, evidence,
         reverses_entry_id, recorded_by)
       VALUES ($1, $2, 'OCCUPATIONAL', 'BASIC_PRACTICAL', -0.5, $3, 'MANUAL', '二重登録', $4, 'test')`,
      [randomUUID(), ids.taro, addDays(today, -170), ids.mistaken],
    );
    const { context, page } = await staffPage('tokyo-clerk', '/office/training/certifications');
    try {
      const item = page.getByTestId('certification-application').filter({ hasText: '山田 太郎' });
      // the progress once loaded: its table (a failure shows what came instead)
      await item.getByTestId('applicant-progress').waitFor();
      expect(await item.getByTestId('applicant-progress').innerText()).toContain('要件の達成状況');
      expect(await item.innerText()).toContain('不足している要件があります');
      // required, achieved, missing
      expect(await item.getByTestId('requirement-CATEGORY:PRACTICAL').innerText()).toMatch(
        /10\s+9\.5\s+0\.5/,
      );
      // a return without a reason: said at the note, nothing sent
      await item.getByRole('button', { name: '差し戻す' }).click();
      await item.getByText('差戻し・却下の場合は理由をメモに入力してください。').waitFor();
      expect(await item.getByLabel(/メモ/).getAttribute('aria-invalid')).toBe('true');
      // another clerk touched the application first: a conflict, the list reloaded, the note kept
      await admin.query('UPDATE training.certification_application SET version = version + 1 WHERE id = $1', [
        applications.taro,
      ]);
      await item.getByLabel(/メモ/).fill('実地研修の単位が0.5単位不足しています');
      page.once('dialog', (dialog) => void dialog.accept());
      await item.getByRole('button', { name: '差し戻す' }).click();
      await item.getByText('この申請は他の職員が先に処理しました。一覧を更新しました。').waitFor();
      expect(await item.getByLabel(/メモ/).inputValue()).toBe('実地研修の単位が0.5単位不足しています');
      page.once('dialog', (dialog) => void dialog.accept());
      await item.getByRole('button', { name: '差し戻す' }).click();
      await page
        .getByTestId('certification-decided')
        .getByText(/山田 太郎/)
        .waitFor();
      await item.waitFor({ state: 'detached' });
      const { rows } = await admin.query(
        `SELECT a.status, s.decision, s.note FROM training.certification_application a
           JOIN training.certification_step s ON s.application_id = a.id AND s.step = 'CHECK'
          WHERE a.id = $1`,
        [applications.taro],
      );
      expect(rows).toEqual([
        { status: 'REJECTED', decision: 'RETURNED', note: '実地研修の単位が0.5単位不足しています' },
      ]);
      // 花子's application still waits
      await page.getByTestId('certification-application').filter({ hasText: '山田 花子' }).waitFor();
    } finally {
      await context.close();
    }
  }, 240_000);

  it('a part the gateway could not answer in time is asked again, then offered to retry, never shown as not permitted', async () => {
    const { browser } = env;
    const context = await browser.newContext({ locale: 'ja-JP' });
    try {
      await withSession(context, sessions['tokyo-clerk'] ?? (await staffSession('tokyo-clerk')));
      // twice "retry later" (a subgraph slower than the gateway's timeout): the client asks again
      await env.failOperation(context, 'OfficeApplicantProgress', 2);
      const page = await context.newPage();
      await page.goto(env.url('/office/training/certifications'));
      const item = page.getByTestId('certification-application').filter({ hasText: '山田 花子' });
      await item.getByTestId('applicant-progress').getByRole('table').waitFor();
      expect(await item.innerText()).not.toContain('閲覧権限なし');
      // still unavailable after the client's retries: said so, with a button to ask again
      await context.unrouteAll();
      await env.failOperation(context, 'OfficeApplicantProgress', 3);
      await page.reload();
      const progress = item.getByTestId('applicant-progress');
      await progress.getByRole('alert').waitFor();
      expect(await progress.innerText()).not.toContain('閲覧権限なし');
      await progress.getByRole('button', { name: '再試行する' }).click();
      await progress.getByRole('table').waitFor();
    } finally {
      await context.close();
    }
  }, 240_000);

  it('東京都医師会 checks a certification application; the JMA approves it; the physician downloads the certificate', async () => {
    const application = () =>
      admin.query<{ status: string }>('SELECT status FROM training.certification_application WHERE id = $1', [
        applications.hanako,
      ]);
    // the prefecture: what the applicant has met and lacks, then the check
    await env.checkBothWidths(
      'portal-office-certifications-prefecture',
      sessions['tokyo-clerk'] ?? (await staffSession('tokyo-clerk')),
      '/office/training/certifications',
      async (p) => {
        await p.getByTestId('applicant-progress').getByRole('table').waitFor();
      },
    );
    {
      const { context, page } = await staffPage('tokyo-clerk', '/office/training');
      try {
        await page.getByRole('link', { name: '認定申請の審査' }).click();
        const item = page.getByTestId('certification-application').filter({ hasText: '山田 花子' });
        await item.getByTestId('applicant-progress').getByRole('table').waitFor();
        const text = await item.innerText();
        expect(text).toContain('認定産業医');
        expect(text).toContain('新規');
        expect(text).toContain('要件をすべて満たしています');
        expect(await item.getByTestId('requirement-CATEGORY:PRACTICAL').innerText()).toContain('達成');
        // returning needs a reason: said at the note, nothing sent
        await item.getByRole('button', { name: '差し戻す' }).click();
        await item.getByText('差戻し・却下の場合は理由をメモに入力してください。').waitFor();
        expect(await item.getByLabel(/メモ/).getAttribute('aria-invalid')).toBe('true');
        await item.getByLabel(/メモ/).fill('研修手帳の写しを確認しました');
        page.once('dialog', (dialog) => void dialog.accept());
        await item.getByRole('button', { name: '確認済みとして日本医師会へ回付する' }).click();
        await page.getByTestId('certification-decided').waitFor();
        await page.getByTestId('certifications-none').waitFor();
        expect((await application()).rows[0]).toEqual({ status: 'CHECKED' });
      } finally {
        await context.close();
      }
    }
    // the JMA: the prefecture's step shown, then the approval issues the certificate
    await env.checkBothWidths(
      'portal-office-certifications-jma',
      sessions['jma-clerk'] ?? (await staffSession('jma-clerk')),
      '/office/training/certifications',
      async (p) => {
        await p.getByTestId('applicant-progress').getByRole('table').waitFor();
      },
    );
    let number = '';
    {
      const { context, page } = await staffPage('jma-clerk', '/office/training/certifications');
      try {
        await page.getByRole('heading', { level: 2, name: /承認を待っている認定申請/ }).waitFor();
        const item = page.getByTestId('certification-application').filter({ hasText: '山田 花子' });
        const steps = await item.getByTestId('certification-steps').innerText();
        expect(steps).toContain('東京都医師会');
        expect(steps).toContain('研修手帳の写しを確認しました');
        page.once('dialog', (dialog) => void dialog.accept());
        await item.getByRole('button', { name: '承認して認定証を発行する' }).click();
        const done = await page.getByTestId('certification-decided').innerText();
        expect(done).toMatch(/認定証 OCCUPATIONAL-\d{4}-\S+ を発行しました/);
        await page.getByTestId('certifications-none').waitFor();
        expect((await application()).rows[0]).toEqual({ status: 'APPROVED' });
        const cert = await admin.query<{ number: string }>(
          'SELECT number FROM training.certificate WHERE person_id = $1',
          [ids.hanako],
        );
        number = cert.rows[0]!.number;
        expect(done).toContain(number);
      } finally {
        await context.close();
      }
    }
    // the physician downloads the certificate in My Page
    const { context, page } = await env.signedIn({ username: 'dr-hanako' }, { acceptDownloads: true });
    try {
      await page
        .getByRole('navigation', { name: 'マイページ' })
        .getByRole('link', { name: '研修・認定証', exact: true })
        .click();
      await page.getByRole('button', { name: `認定証PDF: ${number}` }).waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: `認定証PDF: ${number}` }).click(),
      ]);
      expect(download.url()).toMatch(new RegExp(`^${new URL(env.gateway.url).origin}/documents/`));
      const pdf = await readFile((await download.path())!);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = (await inspectPdf(pdf)).text.replace(/\s/g, '');
      expect(text).toContain('山田花子');
    } finally {
      await context.close();
    }
  }, 300_000);

  /** Signs a staff member in (once) and returns the session storage to reuse. */
  async function staffSession(username: string) {
    const { context } = await staffPage(username, '/office');
    await context.close();
    return sessions[username]!;
  }
});
