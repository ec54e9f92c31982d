import { useQuery } from '@apollo/client/react';
import { useId, type ReactNode } from 'react';
import {
  DataTable,
  errorsOf,
  FormattedDate,
  Guarded,
  Loading,
  NotPermitted,
  PageError,
} from '../../components';
import { ContactEditForm } from '../../components/contact-edit-form';
import { graphql } from '../../gql';
import { forbiddenPaths, pageErrors } from '../../lib/error-actions';
import { useI18n, type MessageKey } from '../../lib/i18n';
import { Link } from '../../lib/router';
import { KIND_NAMES, SEX_NAMES, STATUS_NAMES, useNames } from './office-names';

const OfficeMemberQuery = graphql(`
  query OfficeMember($id: ID!) {
    person(id: $id) {
      id
      familyName
      givenName
      familyNameKana
      givenNameKana
      registryNumber
      registryDate
      birthDate
      sex
      ...ContactEditFields
      homePostalCode
      homeAddress
      homePhone
      school
      graduationYear
      facilityName
      facilityRole
      departments
      memberships {
        id
        association {
          id
          name
        }
        category
        status
        joinedOn
        leftOn
      }
      membershipHistory {
        id
        kind
        association {
          id
          name
        }
        category
        effectiveOn
      }
      dues {
        id
        fiscalYear
        categoryCode
        amountYen
        outstandingYen
        status
      }
      creditLedger {
        id
        programCode
        code
        units
        earnedOn
      }
    }
  }
`);

/**
 * A member's page for the office: every field group the policy grants this association; a group
 * it may not read shows 閲覧権限なし. A person the office has no relation to (or that does not
 * exist) is the same "not found".
 */
export function MemberDetailView({ personId, associationId }: { personId: string; associationId: string }) {
  const { t } = useI18n();
  const name = useNames();
  const id = useId();
  const { data, loading, error, refetch } = useQuery(OfficeMemberQuery, { variables: { id: personId } });
  const errors = errorsOf(error);
  const forbidden = forbiddenPaths(errors);
  const p = data?.person;

  if (loading && !data) return <Loading />;
  if (!p) {
    // NOT_FOUND / FORBIDDEN of the whole person, a malformed id, or null: one answer for all
    const other = pageErrors(errors).filter(
      (e) => !['NOT_FOUND', 'FORBIDDEN', 'BAD_USER_INPUT'].includes(e.extensions?.code ?? ''),
    );
    if (other.length || (error && errors.length === 0)) return <PageError error={error} />;
    return (
      <section className="card">
        <h2>{t('officeNavMembers')}</h2>
        <p role="alert" className="notice notice--error" data-testid="member-not-found">
          {t('memberNotFound')}
        </p>
        <Link to="/office/members">{t('memberBack')}</Link>
      </section>
    );
  }

  const field = (key: string, label: MessageKey, value: ReactNode) => (
    <>
      <dt>{t(label)}</dt>
      <dd>
        <Guarded forbidden={forbidden} path={`person.${key}`}>
          {value ?? '—'}
        </Guarded>
      </dd>
    </>
  );

  const here = (p.memberships ?? []).filter((m) => m.association.id === associationId);
  return (
    <>
      <p>
        <Link to="/office/members">{t('memberBack')}</Link>
      </p>
      <section className="card" aria-labelledby={`${id}-identity`}>
        <h2 id={`${id}-identity`}>
          {p.familyName} {p.givenName}（{p.familyNameKana} {p.givenNameKana}）
        </h2>
        <dl className="fields" data-testid="member-identity">
          {field('registryNumber', 'registryNumber', p.registryNumber)}
          {field(
            'registryDate',
            'registryDate',
            p.registryDate ? <FormattedDate value={p.registryDate} /> : null,
          )}
          {field('birthDate', 'birthDate', p.birthDate ? <FormattedDate value={p.birthDate} /> : null)}
          {field('sex', 'sex', p.sex ? name(SEX_NAMES, p.sex) : null)}
          {field(
            'memberships',
            'category',
            here.length
              ? here.map((m) => `${m.category}（${name(STATUS_NAMES, m.status)}）`).join('、')
              : null,
          )}
        </dl>
      </section>
      <ContactEditForm
        person={p}
        path="person"
        forbidden={forbidden}
        refetchLatest={refetch}
        testId="member-contact"
      />
      <section className="card" aria-labelledby={`${id}-profile`}>
        <h2 id={`${id}-profile`}>{t('memberProfile')}</h2>
        <dl className="fields">
          {field('facilityName', 'facilityName', p.facilityName)}
          {field('facilityRole', 'facilityRole', p.facilityRole)}
          {field('departments', 'departments', p.departments?.join('、') || null)}
          {field('school', 'school', p.school)}
          {field('graduationYear', 'graduationYear', p.graduationYear)}
        </dl>
      </section>
      <section className="card" aria-labelledby={`${id}-home`}>
        <h2 id={`${id}-home`}>{t('memberHome')}</h2>
        <dl className="fields">
          {field('homePostalCode', 'postalCode', p.homePostalCode)}
          {field('homeAddress', 'address', p.homeAddress)}
          {field('homePhone', 'phone', p.homePhone)}
        </dl>
      </section>
      <section className="card" aria-labelledby={`${id}-memberships`}>
        <h2 id={`${id}-memberships`}>{t('historyTitle')}</h2>
        <Guarded forbidden={forbidden} path="person.membershipHistory">
          {(p.membershipHistory ?? []).length === 0 && <p>{t('none')}</p>}
          <ol className="plain-list">
            {(p.membershipHistory ?? []).map((e) => (
              <li key={e.id}>
                <FormattedDate value={e.effectiveOn} /> — {name(KIND_NAMES, e.kind)}: {e.association.name}（
                {e.category}）
              </li>
            ))}
          </ol>
        </Guarded>
      </section>
      <section className="card" aria-labelledby={`${id}-dues`}>
        <h2 id={`${id}-dues`}>{t('memberDues')}</h2>
        <Guarded forbidden={forbidden} path="person.dues">
          {(p.dues ?? []).length === 0 ? (
            <p>{t('none')}</p>
          ) : (
            <DataTable
              labelledBy={`${id}-dues`}
              columns={[t('fiscalYear'), t('category'), t('amountYen'), t('outstandingYen'), t('status')]}
            >
              {(p.dues ?? []).map((d) => (
                <tr key={d.id}>
                  <td>{d.fiscalYear}</td>
                  <td>{d.categoryCode}</td>
                  <td>{d.amountYen.toLocaleString('ja-JP')}</td>
                  <td>{d.outstandingYen.toLocaleString('ja-JP')}</td>
                  <td>{name(STATUS_NAMES, d.status)}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </Guarded>
      </section>
      <section className="card" aria-labelledby={`${id}-training`}>
        <h2 id={`${id}-training`}>{t('memberTraining')}</h2>
        {forbidden.has('person.creditLedger') ? (
          <NotPermitted />
        ) : (p.creditLedger ?? []).length === 0 ? (
          <p>{t('none')}</p>
        ) : (
          <DataTable
            labelledBy={`${id}-training`}
            testId="member-credits"
            columns={[t('program'), t('code'), t('units'), t('earnedOn')]}
          >
            {(p.creditLedger ?? []).map((c) => (
              <tr key={c.id}>
                <td>{c.programCode}</td>
                <td>{c.code}</td>
                <td>{c.units}</td>
                <td>
                  <FormattedDate value={c.earnedOn} />
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </>
  );
}
