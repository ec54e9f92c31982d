import { useQuery } from '@apollo/client/react';
import { useId, type ReactNode } from 'react';
import { errorsOf, FormattedDate, Guarded, Loading } from '../components';
import { ContactEditForm } from '../components/contact-edit-form';
import { NoPerson } from '../components/no-person-notice';
import { graphql } from '../gql';
import { forbiddenPaths } from '../lib/error-actions';
import { useI18n, type MessageKey } from '../lib/i18n';

const MyProfileQuery = graphql(`
  query MyProfile {
    me {
      id
      familyName
      givenName
      familyNameKana
      givenNameKana
      registryNumber
      birthDate
      ...ContactEditFields
    }
  }
`);

/**
 * My Page (/me): who the physician is (name, kana, registry number, birth date) and their
 * contact, editable.
 */
export function ProfileView() {
  const { t } = useI18n();
  const { data, loading, error, refetch } = useQuery(MyProfileQuery);
  const formId = useId();
  const forbidden = forbiddenPaths(errorsOf(error));
  const me = data?.me;

  if (loading && !data) return <Loading />;
  if (!me) return <NoPerson error={error} />;

  const field = (key: keyof typeof me, label: MessageKey, value: ReactNode) => (
    <>
      <dt>{t(label)}</dt>
      <dd>
        <Guarded forbidden={forbidden} path={`me.${key}`}>
          {value ?? '—'}
        </Guarded>
      </dd>
    </>
  );

  return (
    <>
      <section className="card" aria-labelledby={`${formId}-profile`}>
        <h2 id={`${formId}-profile`}>{t('myNavProfile')}</h2>
        <dl className="fields">
          {field('familyName', 'name', `${me.familyName} ${me.givenName}`)}
          {field('familyNameKana', 'kana', `${me.familyNameKana} ${me.givenNameKana}`)}
          {field('registryNumber', 'registryNumber', me.registryNumber)}
          {field('birthDate', 'birthDate', me.birthDate ? <FormattedDate value={me.birthDate} /> : null)}
        </dl>
      </section>
      <ContactEditForm
        person={me}
        path="me"
        forbidden={forbidden}
        refetchLatest={refetch}
        testId="contact"
        ownData
      />
    </>
  );
}
