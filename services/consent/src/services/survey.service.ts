import { randomUUID } from 'node:crypto';
import {
  actorOf,
  AppError,
  badInput,
  clock,
  ErrorCode,
  Messages,
  notFound,
  onlyUuids,
  suppressTable,
  withIdempotency,
} from '@mamis/platform';
import type { ConsentWriteContext } from '../context';
import type { SurveyAnswerItemRecord, SurveyEntity, SurveyQuestionKind } from '../entities';
import { associationSurveyNotice } from '../notifications/notice-texts';
import { insertNotificationsQueuingMail } from '../repositories/notification.repository';
import type { AssociationSurveyRun, SurveyAnswerRow } from '../repositories/survey.repository';
import {
  validateAnswers,
  validateSurvey,
  type AnswerSurveyInput,
  type SendAssociationSurveyInput,
} from '../validation/survey-input.validator';
import { auditAssociationSend, currentMemberRecipients } from './association-recipients';

export { SURVEY_LIMITS, validateAnswers, validateSurvey } from '../validation/survey-input.validator';
export type { AnswerSurveyInput, SendAssociationSurveyInput } from '../validation/survey-input.validator';

/** A survey is open through its closing date (Asia/Tokyo, by the platform clock). */
export const isOpen = (s: Pick<SurveyEntity, 'closesOn'>, today: string = clock.today()) =>
  today <= s.closesOn;

/** A published count: null when suppressed. */
export interface SurveyOptionResult {
  optionId: string;
  label: string;
  count: number | null;
  suppressed: boolean;
}

export interface SurveyQuestionResult {
  questionId: string;
  kind: SurveyQuestionKind;
  text: string;
  /** Members who answered this question (null when fewer than k). */
  respondentCount: number | null;
  respondentCountSuppressed: boolean;
  /** Choice questions only; free text is never aggregated. */
  options: SurveyOptionResult[];
}

/**
 * Per-question aggregates with the platform's cell suppression (`suppressTable`, k = STATISTICS_K):
 * - SINGLE_CHOICE: one one-way table (option → members), the question's respondents its total:
 *   a count 0 < n < k is hidden with a complementary cell, and a total below k hides every cell;
 * - MULTIPLE_CHOICE: for each option the two-cell line (chose, did not choose) over the question's
 *   respondents: the option's count is hidden when either side is 0 < n < k (or the total is);
 * - FREE_TEXT: the number of members who wrote something (hidden below k), never the texts.
 * Only the answers of CURRENT members count (the repository's reading).
 */
export function aggregateResults(
  survey: Pick<SurveyEntity, 'questions'>,
  answers: readonly Pick<SurveyAnswerRow, 'answers'>[],
  k: number,
): SurveyQuestionResult[] {
  return survey.questions.map((q) => {
    const items = answers
      .map((a) => a.answers.find((x) => x.questionId === q.id))
      .filter((x): x is SurveyAnswerItemRecord => !!x);
    const respondents = items.length;
    const small = respondents > 0 && respondents < k;
    const base = {
      questionId: q.id,
      kind: q.kind,
      text: q.text,
      respondentCount: small ? null : respondents,
      respondentCountSuppressed: small,
    };
    if (q.kind === 'FREE_TEXT') return { ...base, options: [] };
    const counts = q.options.map((o) => items.filter((x) => x.optionIds.includes(o.id)).length);
    if (q.kind === 'SINGLE_CHOICE') {
      const table = suppressTable(
        ['option'],
        q.options.map((o, i) => ({ keys: [o.id], count: counts[i]! })),
        k,
      );
      return {
        ...base,
        options: q.options.map((o, i) => ({
          optionId: o.id,
          label: o.label,
          count: table.cells[i]!.count,
          suppressed: table.cells[i]!.suppressed,
        })),
      };
    }
    return {
      ...base,
      options: q.options.map((o, i) => {
        const line = suppressTable(
          ['chosen'],
          [
            { keys: ['yes'], count: counts[i]! },
            { keys: ['no'], count: respondents - counts[i]! },
          ],
          k,
        );
        const hidden = line.cells[0]!.suppressed;
        return { optionId: o.id, label: o.label, count: hidden ? null : counts[i]!, suppressed: hidden };
      }),
    };
  });
}

/** The association's name, NOT_FOUND when there is none. */
async function associationNameOf(ctx: ConsentWriteContext, associationId: string): Promise<string> {
  const name = await ctx.services.notifications.associationName(associationId);
  if (!name) throw notFound(Messages.ASSOCIATION_NOT_FOUND);
  return name;
}

/**
 * Send a survey to the association's CURRENT members (MANAGE_SURVEYS): a dry run counts them;
 * applying creates the survey, its recipients and one ASSOCIATION_SURVEY notice each (e-mail
 * queued, with a record of provision to the mail delivery vendor) in ONE transaction, once per
 * (association, idempotency key): a repeated call answers the first run and tells nobody twice.
 * The first send is audited as a CONSENT write for each recipient. Answers the run and the survey
 * sent (null for a dry run).
 */
export async function sendAssociationSurvey(ctx: ConsentWriteContext, input: SendAssociationSurveyInput) {
  const run = await sendSurvey(ctx, input);
  const survey = run.surveyId
    ? await ctx.services.surveys.ofAssociation(input.associationId, run.surveyId)
    : null;
  return { ...run, survey };
}

async function sendSurvey(
  ctx: ConsentWriteContext,
  input: SendAssociationSurveyInput,
): Promise<AssociationSurveyRun> {
  ctx.access.authorizeAssociation(input.associationId, 'MANAGE_SURVEYS');
  const clean = validateSurvey(input);
  const associationName = await associationNameOf(ctx, input.associationId);
  const recipients = currentMemberRecipients(ctx, input.associationId);
  if (input.dryRun !== false)
    return {
      dryRun: true,
      associationName,
      recipientCount: (await recipients()).length,
      notifiedCount: 0,
      surveyId: null,
    };
  const actor = actorOf(ctx.viewer);
  const audit = auditAssociationSend(ctx);
  const { surveys, provisionRecords } = ctx.services;
  const { idempotencyKey, ...payload } = clean;
  try {
    return await withIdempotency(
      ctx.services.dataSource,
      {
        operation: 'sendAssociationSurvey',
        actor: `association:${clean.associationId}`,
        key: idempotencyKey,
        payload,
      },
      async (manager): Promise<AssociationSurveyRun> => {
        const personIds = onlyUuids(await recipients(manager));
        const id = randomUUID();
        await surveys.insert(manager, {
          id,
          associationId: clean.associationId,
          title: clean.title,
          description: clean.description,
          questions: clean.questions,
          closesOn: clean.closesOn,
          recipientCount: personIds.length,
          createdBy: actor,
        });
        await surveys.insertRecipients(manager, id, clean.associationId, personIds);
        const text = associationSurveyNotice(associationName, clean);
        const { created: notifiedCount, queuedPersonIds } = await insertNotificationsQueuingMail(
          manager,
          personIds.map((personId) => ({
            accountId: null,
            personId,
            kind: 'ASSOCIATION_SURVEY',
            ...text,
            sourceKey: `association-survey:${id}:${personId}`,
          })),
        );
        // the e-mail hands the names and addresses to the mail delivery vendor: recorded here
        await provisionRecords.recordMailProvision(manager, {
          associationId: clean.associationId,
          actor,
          purpose: text.subjectJa,
          personIds: queuedPersonIds,
        });
        audit(personIds, queuedPersonIds);
        return {
          dryRun: false,
          associationName,
          recipientCount: personIds.length,
          notifiedCount,
          surveyId: id,
        };
      },
    );
  } catch (e) {
    if (e instanceof AppError && e.extensions.field === 'idempotencyKey')
      throw badInput('input.idempotencyKey', Messages.SURVEY_KEY_REUSED, { reason: 'KEY_REUSED' });
    throw e;
  }
}

/**
 * A member answers (or changes the answer to) a survey sent to them, until its closing date:
 * ANSWER_SURVEY (the person themself). A survey not sent to the person, or sent while they were a
 * member of an association they have since left, is NOT_FOUND; after the closing date
 * BAD_USER_INPUT `SURVEY_CLOSED`. The answer is saved in one transaction, only while the person
 * is still a current member of the association.
 */
export async function answerSurvey(ctx: ConsentWriteContext, input: AnswerSurveyInput) {
  await ctx.access.authorizeWrite(input.personId, 'ANSWER_SURVEY');
  const survey = (await ctx.services.surveys.byPersonIds([input.personId])).find(
    (s) => s.id === input.surveyId,
  );
  if (!survey)
    throw new AppError(ErrorCode.NOT_FOUND, Messages.SURVEY_NOT_FOUND, {
      field: 'input.surveyId',
    });
  if (!isOpen(survey))
    throw badInput('input.surveyId', Messages.SURVEY_CLOSED({ closesOn: survey.closesOn }), {
      reason: 'SURVEY_CLOSED',
      closesOn: survey.closesOn,
    });
  const items = validateAnswers(survey, input.answers ?? []);
  const answeredBy = actorOf(ctx.viewer);
  const saved = await ctx.services.dataSource.transaction((manager) =>
    ctx.services.surveys.saveAnswer(manager, survey.id, input.personId, items, answeredBy),
  );
  if (!saved)
    throw new AppError(ErrorCode.NOT_FOUND, Messages.SURVEY_NOT_FOUND, {
      field: 'input.surveyId',
    });
  return survey;
}
