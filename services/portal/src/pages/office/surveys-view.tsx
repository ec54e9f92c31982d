import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState } from 'react';
import { DataTable, errorsOf, FormattedDate, FormattedDateTime, Loading, PageError } from '../../components';
import { DryRunPanel, FieldError, newIdempotencyKey } from '../../components/dry-run-panel';
import { graphql } from '../../gql';
import type { SurveyQuestionKind } from '../../gql/graphql';
import { inputProblems } from '../../lib/error-actions';
import { useI18n } from '../../lib/i18n';
import { Link } from '../../lib/router';

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

const OfficeSurveysQuery = graphql(`
  query OfficeSurveys($associationId: ID!) {
    associationSurveys(associationId: $associationId) {
      id
      title
      closesOn
      open
      createdAt
      recipientCount
      responseCount
    }
  }
`);

const OfficeSurveyResultsQuery = graphql(`
  query OfficeSurveyResults($associationId: ID!, $id: ID!) {
    associationSurvey(associationId: $associationId, id: $id) {
      id
      title
      description
      closesOn
      open
      recipientCount
      responseCount
      suppressionK
      questions {
        id
        text
        kind
        options {
          id
          label
        }
      }
      results {
        questionId
        kind
        text
        respondentCount
        respondentCountSuppressed
        options {
          optionId
          label
          count
          suppressed
        }
      }
      memberAnswers {
        person {
          id
          familyName
          givenName
        }
        items {
          questionId
          optionIds
          text
        }
        updatedAt
      }
    }
  }
`);

const KINDS: SurveyQuestionKind[] = ['SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'FREE_TEXT'];

interface QuestionDraft {
  text: string;
  kind: SurveyQuestionKind;
  required: boolean;
  /** One option per line. */
  options: string;
}

interface Draft {
  title: string;
  description: string;
  closesOn: string;
  questions: QuestionDraft[];
}

const emptyQuestion = (): QuestionDraft => ({ text: '', kind: 'SINGLE_CHOICE', required: true, options: '' });
const emptyDraft = (): Draft => ({ title: '', description: '', closesOn: '', questions: [emptyQuestion()] });

/** The API's input of a draft: options split by line, none for free text. */
const toInput = (d: Draft) => ({
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

/**
 * アンケート: create a survey (preview the number of current members it reaches, then send with
 * the preview's idempotency key), the surveys sent with their response counts, and a survey's
 * results (`/office/surveys/<id>`).
 */
export function SurveysView({ associationId, surveyId }: { associationId: string; surveyId?: string }) {
  if (surveyId) return <SurveyResultsView associationId={associationId} surveyId={surveyId} />;
  return (
    <>
      <SurveyCreatePanel associationId={associationId} />
      <SurveyList associationId={associationId} />
    </>
  );
}

function SurveyCreatePanel({ associationId }: { associationId: string }) {
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

function SurveyList({ associationId }: { associationId: string }) {
  const { t } = useI18n();
  const { data, loading, error } = useQuery(OfficeSurveysQuery, { variables: { associationId } });
  const list = data?.associationSurveys ?? [];
  return (
    <section className="card" aria-labelledby="survey-list-heading">
      <h2 id="survey-list-heading">{t('surveyListTitle')}</h2>
      <PageError error={error} />
      {loading && !data ? (
        <Loading />
      ) : list.length === 0 ? (
        <p>{t('surveyListEmpty')}</p>
      ) : (
        <DataTable
          labelledBy="survey-list-heading"
          testId="survey-list"
          columns={[
            t('surveyTitle'),
            t('surveyClosesOn'),
            t('surveyState'),
            t('surveyRecipientCount'),
            t('surveyResponseCount'),
          ]}
        >
          {list.map((s) => (
            <tr key={s.id}>
              <td>
                <Link to={`/office/surveys/${encodeURIComponent(s.id)}`}>{s.title}</Link>
              </td>
              <td>
                <FormattedDate value={s.closesOn} />
              </td>
              <td>{s.open ? t('surveyOpen') : t('surveyClosed')}</td>
              <td>{s.recipientCount}</td>
              <td>{s.responseCount}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

function SurveyResultsView({ associationId, surveyId }: { associationId: string; surveyId: string }) {
  const { t } = useI18n();
  const { data, loading, error } = useQuery(OfficeSurveyResultsQuery, {
    variables: { associationId, id: surveyId },
    fetchPolicy: 'network-only',
  });
  if (loading && !data) return <Loading />;
  const s = data?.associationSurvey;
  if (!s)
    return (
      <section className="card">
        <PageError error={error} />
        <p>{t('surveyNotFound')}</p>
        <Link to="/office/surveys">{t('surveyBack')}</Link>
      </section>
    );
  const questionText = new Map(s.questions.map((q) => [q.id, q]));
  const answerText = (questionId: string, optionIds: readonly string[], text: string | null | undefined) => {
    const q = questionText.get(questionId);
    if (text) return text;
    return optionIds.map((o) => q?.options.find((x) => x.id === o)?.label ?? o).join('、');
  };
  const suppressed = <span className="tag">{t('surveySuppressed')}</span>;
  return (
    <>
      <p>
        <Link to="/office/surveys">{t('surveyBack')}</Link>
      </p>
      <section className="card" aria-labelledby="survey-results-heading" data-testid="survey-results">
        <h2 id="survey-results-heading">{t('surveyResultsOf', { title: s.title })}</h2>
        <p className="pre-wrap">{s.description}</p>
        <p className="meta">
          {t('surveyClosesOn')}: <FormattedDate value={s.closesOn} /> (
          {s.open ? t('surveyOpen') : t('surveyClosed')}) · {t('surveyRecipientCount')}: {s.recipientCount} ·{' '}
          {t('surveyResponseCount')}: <span data-testid="survey-response-count">{s.responseCount}</span>
        </p>
        {s.results ? (
          <p className="hint">{t('surveySuppressionNote', { k: String(s.suppressionK) })}</p>
        ) : (
          <p className="not-permitted" data-testid="survey-results-not-permitted">
            {t('surveyResultsNotPermitted')}
          </p>
        )}
        {(s.results ?? []).map((r, i) => {
          const hid = `survey-q-${i}`;
          return (
            <div key={r.questionId}>
              <h3 id={hid}>
                {t('surveyQuestion', { n: String(i + 1) })}: {r.text}
              </h3>
              <p>
                {t('surveyRespondents')}: {r.respondentCountSuppressed ? suppressed : r.respondentCount}
              </p>
              {r.kind === 'FREE_TEXT' ? (
                <p className="hint">{t('surveyFreeTextNotAggregated')}</p>
              ) : (
                <DataTable
                  labelledBy={hid}
                  testId={`survey-result-${r.questionId}`}
                  columns={[t('surveyOption'), t('surveyCount')]}
                >
                  {r.options.map((o) => (
                    <tr key={o.optionId}>
                      <th scope="row">{o.label}</th>
                      <td data-suppressed={o.suppressed || undefined}>
                        {o.suppressed ? suppressed : o.count}
                      </td>
                    </tr>
                  ))}
                </DataTable>
              )}
            </div>
          );
        })}
      </section>
      {s.memberAnswers && (
        <section className="card" aria-labelledby="survey-answers-heading">
          <h2 id="survey-answers-heading">{t('surveyMemberAnswers')}</h2>
          {s.memberAnswers.length === 0 ? (
            <p>{t('surveyMemberAnswersNone')}</p>
          ) : (
            <DataTable
              labelledBy="survey-answers-heading"
              testId="survey-member-answers"
              columns={[
                t('surveyMember'),
                ...s.questions.map((_, i) => t('surveyQuestion', { n: String(i + 1) })),
                t('surveyAnsweredAt'),
              ]}
            >
              {s.memberAnswers.map((a, i) => (
                <tr key={a.person?.id ?? i}>
                  <th scope="row">
                    {a.person ? (
                      <Link to={`/office/members/${encodeURIComponent(a.person.id)}`}>
                        {a.person.familyName} {a.person.givenName}
                      </Link>
                    ) : (
                      '—'
                    )}
                  </th>
                  {s.questions.map((q) => {
                    const item = a.items.find((x) => x.questionId === q.id);
                    return <td key={q.id}>{item ? answerText(q.id, item.optionIds, item.text) : '—'}</td>;
                  })}
                  <td>
                    <FormattedDateTime value={a.updatedAt} />
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </section>
      )}
    </>
  );
}
