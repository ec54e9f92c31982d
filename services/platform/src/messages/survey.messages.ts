import { message } from './message';

/** Messages of association surveys (各種アンケート): building a survey and answering it. */
export const SurveyMessages = {
  SURVEY_NO_QUESTIONS: message(
    'SURVEY_NO_QUESTIONS',
    '質問を1つ以上入力してください。',
    'Add at least one question',
  ),
  SURVEY_TOO_MANY_QUESTIONS: message<{ max: number }>(
    'SURVEY_TOO_MANY_QUESTIONS',
    (p) => `質問は${p.max}問以内にしてください。`,
    (p) => `At most ${p.max} questions`,
  ),
  SURVEY_UNKNOWN_KIND: message(
    'SURVEY_UNKNOWN_KIND',
    '質問の種類が正しくありません。',
    'Unknown question kind',
  ),
  SURVEY_FREE_TEXT_HAS_NO_OPTIONS: message(
    'SURVEY_FREE_TEXT_HAS_NO_OPTIONS',
    '自由記述の質問に選択肢は付けられません。',
    'A free-text question has no options',
  ),
  SURVEY_OPTION_COUNT: message<{ max: number }>(
    'SURVEY_OPTION_COUNT',
    (p) => `選択肢は2〜${p.max}個にしてください。`,
    (p) => `A choice question needs 2 to ${p.max} options`,
  ),
  SURVEY_DUPLICATE_OPTION: message(
    'SURVEY_DUPLICATE_OPTION',
    '同じ選択肢が重複しています。',
    'The option is listed twice',
  ),
  SURVEY_CLOSING_DATE_PAST: message<{ today: string }>(
    'SURVEY_CLOSING_DATE_PAST',
    (p) => `回答期限は今日（${p.today}）以降の日付にしてください。`,
    (p) => `The closing date must be today (${p.today}) or later`,
  ),
  SURVEY_CLOSING_DATE_TOO_FAR: message<{ latest: string }>(
    'SURVEY_CLOSING_DATE_TOO_FAR',
    (p) => `回答期限は${p.latest}までの日付にしてください。`,
    (p) => `The closing date must be on or before ${p.latest}`,
  ),
  SURVEY_UNKNOWN_QUESTION: message(
    'SURVEY_UNKNOWN_QUESTION',
    'この質問はアンケートにありません。',
    'No such question in the survey',
  ),
  SURVEY_QUESTION_ANSWERED_TWICE: message(
    'SURVEY_QUESTION_ANSWERED_TWICE',
    '同じ質問に2回回答しています。',
    'The question is answered twice',
  ),
  SURVEY_FREE_TEXT_TAKES_NO_OPTIONS: message(
    'SURVEY_FREE_TEXT_TAKES_NO_OPTIONS',
    '自由記述の質問に選択肢は選べません。',
    'A free-text question has no options',
  ),
  SURVEY_ANSWER_TOO_LONG: message<{ max: number }>(
    'SURVEY_ANSWER_TOO_LONG',
    (p) => `回答は${p.max.toLocaleString('en-US')}文字以内で入力してください。`,
    (p) => `The answer must have at most ${p.max} characters`,
  ),
  SURVEY_CHOICE_TAKES_NO_TEXT: message(
    'SURVEY_CHOICE_TAKES_NO_TEXT',
    '選択式の質問に記述回答は付けられません。',
    'A choice question takes options only',
  ),
  SURVEY_UNKNOWN_OPTION: message(
    'SURVEY_UNKNOWN_OPTION',
    'この選択肢は質問にありません。',
    'No such option in the question',
  ),
  SURVEY_ONE_OPTION_ONLY: message(
    'SURVEY_ONE_OPTION_ONLY',
    'この質問で選べるのは1つだけです。',
    'Choose one option only',
  ),
  SURVEY_REQUIRED_QUESTION: message<{ text: string }>(
    'SURVEY_REQUIRED_QUESTION',
    (p) => `必須の質問「${p.text}」に回答してください。`,
    (p) => `The required question "${p.text}" must be answered`,
  ),
  SURVEY_KEY_REUSED: message(
    'SURVEY_KEY_REUSED',
    'この冪等キーは別の内容のアンケートに使われています。',
    'This idempotency key was already used for another survey',
  ),
  SURVEY_NOT_FOUND: message('SURVEY_NOT_FOUND', 'アンケートが見つかりません。', 'Survey not found'),
  SURVEY_CLOSED: message<{ closesOn: string }>(
    'SURVEY_CLOSED',
    (p) => `このアンケートは${p.closesOn}で締め切られました。`,
    (p) => `This survey closed on ${p.closesOn}`,
  ),
} as const;
