import { useQuery } from '@apollo/client/react';
import { errorsOf, FormattedDateTime, Guarded, Loading } from '../components';
import { NoPerson } from '../components/no-person-notice';
import { graphql } from '../gql';
import { forbiddenPaths } from '../lib/error-actions';
import { useI18n } from '../lib/i18n';
import { useNames, type Names } from '../lib/names';

const MyAccessLogQuery = graphql(`
  query MyAccessLog {
    me {
      id
      familyName
      givenName
      accessLog(first: 100) {
        at
        viewerKind
        actorName
        onBehalfOf
        relations
        groups
        operation
        action
        association {
          id
          name
        }
      }
    }
  }
`);

const VIEWER_KINDS: Names = {
  STAFF: { ja: '医師会職員', en: 'Association staff' },
  PHYSICIAN: { ja: '医師', en: 'Physician' },
  ASSISTANT: { ja: '補助者', en: 'Assistant' },
  CLIENT: { ja: '連携システム', en: 'Connected system' },
};
const ACTIONS: Names = {
  READ: { ja: '閲覧', en: 'Read' },
  WRITE: { ja: '変更', en: 'Changed' },
  EXPORT: { ja: '出力', en: 'Exported' },
};

/** /me/access-log: who read or changed the physician's data (association, staff member, what). */
export function AccessLogView() {
  const { t } = useI18n();
  const name = useNames();
  const { data, loading, error } = useQuery(MyAccessLogQuery);
  const forbidden = forbiddenPaths(errorsOf(error));
  const me = data?.me;
  if (loading && !data) return <Loading />;
  if (!me) return <NoPerson error={error} />;
  const log = me.accessLog ?? [];
  return (
    <>
      <section className="card" aria-labelledby="access-heading">
        <h2 id="access-heading">{t('accessLogTitle')}</h2>
        <Guarded forbidden={forbidden} path="me.accessLog">
          {log.length === 0 ? (
            <p>{t('none')}</p>
          ) : (
            <ul className="plain-list" data-testid="access-log">
              {log.map((e, i) => (
                <li key={i}>
                  <FormattedDateTime value={e.at} /> —{' '}
                  {[e.association?.name, e.actorName].filter(Boolean).join(' ') ||
                    name(VIEWER_KINDS, e.viewerKind)}
                  （{name(VIEWER_KINDS, e.viewerKind)}）: {name(ACTIONS, e.action)} {e.groups.join(', ')}
                </li>
              ))}
            </ul>
          )}
        </Guarded>
      </section>
    </>
  );
}
