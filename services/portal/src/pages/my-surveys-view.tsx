import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { errorsOf, FormattedDate, FormattedDateTime, Guarded, Loading, PageError } from '../components';
import { FieldError } from '../components/dry-run-panel';
import { graphql } from '../gql';
import type { MySurveysQuery } from '../gql/graphql';
import { forbiddenPaths, type ApiError } from '../lib/error-actions';
import { useI18n } from '../lib/i18n';
import { NoPerson } from '../components/no-person-notice';

const MySurveysDocument = graphql(`
  query MySurveys {
    me {
      id
      familyName
      givenName
      surveys {
        id
        associationName
        title
        description
        closesOn
        open
        questions {
          id
          kind
          text
          required
          options {
            id
            label
          }
        }
        myAnswer {
          items {
            questionId
            optionIds
            text
          }
          updatedAt
        }
      }
    }
  }
`);

const AnswerSurveyMutation = graphql(`
  mutation AnswerSurvey($input: AnswerSurveyInput!) {
    answerSurvey(input: $input) {
      id
      open
      myAnswer {
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

type Survey = NonNullable<NonNullable<NonNullable<MySurveysQuery['me']>['surveys']>[number]>;

/** アンケート (My Page): the open surveys of the physician's associations, each answered in a form. */
export function SurveysView() {
  const { t } = useI18n();
  const { data, loading, error } = useQuery(MySurveysDocument);
  const forbidden = forbiddenPaths(errorsOf(error));
  const me = data?.me;
  if (loading && !data) return <Loading />;
  if (!me) return <NoPerson error={error} />;
  const list = me.surveys ?? [];
  return (
    <>
      <section className="card" aria-labelledby="surveys-heading">
        <h2 id="surveys-heading">{t('mySurveysTitle')}</h2>
        <Guarded forbidden={forbidden} path="me.surveys">
          <p>
            {list.length === 0 ? t('mySurveysEmpty') : t('mySurveysCount', { count: String(list.length) })}
          </p>
        </Guarded>
      </section>
      {list.map((s) => (
        <SurveyForm key={s.id} personId={me.id} survey={s} />
      ))}
    </>
  );
}

/** Which question an answer problem belongs to: `input.answers[i]…` or `details.questionId`. */
function problemsByQuestion(
  errors: readonly ApiError[],
  sent: { questionId: string }[],
): { byQuestion: Record<string, string>; other: ApiError[] } {
  const byQuestion: Record<string, string> = {};
  const other: ApiError[] = [];
  for (const e of errors) {
    const field = e.extensions?.field;
    const details = e.extensions?.details;
    const index = typeof field === 'string' ? /^input\.answers\[(\d+)\]/.exec(field)?.[1] : undefined;
    const questionId =
      typeof details?.questionId === 'string'
        ? details.questionId
        : index !== undefined
          ? sent[Number(index)]?.questionId
          : undefined;
    if (e.extensions?.code === 'BAD_USER_INPUT' && questionId) byQuestion[questionId] = e.message;
    else other.push(e);
  }
  return { byQuestion, other };
}

function SurveyForm({ personId, survey }: { personId: string; survey: Survey }) {
  const { t } = useI18n();
  const id = useId();
  const initial = () => {
    const v: Record<string, { optionIds: string[]; text: string }> = {};
    for (const q of survey.questions) {
      const item = survey.myAnswer?.items.find((x) => x.questionId === q.id);
      v[q.id] = { optionIds: [...(item?.optionIds ?? [])], text: item?.text ?? '' };
    }
    return v;
  };
  const [values, setValues] = useState(initial);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [answer, answering] = useMutation(AnswerSurveyMutation);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setFailure(null);
    const missing: Record<string, string> = {};
    for (const q of survey.questions) {
      const v = values[q.id]!;
      if (q.required && (q.kind === 'FREE_TEXT' ? !v.text.trim() : v.optionIds.length === 0))
        missing[q.id] = t('mySurveyRequiredMissing');
    }
    setProblems(missing);
    if (Object.keys(missing).length) return;
    const answers = survey.questions
      .map((q) => {
        const v = values[q.id]!;
        return q.kind === 'FREE_TEXT'
          ? { questionId: q.id, text: v.text }
          : { questionId: q.id, optionIds: v.optionIds };
      })
      .filter((a) => ('text' in a ? !!a.text?.trim() : a.optionIds.length > 0));
    const result = await answer({ variables: { input: { personId, surveyId: survey.id, answers } } });
    const { byQuestion, other } = problemsByQuestion(errorsOf(result.error), answers);
    setProblems(byQuestion);
    if (other.length || (!result.data && !Object.keys(byQuestion).length)) setFailure(result.error);
    if (result.data) setSaved(true);
  };

  const headingId = `${id}-title`;
  return (
    <section className="card" aria-labelledby={headingId} data-testid="my-survey">
      <h2 id={headingId}>{survey.title}</h2>
      <p className="meta">
        {t('mySurveyFrom', { association: survey.associationName })} · {t('surveyClosesOn')}:{' '}
        <FormattedDate value={survey.closesOn} />
      </p>
      <p className="pre-wrap">{survey.description}</p>
      {survey.myAnswer && (
        <p className="hint">
          {t('mySurveyAnswered')} <FormattedDateTime value={survey.myAnswer.updatedAt} />
        </p>
      )}
      {saved && (
        <p role="status" className="notice notice--ok" data-testid="my-survey-saved">
          {t('mySurveySaved')}
        </p>
      )}
      <PageError error={failure} />
      <form className="form" noValidate onSubmit={(e) => void onSubmit(e)}>
        {survey.questions.map((q, i) => {
          const qid = `${id}-${q.id}`;
          const problem = problems[q.id];
          const v = values[q.id]!;
          const legend = (
            <>
              {t('surveyQuestion', { n: String(i + 1) })}: {q.text}
              {q.required && <span className="tag"> {t('surveyRequired')}</span>}
            </>
          );
          if (q.kind === 'FREE_TEXT')
            return (
              <div className="form-field" key={q.id}>
                <label htmlFor={`${qid}-text`}>{legend}</label>
                <textarea
                  id={`${qid}-text`}
                  rows={4}
                  value={v.text}
                  aria-required={q.required || undefined}
                  aria-invalid={problem ? true : undefined}
                  aria-describedby={problem ? `${qid}-error` : undefined}
                  onChange={(e) =>
                    setValues((all) => ({ ...all, [q.id]: { ...all[q.id]!, text: e.target.value } }))
                  }
                />
                <FieldError id={`${qid}-error`} problem={problem} />
              </div>
            );
          const single = q.kind === 'SINGLE_CHOICE';
          return (
            <fieldset
              className="survey-question"
              key={q.id}
              role={single ? 'radiogroup' : undefined}
              aria-required={(single && q.required) || undefined}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? `${qid}-error` : undefined}
            >
              <legend>{legend}</legend>
              {q.options.map((o) => (
                <label className="checkbox" key={o.id}>
                  <input
                    type={single ? 'radio' : 'checkbox'}
                    name={qid}
                    value={o.id}
                    checked={v.optionIds.includes(o.id)}
                    onChange={(e) =>
                      setValues((all) => {
                        const cur = all[q.id]!.optionIds;
                        const next = single
                          ? [o.id]
                          : e.target.checked
                            ? [...cur, o.id]
                            : cur.filter((x) => x !== o.id);
                        return { ...all, [q.id]: { ...all[q.id]!, optionIds: next } };
                      })
                    }
                  />{' '}
                  {o.label}
                </label>
              ))}
              <FieldError id={`${qid}-error`} problem={problem} />
            </fieldset>
          );
        })}
        <div className="actions">
          <button type="submit" className="button" disabled={answering.loading}>
            {survey.myAnswer ? t('mySurveyUpdate') : t('mySurveySubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}
