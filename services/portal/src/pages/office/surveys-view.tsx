import { useQuery } from '@apollo/client/react';
import { DataTable, FormattedDate, Loading, PageError } from '../../components';
import { graphql } from '../../gql';
import { useI18n } from '../../lib/i18n';
import { Link } from '../../lib/router';
import { SurveyCreatePanel } from './surveys/survey-create-panel';
import { SurveyResultsView } from './surveys/survey-results-view';

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
