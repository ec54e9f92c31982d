import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { errorsOf } from '../../../components';
import { DryRunPanel, FieldError, newIdempotencyKey } from '../../../components/dry-run-panel';
import { graphql } from '../../../gql';
import type { SurveyQuestionKind } from '../../../gql/graphql';
import { inputProblems } from '../../../lib/error-actions';
import { useI18n } from '../../../lib/i18n';
import {
  emptyDraft,
  emptyQuestion,
  KINDS,
  toInput,
  type Draft,
  type QuestionDraft,
} from './survey-draft-model';

const SendSurveyMutation = graphql(`
  mutation OfficeSendAssociationSurvey($input: SendAssociationSurveyInput!) {
    sendAssociationSurvey(input: $input) {
      dryRun
      recipientCount
      notifiedCount
      survey {
        id
      }
    }
  }
`);

/**
 * A new survey: title, description, closing date and questions; previewed (how many members it
 * reaches), then sent.
 */
export function SurveyCreatePanel({ associationId }: { associationId: string }) {
  const { t } = useI18n();
  const id = useId();
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [preview, setPreview] = useState<{ count: number; key: string; draft: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [run, running] = useMutation(SendSurveyMutation, { refetchQueries: ['OfficeSurveys'] });

  const send = async (dryRun: boolean, d: Draft, idempotencyKey: string) => {
    setFailure(null);
    const missing: Record<string, string> = {};
    if (!d.title.trim()) missing['input.title'] = t('mailingRequired');
    if (!d.description.trim()) missing['input.description'] = t('mailingRequired');
    if (!d.closesOn) missing['input.closesOn'] = t('mailingRequired');
    d.questions.forEach((q, i) => {
      if (!q.text.trim()) missing[`input.questions[${i}].text`] = t('mailingRequired');
    });
    setProblems(missing);
    if (Object.keys(missing).length) return null;
    const result = await run({
      variables: { input: { associationId, ...toInput(d), dryRun, idempotencyKey } },
    });
    const fields = inputProblems(errorsOf(result.error));
    if (Object.keys(fields).length) {
      setProblems(fields);
      return null;
    }
    if (result.error || !result.data) {
      setFailure(result.error);
      return null;
    }
    return result.data.sendAssociationSurvey;
  };

  const onPreview = async () => {
    setDone(null);
    const key = newIdempotencyKey();
    const r = await send(true, draft, key);
    setPreview(r ? { count: r.recipientCount, key, draft: JSON.stringify(draft) } : null);
  };

  const onApply = async () => {
    if (!preview) return;
    const r = await send(false, JSON.parse(preview.draft) as Draft, preview.key);
    if (!r) return;
    setPreview(null);
    setDraft(emptyDraft());
    setDone(t('surveySent', { count: String(r.notifiedCount) }));
  };

  const setQuestion = (i: number, patch: Partial<QuestionDraft>) =>
    setDraft((d) => ({ ...d, questions: d.questions.map((q, j) => (j === i ? { ...q, ...patch } : q)) }));

  const field = (
    key: 'title' | 'description' | 'closesOn',
    label: string,
    kind: 'input' | 'textarea' | 'date',
  ) => {
    const fid = `${id}-${key}`;
    const problem = problems[`input.${key}`];
    const common = {
      id: fid,
      name: key,
      value: draft[key],
      'aria-invalid': problem ? true : undefined,
      'aria-describedby': problem ? `${fid}-error` : undefined,
      onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value })),
    };
    return (
      <div className="form-field" key={key}>
        <label htmlFor={fid}>{label}</label>
        {kind === 'textarea' ? (
          <textarea rows={4} {...common} />
        ) : (
          <input type={kind === 'date' ? 'date' : 'text'} {...common} />
        )}
        <FieldError id={`${fid}-error`} problem={problem} />
      </div>
    );
  };

  const questionFields = draft.questions.map((q, i) => {
    const qid = `${id}-q${i}`;
    const at = `input.questions[${i}]`;
    const textProblem = problems[`${at}.text`];
    const optionsProblem =
      problems[`${at}.options`] ??
      Object.entries(problems).find(([k]) => k.startsWith(`${at}.options[`))?.[1];
    const n = String(i + 1);
    return (
      <fieldset className="card" key={i} aria-labelledby={`${qid}-legend`}>
        <legend id={`${qid}-legend`}>{t('surveyQuestion', { n })}</legend>
        <div className="form-field">
          <label htmlFor={`${qid}-text`}>{t('surveyQuestionText')}</label>
          <input
            id={`${qid}-text`}
            value={q.text}
            aria-invalid={textProblem ? true : undefined}
            aria-describedby={textProblem ? `${qid}-text-error` : undefined}
            onChange={(e) => setQuestion(i, { text: e.target.value })}
          />
          <FieldError id={`${qid}-text-error`} problem={textProblem} />
        </div>
        <div className="form-field">
          <label htmlFor={`${qid}-kind`}>{t('surveyQuestionKind')}</label>
          <select
            id={`${qid}-kind`}
            value={q.kind}
            onChange={(e) => setQuestion(i, { kind: e.target.value as SurveyQuestionKind })}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`surveyKind${k}`)}
              </option>
            ))}
          </select>
        </div>
        {q.kind !== 'FREE_TEXT' && (
          <div className="form-field">
            <label htmlFor={`${qid}-options`}>{t('surveyOptions')}</label>
            <textarea
              id={`${qid}-options`}
              rows={4}
              value={q.options}
              aria-invalid={optionsProblem ? true : undefined}
              aria-describedby={optionsProblem ? `${qid}-options-error` : undefined}
              onChange={(e) => setQuestion(i, { options: e.target.value })}
            />
            <FieldError id={`${qid}-options-error`} problem={optionsProblem} />
          </div>
        )}
        <label className="checkbox">
          <input
            type="checkbox"
            checked={q.required}
            onChange={(e) => setQuestion(i, { required: e.target.checked })}
          />{' '}
          {t('surveyRequired')}
        </label>
        {draft.questions.length > 1 && (
          <div className="actions">
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setDraft((d) => ({ ...d, questions: d.questions.filter((_, j) => j !== i) }))}
            >
              {t('surveyRemoveQuestion', { n })}
            </button>
          </div>
        )}
      </fieldset>
    );
  });

  const changed = !!preview && preview.draft !== JSON.stringify(draft);
  const questionsProblem = problems['input.questions'];

  return (
    <DryRunPanel
      title={t('surveyCreateTitle')}
      lead={t('surveyCreateLead')}
      done={done}
      doneTestId="survey-done"
      failure={failure}
      busy={running.loading}
      onPreview={() => void onPreview()}
      preview={
        preview && (
          <>
            <p>{t('surveyRecipients', { count: String(preview.count) })}</p>
            <ol data-testid="survey-preview-questions">
              {toInput(JSON.parse(preview.draft) as Draft).questions.map((q, i) => (
                <li key={i}>
                  {q.text}（{t(`surveyKind${q.kind}`)}
                  {q.required ? `・${t('surveyRequired')}` : ''}）
                  {q.options.length > 0 && `: ${q.options.join(' / ')}`}
                </li>
              ))}
            </ol>
          </>
        )
      }
      previewTestId="survey-preview"
      applyLabel={t('surveySend')}
      applyDisabled={changed || preview?.count === 0}
      onApply={() => void onApply()}
      fields={
        <>
          {field('title', t('surveyTitle'), 'input')}
          {field('description', t('surveyDescription'), 'textarea')}
          {field('closesOn', t('surveyClosesOn'), 'date')}
          {questionFields}
          <FieldError id={`${id}-questions-error`} problem={questionsProblem} />
          <div className="actions">
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setDraft((d) => ({ ...d, questions: [...d.questions, emptyQuestion()] }))}
            >
              {t('surveyAddQuestion')}
            </button>
          </div>
        </>
      }
    />
  );
}
