import { addDays, clock } from '@mamis/platform';
import type { Client } from 'pg';
import { buildMembership, buildPerson } from '../../../test/support/builders';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { buildTree, physician, type Tree } from '../../membership/test/support/membership-service';
import { startPortalStack, type PortalSession, type PortalStack } from './support/portal-session';

/**
 * Surveys (各種アンケート) in a real Chromium, through identity and the gateway: the 文京区医師会
 * clerk creates a survey, previews how many current members it reaches and sends it; a member
 * answers it in My Page; the clerk sees the results with small cells shown as 秘匿 and each
 * member's answers. k = 2 here, so five members show both kinds of cells.
 */
describe('portal: association surveys in a browser, through identity and the gateway', () => {
  let db: TestDatabase;
  let admin: Client;
  let env: PortalStack;
  let t: Tree;
  let totpSecret: string;
  let clerkSession: PortalSession;
  let surveyId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await db.admin();
    t = await buildTree(admin);
    const people: [string, string, string, string][] = [
      ['hanako', '山田', '花子', 'ACTIVE'],
      ['taro', '山田', '太郎', 'ACTIVE'],
      ['ichiro', '鈴木', '一郎', 'ACTIVE'],
      ['jiro', '佐藤', '次郎', 'ACTIVE'],
      ['saburo', '高橋', '三郎', 'ACTIVE'],
      ['former', '山口', '四郎', 'LEFT'],
    ];
    for (const [key, family, given, status] of people) {
      const p = await buildPerson(admin, { family_name: family, given_name: given });
      ids[key] = p.id;
      await buildMembership(admin, {
        person_id: p.id,
        association_id: t.bunkyo.id,
        status,
        left_on: status === 'LEFT' ? '2020-03-31' : null,
      });
    }
    const other = await buildPerson(admin, { family_name: '千代', given_name: '田子' });
    ids.other = other.id;
    await buildMembership(admin, { person_id: other.id, association_id: t.chiyoda.id });
    env = await startPortalStack(db, { stackEnv: { STATISTICS_K: '2' } });
    const clerk = await env.bed!.fx.account({
      username: 'bunkyo-clerk',
      kind: 'STAFF',
      displayName: '文京区医師会 事務局',
      associationId: t.bunkyo.id,
      role: 'CLERK',
    });
    totpSecret = clerk.totpSecret!;
    await env.bed!.fx.account({ username: 'dr-hanako', kind: 'PHYSICIAN', personId: ids.hanako });
  }, 240_000);

  afterAll(async () => {
    await env?.close();
    await admin?.end();
    await db?.drop();
  });

  const surveyCount = async () =>
    Number((await admin.query('SELECT count(*)::int AS n FROM consent.survey')).rows[0].n);

  it('the clerk creates a survey, previews the recipients (current members only) and sends it once', async () => {
    clerkSession = await env.signedInSession({ username: 'bunkyo-clerk', totpSecret, area: '/office' });
    await env.checkBothWidths('portal-office-surveys', clerkSession, '/office/surveys', async (p) => {
      await p.getByLabel('表題').waitFor();
      await p.getByText('まだアンケートはありません。').waitFor();
    });
    const { context: c2, page: p2 } = await env.open(clerkSession, '/office/surveys');
    try {
      // required fields are marked before anything is asked
      await p2.getByRole('button', { name: '確認する（試行）' }).click();
      expect(await p2.getByLabel('表題').getAttribute('aria-invalid')).toBe('true');
      await p2.getByLabel('表題').fill('在宅医療に関するアンケート');
      await p2.getByLabel('説明').fill('在宅医療への取り組みについてお聞きします。');
      // a closing date in the past: the API's answer is shown at the field
      await p2.getByLabel('回答期限').fill(addDays(clock.today(), -1));
      await p2.getByLabel('質問文').fill('在宅医療を行っていますか');
      await p2.getByLabel('選択肢（1行に1つ）').fill('はい\nいいえ\n検討中');
      await p2.getByRole('button', { name: '確認する（試行）' }).click();
      await p2
        .locator('.field-error')
        .getByText(/回答期限は今日/)
        .waitFor();
      expect(await p2.getByLabel('回答期限').getAttribute('aria-invalid')).toBe('true');
      await p2.getByLabel('回答期限').fill(addDays(clock.today(), 14));
      // a second question: free text, optional
      await p2.getByRole('button', { name: '質問を追加' }).click();
      const q2 = p2.getByRole('group', { name: '質問2' });
      await q2.getByLabel('質問文').fill('ご意見があればお書きください');
      await q2.getByLabel('回答の形式').selectOption('FREE_TEXT');
      await q2.getByLabel('必須').uncheck();
      await p2.getByRole('button', { name: '確認する（試行）' }).click();
      expect(await p2.getByTestId('survey-preview').innerText()).toContain('在籍会員 5人に送ります。');
      expect(await p2.getByTestId('survey-preview-questions').locator('li').allInnerTexts()).toEqual([
        '在宅医療を行っていますか（単一選択・必須）: はい / いいえ / 検討中',
        'ご意見があればお書きください（自由記述）',
      ]);
      expect(await surveyCount()).toBe(0);
      await p2.getByRole('button', { name: '送信する' }).click();
      expect(await p2.getByTestId('survey-done').innerText()).toContain('5人にアンケートを送りました。');
      const row = p2.getByTestId('survey-list').locator('tbody tr');
      await row.getByRole('link', { name: '在宅医療に関するアンケート' }).waitFor();
      expect((await row.innerText()).split('\t').slice(2)).toEqual(['受付中', '5', '0']);
    } finally {
      await c2.close();
    }
    expect(await surveyCount()).toBe(1);
    surveyId = (await admin.query('SELECT id::text FROM consent.survey')).rows[0].id;
    const recipients = (
      await admin.query('SELECT person_id::text AS id FROM consent.survey_recipient WHERE survey_id = $1', [
        surveyId,
      ])
    ).rows.map((r: { id: string }) => r.id);
    expect(recipients.sort()).toEqual(
      ['hanako', 'taro', 'ichiro', 'jiro', 'saburo'].map((k) => ids[k]!).sort(),
    );
  }, 240_000);

  it('a physician answers the open survey in My Page (a required question is marked first)', async () => {
    // four colleagues answer through the API
    for (const [key, option] of [
      ['taro', 'q1-1'],
      ['ichiro', 'q1-1'],
      ['jiro', 'q1-2'],
      ['saburo', 'q1-3'],
    ] as const) {
      const res = await env.stack.queryAs(
        physician(ids[key]!),
        `mutation($input: AnswerSurveyInput!) { answerSurvey(input: $input) { id } }`,
        { input: { personId: ids[key], surveyId, answers: [{ questionId: 'q1', optionIds: [option] }] } },
      );
      expect(res.body.errors).toBeUndefined();
    }
    const session = await env.signedInSession({ username: 'dr-hanako' });
    await env.checkBothWidths('portal-my-surveys', session, '/me/surveys', async (p) => {
      await p.getByRole('heading', { level: 2, name: '在宅医療に関するアンケート' }).waitFor();
    });
    const { context: c2, page: p2 } = await env.open(session, '/me/surveys');
    try {
      const form = p2.getByTestId('my-survey');
      await form.getByRole('button', { name: '回答を送信する' }).click();
      const q1 = form.getByRole('radiogroup', { name: /在宅医療を行っていますか/ });
      await q1.getByText('この質問は必須です').waitFor();
      expect(await q1.getAttribute('aria-invalid')).toBe('true');
      await q1.getByLabel('はい').check();
      await form.getByLabel(/ご意見があればお書きください/).fill('訪問看護との連携を深めたい');
      await form.getByRole('button', { name: '回答を送信する' }).click();
      await p2.getByTestId('my-survey-saved').waitFor();
    } finally {
      await c2.close();
    }
    const { rows } = await admin.query(
      'SELECT answers FROM consent.survey_answer WHERE survey_id = $1 AND person_id = $2',
      [surveyId, ids.hanako],
    );
    expect(rows[0].answers).toEqual([
      { questionId: 'q1', optionIds: ['q1-1'], text: null },
      { questionId: 'q2', optionIds: [], text: '訪問看護との連携を深めたい' },
    ]);
  }, 240_000);

  it('the clerk sees the results: small cells marked 秘匿, free text only per member', async () => {
    await env.checkBothWidths(
      'portal-office-survey-results',
      clerkSession,
      `/office/surveys/${surveyId}`,
      async (p) => {
        await p.getByTestId('survey-member-answers').waitFor();
      },
    );
    const { context, page } = await env.open(clerkSession, '/office/surveys');
    try {
      await page.getByRole('link', { name: '在宅医療に関するアンケート' }).click();
      await page.getByTestId('survey-results').waitFor();
      expect(await page.getByTestId('survey-response-count').innerText()).toBe('5');
      const cells = await page.getByTestId('survey-result-q1').locator('tbody tr').allInnerTexts();
      // はい 3; いいえ 1 and 検討中 1 are below k = 2 … of which each is hidden
      expect(cells.map((r) => r.split('\t'))).toEqual([
        ['はい', '3'],
        ['いいえ', '秘匿'],
        ['検討中', '秘匿'],
      ]);
      expect(await page.getByTestId('survey-results').innerText()).not.toContain(
        '訪問看護との連携を深めたい',
      );
      const answers = await page.getByTestId('survey-member-answers').innerText();
      expect(answers).toContain('山田 花子');
      expect(answers).toContain('訪問看護との連携を深めたい');
      expect(answers).not.toContain('山口 四郎');
    } finally {
      await context.close();
    }
  }, 240_000);
});
