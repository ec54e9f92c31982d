import { addDays, badInput, clock, Messages } from '@mamis/platform';
import {
  SURVEY_QUESTION_KINDS,
  type SurveyAnswerItemRecord,
  type SurveyEntity,
  type SurveyQuestionKind,
  type SurveyQuestionRecord,
} from '../entities';
import type { NewSurvey } from '../repositories/survey.repository';
import { requiredText } from '../services/association-recipients';

/**
 * The input of an association's survey and of a member's answer, checked before anything is
 * written (src/services/survey.service.ts). Pure: no database.
 */

/** Limits of a survey (its texts, questions, options, answers). */
export const SURVEY_LIMITS = {
  title: 200,
  description: 10_000,
  questions: 50,
  questionText: 1_000,
  options: 30,
  optionLabel: 200,
  freeText: 4_000,
  key: 200,
  /** The closing date: today at the earliest, at most this many days ahead. */
  closesWithinDays: 366,
} as const;

export interface SurveyQuestionInput {
  text: string;
  kind: SurveyQuestionKind;
  required?: boolean | null;
  options?: readonly string[] | null;
}

export interface SendAssociationSurveyInput {
  associationId: string;
  title: string;
  description: string;
  questions: readonly SurveyQuestionInput[];
  closesOn: string;
  dryRun?: boolean | null;
  idempotencyKey: string;
}

export interface SurveyAnswerInput {
  questionId: string;
  optionIds?: readonly string[] | null;
  text?: string | null;
}

export interface AnswerSurveyInput {
  personId: string;
  surveyId: string;
  answers: readonly SurveyAnswerInput[];
}

/**
 * Validate a new survey against the clock: texts, 1–50 questions, choice questions with 2–30
 * distinct options, a FREE_TEXT question without options, a closing date from today up to a year
 * ahead. Every problem is BAD_USER_INPUT at its `input.…` path, Japanese first.
 */
export function validateSurvey(input: SendAssociationSurveyInput, today: string = clock.today()): NewSurvey {
  const title = requiredText(
    input.title,
    'input.title',
    { labelJa: '表題', labelEn: 'The title' },
    SURVEY_LIMITS.title,
  );
  const description = requiredText(
    input.description,
    'input.description',
    { labelJa: '説明', labelEn: 'The description' },
    SURVEY_LIMITS.description,
  );
  if (!input.questions?.length)
    throw badInput('input.questions', Messages.SURVEY_NO_QUESTIONS, {
      reason: 'REQUIRED',
    });
  if (input.questions.length > SURVEY_LIMITS.questions)
    throw badInput('input.questions', Messages.SURVEY_TOO_MANY_QUESTIONS({ max: SURVEY_LIMITS.questions }), {
      reason: 'TOO_MANY',
      max: SURVEY_LIMITS.questions,
    });
  const questions: SurveyQuestionRecord[] = input.questions.map((q, i) => {
    const at = `input.questions[${i}]`;
    const id = `q${i + 1}`;
    if (!SURVEY_QUESTION_KINDS.includes(q.kind))
      throw badInput(`${at}.kind`, Messages.SURVEY_UNKNOWN_KIND, {
        reason: 'INVALID_KIND',
      });
    const questionText = requiredText(
      q.text,
      `${at}.text`,
      { labelJa: '質問文', labelEn: 'The question' },
      SURVEY_LIMITS.questionText,
    );
    const given = q.options ?? [];
    if (q.kind === 'FREE_TEXT') {
      if (given.length)
        throw badInput(`${at}.options`, Messages.SURVEY_FREE_TEXT_HAS_NO_OPTIONS, {
          reason: 'OPTIONS_NOT_ALLOWED',
        });
      return { id, kind: q.kind, text: questionText, required: !!q.required, options: [] };
    }
    const labels = given.map((o, j) =>
      requiredText(
        o,
        `${at}.options[${j}]`,
        { labelJa: '選択肢', labelEn: 'The option' },
        SURVEY_LIMITS.optionLabel,
      ),
    );
    if (labels.length < 2 || labels.length > SURVEY_LIMITS.options)
      throw badInput(`${at}.options`, Messages.SURVEY_OPTION_COUNT({ max: SURVEY_LIMITS.options }), {
        reason: 'OPTION_COUNT',
        min: 2,
        max: SURVEY_LIMITS.options,
      });
    const dup = labels.findIndex((l, j) => labels.indexOf(l) !== j);
    if (dup >= 0)
      throw badInput(`${at}.options[${dup}]`, Messages.SURVEY_DUPLICATE_OPTION, {
        reason: 'DUPLICATE_OPTION',
      });
    return {
      id,
      kind: q.kind,
      text: questionText,
      required: !!q.required,
      options: labels.map((label, j) => ({ id: `${id}-${j + 1}`, label })),
    };
  });
  if (input.closesOn < today)
    throw badInput('input.closesOn', Messages.SURVEY_CLOSING_DATE_PAST({ today }), {
      reason: 'CLOSING_DATE_PAST',
      today,
    });
  const latest = addDays(today, SURVEY_LIMITS.closesWithinDays);
  if (input.closesOn > latest)
    throw badInput('input.closesOn', Messages.SURVEY_CLOSING_DATE_TOO_FAR({ latest }), {
      reason: 'CLOSING_DATE_TOO_FAR',
      latest,
    });
  const idempotencyKey = requiredText(
    input.idempotencyKey,
    'input.idempotencyKey',
    { labelJa: '冪等キー', labelEn: 'The idempotency key' },
    SURVEY_LIMITS.key,
  );
  return {
    associationId: input.associationId,
    title,
    description,
    questions,
    closesOn: input.closesOn,
    idempotencyKey,
  };
}

/**
 * Validate a member's answer against the survey's questions: known questions once each, known
 * options only (one for SINGLE_CHOICE), free text within its limit, every required question
 * answered. Problems are BAD_USER_INPUT at `input.answers[i]…` (a missing required question at
 * `input.answers` with `details.questionId`).
 */
export function validateAnswers(
  survey: Pick<SurveyEntity, 'questions'>,
  answers: readonly SurveyAnswerInput[],
) {
  const byId = new Map(survey.questions.map((q) => [q.id, q]));
  const seen = new Set<string>();
  const items: SurveyAnswerItemRecord[] = [];
  answers.forEach((a, i) => {
    const at = `input.answers[${i}]`;
    const q = byId.get(a.questionId);
    if (!q)
      throw badInput(`${at}.questionId`, Messages.SURVEY_UNKNOWN_QUESTION, {
        reason: 'UNKNOWN_QUESTION',
        questionId: a.questionId,
      });
    if (seen.has(q.id))
      throw badInput(`${at}.questionId`, Messages.SURVEY_QUESTION_ANSWERED_TWICE, {
        reason: 'DUPLICATE_QUESTION',
        questionId: q.id,
      });
    seen.add(q.id);
    const optionIds = [...new Set(a.optionIds ?? [])];
    if (q.kind === 'FREE_TEXT') {
      if (optionIds.length)
        throw badInput(`${at}.optionIds`, Messages.SURVEY_FREE_TEXT_TAKES_NO_OPTIONS, {
          reason: 'OPTIONS_NOT_ALLOWED',
          questionId: q.id,
        });
      const t = (a.text ?? '').normalize('NFC').trim();
      if (t.length > SURVEY_LIMITS.freeText)
        throw badInput(`${at}.text`, Messages.SURVEY_ANSWER_TOO_LONG({ max: SURVEY_LIMITS.freeText }), {
          reason: 'TOO_LONG',
          max: SURVEY_LIMITS.freeText,
          questionId: q.id,
        });
      if (t) items.push({ questionId: q.id, optionIds: [], text: t });
      return;
    }
    if (a.text?.trim())
      throw badInput(`${at}.text`, Messages.SURVEY_CHOICE_TAKES_NO_TEXT, {
        reason: 'TEXT_NOT_ALLOWED',
        questionId: q.id,
      });
    optionIds.forEach((o, j) => {
      if (!q.options.some((opt) => opt.id === o))
        throw badInput(`${at}.optionIds[${j}]`, Messages.SURVEY_UNKNOWN_OPTION, {
          reason: 'UNKNOWN_OPTION',
          questionId: q.id,
          optionId: o,
        });
    });
    if (q.kind === 'SINGLE_CHOICE' && optionIds.length > 1)
      throw badInput(`${at}.optionIds`, Messages.SURVEY_ONE_OPTION_ONLY, {
        reason: 'TOO_MANY_OPTIONS',
        questionId: q.id,
      });
    // keep the survey's order of options
    const ordered = q.options.map((o) => o.id).filter((o) => optionIds.includes(o));
    if (ordered.length) items.push({ questionId: q.id, optionIds: ordered, text: null });
  });
  const answered = new Set(items.map((x) => x.questionId));
  const missing = survey.questions.find((q) => q.required && !answered.has(q.id));
  if (missing)
    throw badInput('input.answers', Messages.SURVEY_REQUIRED_QUESTION({ text: missing.text }), {
      reason: 'REQUIRED',
      questionId: missing.id,
    });
  return survey.questions.flatMap((q) => items.filter((x) => x.questionId === q.id));
}
