import { useQuery } from '@apollo/client/react';
import { DataTable, errorsOf, FormattedDate, Guarded, Loading } from '../components';
import { NoPerson } from '../components/no-person-notice';
import { graphql } from '../gql';
import { forbiddenPaths } from '../lib/error-actions';
import { useI18n } from '../lib/i18n';
import { STATUS_NAMES, useNames, type Names } from '../lib/names';

const MyMembershipsQuery = graphql(`
  query MyMemberships {
    me {
      id
      familyName
      givenName
      memberships {
        id
        category
        status
        joinedOn
        leftOn
        association {
          id
          name
        }
      }
      membershipHistory {
        id
        kind
        category
        effectiveOn
        association {
          id
          name
        }
        counterpartAssociation {
          id
          name
        }
      }
    }
  }
`);

const EVENT_NAMES: Names = {
  JOIN: { ja: '入会', en: 'Joined' },
  TRANSFER_OUT: { ja: '異動（転出）', en: 'Transferred out' },
  TRANSFER_IN: { ja: '異動（転入）', en: 'Transferred in' },
  LEAVE: { ja: '退会', en: 'Left' },
  CATEGORY_CHANGE: { ja: '会員種別変更', en: 'Category change' },
  DEATH: { ja: '死亡', en: 'Death' },
};

/** /me/memberships: the physician's memberships and the history of joining, transfers and leaving. */
export function MembershipsView() {
  const { t } = useI18n();
  const name = useNames();
  const { data, loading, error } = useQuery(MyMembershipsQuery);
  const forbidden = forbiddenPaths(errorsOf(error));
  const me = data?.me;
  if (loading && !data) return <Loading />;
  if (!me) return <NoPerson error={error} />;
  return (
    <>
      <section className="card" aria-labelledby="memberships-heading">
        <h2 id="memberships-heading">{t('membershipsTitle')}</h2>
        <Guarded forbidden={forbidden} path="me.memberships">
          {(me.memberships ?? []).length === 0 ? (
            <p>{t('none')}</p>
          ) : (
            <DataTable
              labelledBy="memberships-heading"
              columns={[t('association'), t('category'), t('status'), t('joinedOn'), t('leftOn')]}
            >
              {(me.memberships ?? []).map((m) => (
                <tr key={m.id}>
                  <td>{m.association.name}</td>
                  <td>{m.category}</td>
                  <td>{name(STATUS_NAMES, m.status)}</td>
                  <td>
                    <FormattedDate value={m.joinedOn} />
                  </td>
                  <td>
                    <FormattedDate value={m.leftOn} />
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </Guarded>
      </section>
      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading">{t('historyTitle')}</h2>
        <Guarded forbidden={forbidden} path="me.membershipHistory">
          <ol className="plain-list">
            {(me.membershipHistory ?? []).map((e) => (
              <li key={e.id}>
                <FormattedDate value={e.effectiveOn} /> — {name(EVENT_NAMES, e.kind)}: {e.association.name}（
                {e.category}）{e.counterpartAssociation ? ` ⇄ ${e.counterpartAssociation.name}` : ''}
              </li>
            ))}
          </ol>
        </Guarded>
      </section>
    </>
  );
}
