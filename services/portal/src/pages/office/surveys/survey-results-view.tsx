import { useQuery } from '@apollo/client/react';
import { DataTable, FormattedDate, FormattedDateTime, Loading, PageError } from '../../../components';
import { graphql } from '../../../gql';
import { useI18n } from '../../../lib/i18n';
import { Link } from '../../../lib/router';

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

/**
 * /office/surveys/<id>: a survey's results (small counts suppressed) and, where allowed, each
 * member's answers.
 */
export function SurveyResultsView({ associationId, surveyId }: { associationId: string; surveyId: string }) {
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
