/** A survey being written (アンケートの作成): its questions as the clerk types them, and the API's input of it. */
import type { SurveyQuestionKind } from '../../../gql/graphql';

export const KINDS: SurveyQuestionKind[] = ['SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'FREE_TEXT'];

export interface QuestionDraft {
  text: string;
  kind: SurveyQuestionKind;
  required: boolean;
  /** One option per line. */
  options: string;
}

export interface Draft {
  title: string;
  description: string;
  closesOn: string;
  questions: QuestionDraft[];
}

export const emptyQuestion = (): QuestionDraft => ({
  text: '',
  kind: 'SINGLE_CHOICE',
  required: true,
  options: '',
});
export const emptyDraft = (): Draft => ({
  title: '',
  description: '',
  closesOn: '',
  questions: [emptyQuestion()],
});

/** The API's input of a draft: options split by line, none for free text. */
export const toInput = (d: Draft) => ({
  title: d.title,
  description: d.description,
  closesOn: d.closesOn,
  questions: d.questions.map((q) => ({
    text: q.text,
    kind: q.kind,
    required: q.required,
    options:
      q.kind === 'FREE_TEXT'
        ? []
        : q.options
            .split('\n')
            .map((o) => o.trim())
            .filter(Boolean),
  })),
});
