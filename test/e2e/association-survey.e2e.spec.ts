import type { Client } from 'pg';
import { addDays, clock, resetClock, shiftClock } from '@mamis/platform';
import { DEVELOPMENT_OUTBOX_VENDOR } from '@mamis/consent/src/config';
import { buildAssociationAudience } from '../support/builders';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startStack, type Stack } from '../support/stack';

const SEND = `mutation($input: SendAssociationSurveyInput!) {
  sendAssociationSurvey(input: $input) {
    dryRun associationName recipientCount notifiedCount
    survey { id title closesOn open recipientCount responseCount questions { id kind required options { id label } } }
  }
}`;

const ANSWER = `mutation($input: AnswerSurveyInput!) {
  answerSurvey(input: $input) { id open myAnswer { items { questionId optionIds text } } }
}`;

const MY_SURVEYS = `query($all: Boolean) { me { id
  surveys(includeClosed: $all) { id associationName title closesOn open questions { id } myAnswer { items { questionId optionIds text } } }
  notifications { kind subjectJa emailStatus } } }`;

const RESULTS = `query($a: ID!, $id: ID!) { associationSurvey(associationId: $a, id: $id) {
  id recipientCount responseCount
  results { questionId kind respondentCount respondentCountSuppressed options { optionId label count suppressed } }
  memberAnswers { person { id } items { questionId optionIds text } }
} }`;

const MY_PROVISIONS = `query { me { id emailProvisionRecords {
  id association { id } actor recipient purpose items format rowCount
} } }`;

const LIST = `query($a: ID!) { associationSurveys(associationId: $a) { id title recipientCount responseCount } }`;

interface Run {
  dryRun: boolean;
  associationName: string;
  recipientCount: number;
  notifiedCount: number;
  survey: {
    id: string;
    title: string;
    closesOn: string;
    open: boolean;
    recipientCount: number;
    responseCount: number;
    questions: { id: string; kind: string; required: boolean; options: { id: string; label: string }[] }[];
  } | null;
}

interface MySurvey {
  id: string;
  associationName: string;
  title: string;
  closesOn: string;
  open: boolean;
  myAnswer: { items: { questionId: string; optionIds: string[]; text: string | null }[] } | null;
}

interface OptionResult {
  optionId: string;
  label: string;
  count: number | null;
  suppressed: boolean;
}

interface Results {
  id: string;
  recipientCount: number;
  responseCount: number;
  results: {
    questionId: string;
    kind: string;
    respondentCount: number | null;
    respondentCountSuppressed: boolean;
    options: OptionResult[];
  }[];
  memberAnswers:
    { person: { id: string } | null; items: { questionId: string; text: string | null }[] }[] | null;
}

/**
 * Purpose ③ (各種アンケートの送付): a municipal association's clerk sends a survey to the
 * association's current members through the gateway; members answer in My Page until the closing
 * date; the association sees suppressed aggregates (k = 3 here) and, as the policy allows, each
 * member's answers.
 */
describe('association surveys (through the gateway)', () => {
  let db: TestDatabase;
  let admin: Client;
  let stack: Stack;
  let bunkyoId: string;
  let chiyodaId: string;
  let members: string[];
  let formerId: string;
  let otherId: string;
  let surveyId: string;
  let closesOn: string;

  const staffOf = (associationId: string, sub: string, role: 'CLERK' | 'ADMIN' | 'VIEWER' = 'CLERK') =>
    ({ kind: 'STAFF', sub, associationId, associationTier: 'MUNICIPAL', role }) as const;
  const physician = (personId: string) =>
    ({ kind: 'PHYSICIAN', sub: `physician-${personId}`, personId }) as const;
  const input = (overrides: Record<string, unknown> = {}) => ({
    associationId: bunkyoId,
    title: '在宅医療に関するアンケート',
    description: '在宅医療への取り組みについてお聞きします。',
    closesOn,
    questions: [
      {
        text: '在宅医療を行っていますか',
        kind: 'SINGLE_CHOICE',
        required: true,
        options: ['はい', 'いいえ', '検討中'],
      },
      {
        text: '連携している職種（複数可）',
        kind: 'MULTIPLE_CHOICE',
        options: ['訪問看護', '薬剤師', 'ケアマネジャー'],
      },
      { text: 'ご意見', kind: 'FREE_TEXT' },
    ],
    idempotencyKey: 'survey-home-care-1',
    ...overrides,
  });
  const answer = (personId: string, answers: unknown[], id = surveyId) =>
    stack.queryAs<{ answerSurvey: MySurvey }>(physician(personId), ANSWER, {
      input: { personId, surveyId: id, answers },
    });
  const mySurveys = async (personId: string, all = false) => {
    const res = await stack.queryAs<{
      me: { surveys: MySurvey[]; notifications: { kind: string; subjectJa: string; emailStatus: string }[] };
    }>(physician(personId), MY_SURVEYS, { all });
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.me;
  };
  const resultsAs = async (viewer: ReturnType<typeof staffOf>, associationId = bunkyoId) => {
    const res = await stack.queryAs<{ associationSurvey: Results | null }>(viewer, RESULTS, {
      a: associationId,
      id: surveyId,
    });
    return res;
  };

  const provisionsOf = async (personId: string) => {
    const res = await stack.queryAs<{
      me: {
        emailProvisionRecords: {
          id: string;
          association: { id: string };
          actor: string;
          recipient: string;
          purpose: string;
          items: string[];
          format: string;
          rowCount: number;
        }[];
      };
    }>(physician(personId), MY_PROVISIONS);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.me.emailProvisionRecords;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await db.admin();
    ({ bunkyoId, chiyodaId, members, formerId, otherId } = await buildAssociationAudience(admin, 6));
    closesOn = addDays(clock.today(), 7);
    stack = await startStack(db, {}, { subgraphEnv: { STATISTICS_K: '3' } });
  }, 180_000);

  afterAll(async () => {
    resetClock();
    await stack?.close();
    await admin?.end();
    await db?.drop();
  });

  it('a dry run validates and answers the number of current members only, sending nothing', async () => {
    const res = await stack.queryAs<{ sendAssociationSurvey: Run }>(staffOf(bunkyoId, 'clerk-bunkyo'), SEND, {
      input: input(),
    });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.sendAssociationSurvey).toEqual({
      dryRun: true,
      associationName: '文京区医師会',
      recipientCount: 6,
      notifiedCount: 0,
      survey: null,
    });
    expect((await mySurveys(members[0]!)).surveys).toEqual([]);
    expect(Number((await admin.query('SELECT count(*) FROM consent.survey')).rows[0].count)).toBe(0);
    // nothing handed to the mail delivery vendor
    expect(await provisionsOf(members[0]!)).toEqual([]);
  });

  it('bad survey input: BAD_USER_INPUT at the field path, Japanese first; the closing date against the clock', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ title: '  ' }, 'input.title', 'REQUIRED'],
      [{ questions: [] }, 'input.questions', 'REQUIRED'],
      [{ closesOn: addDays(clock.today(), -1) }, 'input.closesOn', 'CLOSING_DATE_PAST'],
      [{ closesOn: addDays(clock.today(), 400) }, 'input.closesOn', 'CLOSING_DATE_TOO_FAR'],
      [
        { questions: [{ text: '一択', kind: 'SINGLE_CHOICE', options: ['はい'] }] },
        'input.questions[0].options',
        'OPTION_COUNT',
      ],
      [
        {
          questions: [
            { text: '自由', kind: 'FREE_TEXT' },
            { text: '自由', kind: 'FREE_TEXT', options: ['x'] },
          ],
        },
        'input.questions[1].options',
        'OPTIONS_NOT_ALLOWED',
      ],
      [
        { questions: [{ text: '重複', kind: 'MULTIPLE_CHOICE', options: ['A', 'B', 'A'] }] },
        'input.questions[0].options[2]',
        'DUPLICATE_OPTION',
      ],
    ];
    for (const [overrides, field, reason] of cases) {
      const res = await stack.queryAs(staffOf(bunkyoId, 'clerk-bunkyo'), SEND, {
        input: input({ ...overrides, dryRun: false, idempotencyKey: `bad-${field}-${reason}` }),
      });
      expect(res.body.errors?.[0]?.extensions).toEqual(
        expect.objectContaining({
          code: 'BAD_USER_INPUT',
          field,
          details: expect.objectContaining({ reason }),
        }),
      );
      expect(res.body.errors?.[0]?.message).toMatch(/^[^A-Za-z]+.*。 \([A-Z].*\)$/);
    }
    // today is still a valid closing date
    const today = await stack.queryAs<{ sendAssociationSurvey: Run }>(
      staffOf(bunkyoId, 'clerk-bunkyo'),
      SEND,
      {
        input: input({ closesOn: clock.today() }),
      },
    );
    expect(today.body.errors).toBeUndefined();
    expect(Number((await admin.query('SELECT count(*) FROM consent.survey')).rows[0].count)).toBe(0);
  });

  it("another association's staff and a VIEWER cannot send (FORBIDDEN), nothing is sent", async () => {
    for (const viewer of [
      staffOf(chiyodaId, 'clerk-chiyoda'),
      staffOf(bunkyoId, 'viewer-bunkyo', 'VIEWER'),
    ]) {
      const res = await stack.queryAs(viewer, SEND, {
        input: input({ dryRun: false, idempotencyKey: viewer.sub }),
      });
      expect(res.body.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'FORBIDDEN' }));
    }
    expect(Number((await admin.query('SELECT count(*) FROM consent.survey')).rows[0].count)).toBe(0);
  });

  it('sending: exactly the current members receive it (My Page and a queued e-mail), once even when the key is sent twice', async () => {
    // one member has no e-mail address: nothing about them goes to the mail delivery vendor
    await admin.query('UPDATE membership.person SET email = NULL WHERE id = $1', [members[5]]);
    const first = await stack.queryAs<{ sendAssociationSurvey: Run }>(
      staffOf(bunkyoId, 'clerk-bunkyo'),
      SEND,
      { input: input({ dryRun: false }) },
    );
    expect(first.body.errors).toBeUndefined();
    const run = first.body.data!.sendAssociationSurvey;
    expect(run).toEqual(
      expect.objectContaining({
        dryRun: false,
        associationName: '文京区医師会',
        recipientCount: 6,
        notifiedCount: 6,
      }),
    );
    expect(run.survey).toEqual(
      expect.objectContaining({ closesOn, open: true, recipientCount: 6, responseCount: 0 }),
    );
    expect(run.survey!.questions.map((q) => [q.id, q.kind, q.required, q.options.map((o) => o.id)])).toEqual([
      ['q1', 'SINGLE_CHOICE', true, ['q1-1', 'q1-2', 'q1-3']],
      ['q2', 'MULTIPLE_CHOICE', false, ['q2-1', 'q2-2', 'q2-3']],
      ['q3', 'FREE_TEXT', false, []],
    ]);
    surveyId = run.survey!.id;

    const again = await stack.queryAs<{ sendAssociationSurvey: Run }>(
      staffOf(bunkyoId, 'clerk-bunkyo-2'),
      SEND,
      { input: input({ dryRun: false }) },
    );
    expect(again.body.errors).toBeUndefined();
    expect(again.body.data!.sendAssociationSurvey).toEqual(run);
    const reused = await stack.queryAs(staffOf(bunkyoId, 'clerk-bunkyo'), SEND, {
      input: input({ dryRun: false, title: '別のアンケート' }),
    });
    expect(reused.body.errors?.[0]?.extensions).toEqual(
      expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.idempotencyKey' }),
    );
    expect(Number((await admin.query('SELECT count(*) FROM consent.survey')).rows[0].count)).toBe(1);

    const recipients = (
      await admin.query('SELECT person_id::text AS id FROM consent.survey_recipient WHERE survey_id = $1', [
        surveyId,
      ])
    ).rows.map((r: { id: string }) => r.id);
    expect(recipients.sort()).toEqual([...members].sort());
    for (const personId of members) {
      const me = await mySurveys(personId);
      expect(me.surveys.map((s) => [s.id, s.associationName, s.open, s.myAnswer])).toEqual([
        [surveyId, '文京区医師会', true, null],
      ]);
      const notices = me.notifications.filter((n) => n.kind === 'ASSOCIATION_SURVEY');
      expect(notices).toEqual([
        {
          kind: 'ASSOCIATION_SURVEY',
          subjectJa: '【文京区医師会】アンケートのお願い：在宅医療に関するアンケート',
          emailStatus: 'PENDING',
        },
      ]);
    }
    for (const personId of [formerId, otherId]) {
      const me = await mySurveys(personId, true);
      expect(me.surveys).toEqual([]);
      expect(me.notifications.filter((n) => n.kind === 'ASSOCIATION_SURVEY')).toEqual([]);
    }
    // ONE record of provision to the mail delivery vendor (the key sent twice), in the disclosure of
    // each recipient with an e-mail address; none for the others
    const provisionIds = new Set<string>();
    for (const personId of members.slice(0, 5)) {
      const records = await provisionsOf(personId);
      expect(records).toEqual([
        expect.objectContaining({
          association: { id: bunkyoId },
          actor: 'clerk-bunkyo',
          recipient: DEVELOPMENT_OUTBOX_VENDOR,
          purpose: '【文京区医師会】アンケートのお願い：在宅医療に関するアンケート',
          items: ['name', 'email'],
          format: 'EMAIL',
          rowCount: 5,
        }),
      ]);
      provisionIds.add(records[0]!.id);
    }
    expect(provisionIds.size).toBe(1);
    for (const personId of [members[5]!, formerId, otherId]) expect(await provisionsOf(personId)).toEqual([]);
    await admin.query(`UPDATE membership.person SET email = 'restored@example.jp' WHERE id = $1`, [
      members[5],
    ]);
    // audited as one CONSENT write covering exactly the recipients
    const rows = (
      await admin.query(
        `SELECT person_ids::text[] AS persons, groups FROM audit.entry
         WHERE service = 'consent' AND actor = 'clerk-bunkyo' AND action = 'WRITE'`,
      )
    ).rows as { persons: string[]; groups: string[] }[];
    expect(rows).toHaveLength(1);
    expect([...rows[0]!.persons].sort()).toEqual([...members].sort());
    expect(rows[0]!.groups).toEqual(['CONSENT']);
  });

  it('answering: unknown question or option, two options of a single choice, a missing required answer are BAD_USER_INPUT at their path', async () => {
    const cases: [unknown[], string, string][] = [
      [[{ questionId: 'q9', optionIds: ['q9-1'] }], 'input.answers[0].questionId', 'UNKNOWN_QUESTION'],
      [[{ questionId: 'q1', optionIds: ['q2-1'] }], 'input.answers[0].optionIds[0]', 'UNKNOWN_OPTION'],
      [[{ questionId: 'q1', optionIds: ['q1-1', 'q1-2'] }], 'input.answers[0].optionIds', 'TOO_MANY_OPTIONS'],
      [[{ questionId: 'q3', text: '意見のみ' }], 'input.answers', 'REQUIRED'],
      [
        [
          { questionId: 'q1', optionIds: ['q1-1'] },
          { questionId: 'q3', text: 'x'.repeat(4001) },
        ],
        'input.answers[1].text',
        'TOO_LONG',
      ],
      [
        [
          { questionId: 'q1', optionIds: ['q1-1'] },
          { questionId: 'q1', optionIds: ['q1-2'] },
        ],
        'input.answers[1].questionId',
        'DUPLICATE_QUESTION',
      ],
    ];
    for (const [answers, field, reason] of cases) {
      const res = await answer(members[0]!, answers);
      expect(res.body.errors?.[0]?.extensions).toEqual(
        expect.objectContaining({
          code: 'BAD_USER_INPUT',
          field,
          details: expect.objectContaining({ reason }),
        }),
      );
      expect(res.body.errors?.[0]?.message).toMatch(/^[^A-Za-z]+.*。 \([A-Z].*\)$/);
    }
    expect((await mySurveys(members[0]!)).surveys[0]!.myAnswer).toBeNull();
  });

  it('a former member, a member elsewhere and another person cannot answer (NOT_FOUND, as a survey that does not exist)', async () => {
    const ok = [{ questionId: 'q1', optionIds: ['q1-1'] }];
    for (const personId of [formerId, otherId]) {
      const res = await answer(personId, ok);
      expect(res.body.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'NOT_FOUND' }));
    }
    const forSomeoneElse = await stack.queryAs(physician(members[1]!), ANSWER, {
      input: { personId: members[0], surveyId, answers: ok },
    });
    expect(forSomeoneElse.body.errors?.[0]?.extensions).toEqual(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    expect(Number((await admin.query('SELECT count(*) FROM consent.survey_answer')).rows[0].count)).toBe(0);
  });

  it('members answer in My Page and may change their answer while the survey is open', async () => {
    const plan: [string, string[], string | null][] = [
      ['q1-1', ['q2-1', 'q2-2', 'q2-3'], '駐車場を増やしてほしい'],
      ['q1-1', ['q2-1', 'q2-3'], null],
      ['q1-1', ['q2-1', 'q2-3'], null],
      ['q1-1', ['q2-1'], null],
      ['q1-2', ['q2-1'], null],
      ['q1-3', ['q2-1'], null],
    ];
    for (const [i, [q1, q2, q3]] of plan.entries()) {
      const answers: unknown[] = [
        { questionId: 'q1', optionIds: [i === 0 ? 'q1-2' : q1] },
        { questionId: 'q2', optionIds: q2 },
      ];
      if (q3) answers.push({ questionId: 'q3', text: q3 });
      const res = await answer(members[i]!, answers);
      expect(res.body.errors).toBeUndefined();
    }
    // member 0 changes their mind on q1
    const changed = await answer(members[0]!, [
      { questionId: 'q1', optionIds: ['q1-1'] },
      { questionId: 'q2', optionIds: ['q2-3', 'q2-1', 'q2-2'] },
      { questionId: 'q3', text: '駐車場を増やしてほしい' },
    ]);
    expect(changed.body.errors).toBeUndefined();
    expect(changed.body.data!.answerSurvey.myAnswer!.items).toEqual([
      { questionId: 'q1', optionIds: ['q1-1'], text: null },
      { questionId: 'q2', optionIds: ['q2-1', 'q2-2', 'q2-3'], text: null },
      { questionId: 'q3', optionIds: [], text: '駐車場を増やしてほしい' },
    ]);
    expect(Number((await admin.query('SELECT count(*) FROM consent.survey_answer')).rows[0].count)).toBe(6);
  });

  it("another association's staff see neither the survey nor its answers", async () => {
    const chiyoda = staffOf(chiyodaId, 'clerk-chiyoda');
    const foreign = await resultsAs(chiyoda, bunkyoId);
    expect(foreign.body.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(foreign.body.data?.associationSurvey ?? null).toBeNull();
    const own = await resultsAs(chiyoda, chiyodaId);
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data!.associationSurvey).toBeNull();
    const list = await stack.queryAs<{ associationSurveys: unknown[] }>(chiyoda, LIST, { a: chiyodaId });
    expect(list.body.data!.associationSurveys).toEqual([]);
  });

  it('a VIEWER gets the response count but neither per-member answers nor the aggregates (a member leaving would change them: differencing)', async () => {
    const res = await resultsAs(staffOf(bunkyoId, 'viewer-bunkyo', 'VIEWER'));
    expect(res.body.errors).toBeUndefined();
    const s = res.body.data!.associationSurvey!;
    expect([s.recipientCount, s.responseCount]).toEqual([6, 6]);
    expect(s.memberAnswers).toBeNull();
    expect(s.results).toBeNull();
  });

  it('aggregates suppress small cells (k = 3); free text is never aggregated', async () => {
    const res = await resultsAs(staffOf(bunkyoId, 'clerk-aggregates'));
    expect(res.body.errors).toBeUndefined();
    const s = res.body.data!.associationSurvey!;
    expect([s.recipientCount, s.responseCount]).toEqual([6, 6]);
    const counts = (q: number) => s.results[q]!.options.map((o) => [o.label, o.count, o.suppressed]);
    // q1: はい 4, いいえ 1, 検討中 1 → both small cells hidden, total 6 published
    expect(s.results[0]!.respondentCount).toBe(6);
    expect(counts(0)).toEqual([
      ['はい', 4, false],
      ['いいえ', null, true],
      ['検討中', null, true],
    ]);
    // q2 (multiple): 訪問看護 6 of 6; 薬剤師 1 (small); ケアマネジャー 3 chose and 3 did not
    expect(counts(1)).toEqual([
      ['訪問看護', 6, false],
      ['薬剤師', null, true],
      ['ケアマネジャー', 3, false],
    ]);
    // q3: one text: the count is hidden, the text is not in the aggregate
    expect(s.results[2]).toEqual(
      expect.objectContaining({
        kind: 'FREE_TEXT',
        respondentCount: null,
        respondentCountSuppressed: true,
        options: [],
      }),
    );
    expect(JSON.stringify(s.results)).not.toContain('駐車場');
  });

  it('the clerk reads each current member’s answer (audited); the list shows the response count', async () => {
    const res = await resultsAs(staffOf(bunkyoId, 'clerk-reader'));
    expect(res.body.errors).toBeUndefined();
    const answers = res.body.data!.associationSurvey!.memberAnswers!;
    expect(answers.map((a) => a.person?.id).sort()).toEqual([...members].sort());
    const first = answers.find((a) => a.person?.id === members[0]);
    expect(first!.items.find((i) => i.questionId === 'q3')!.text).toBe('駐車場を増やしてほしい');
    const audit = (
      await admin.query(
        `SELECT DISTINCT unnest(person_ids)::text AS id FROM audit.entry
         WHERE service = 'consent' AND actor = 'clerk-reader' AND 'CONSENT' = ANY(groups)`,
      )
    ).rows.map((r: { id: string }) => r.id);
    expect(audit.sort()).toEqual([...members].sort());
    const list = await stack.queryAs<{ associationSurveys: { id: string; responseCount: number }[] }>(
      staffOf(bunkyoId, 'viewer-bunkyo', 'VIEWER'),
      LIST,
      { a: bunkyoId },
    );
    expect(list.body.data!.associationSurveys).toEqual([
      expect.objectContaining({
        id: surveyId,
        title: '在宅医療に関するアンケート',
        recipientCount: 6,
        responseCount: 6,
      }),
    ]);
  });

  it('a member who leaves is no longer counted, listed or able to answer', async () => {
    await admin.query(
      `UPDATE membership.membership SET status = 'LEFT', left_on = $3 WHERE person_id = $1 AND association_id = $2`,
      [members[5], bunkyoId, clock.today()],
    );
    const res = await resultsAs(staffOf(bunkyoId, 'clerk-bunkyo'));
    const s = res.body.data!.associationSurvey!;
    expect(s.responseCount).toBe(5);
    expect(s.memberAnswers!.map((a) => a.person?.id)).not.toContain(members[5]);
    // q1 now: はい 4, いいえ 1, 検討中 0 → いいえ hidden with a complement (はい); the zero stays
    expect(s.results[0]!.options.map((o) => [o.count, o.suppressed])).toEqual([
      [null, true],
      [null, true],
      [0, false],
    ]);
    expect((await mySurveys(members[5]!, true)).surveys).toEqual([]);
    const late = await answer(members[5]!, [{ questionId: 'q1', optionIds: ['q1-1'] }]);
    expect(late.body.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('after the closing date (the clock moved past it) answers are refused with SURVEY_CLOSED and the list shows it closed', async () => {
    // eight days on from the test's own clock (which may already be shifted or pinned by the run)
    shiftClock(clock.now().getTime() - Date.now() + 8 * 86_400_000);
    try {
      expect(clock.today() > closesOn).toBe(true);
      const res = await answer(members[1]!, [{ questionId: 'q1', optionIds: ['q1-2'] }]);
      expect(res.body.errors?.[0]?.extensions).toEqual(
        expect.objectContaining({
          code: 'BAD_USER_INPUT',
          field: 'input.surveyId',
          details: expect.objectContaining({ reason: 'SURVEY_CLOSED', closesOn }),
        }),
      );
      expect(res.body.errors?.[0]?.message).toMatch(/^[^A-Za-z]+.*。 \([A-Z].*\)$/);
      const me = await mySurveys(members[1]!);
      expect(me.surveys).toEqual([]);
      const all = await mySurveys(members[1]!, true);
      expect(all.surveys.map((s) => [s.id, s.open, s.myAnswer?.items[0]?.optionIds])).toEqual([
        [surveyId, false, ['q1-1']],
      ]);
    } finally {
      resetClock();
    }
  });
});
