import { useQuery } from '@apollo/client/react';
import { Fragment } from 'react';
import { FormattedDate, Loading, PageError } from '../components';
import { graphql } from '../gql';
import { useAuth } from '../lib/auth';
import { useI18n } from '../lib/i18n';
import { Link } from '../lib/router';

/** Everything the top page shows, in one public operation (terms art. 5.2: the notice is here). */
const TopPageQuery = graphql(`
  query TopPage {
    jointUseNotice {
      id
      version
      effectiveFrom
      title
      statement
      dataItems
      jointUsers
      purposes
      responsibleParty {
        name
        address
        representative
      }
      responsibilityNote
      summaryEn
    }
    upcomingJointUseNotice {
      id
      version
      effectiveFrom
      title
      summaryEn
    }
    termsOfUse {
      id
      version
      titleJa
      titleEn
      effectiveFrom
    }
    serviceDisclosure {
      id
      version
      effectiveFrom
      contractors {
        name
        work
        workEn
      }
      environmentRequirements {
        item
        requirementJa
        requirementEn
      }
    }
    termsVersions {
      id
      version
      titleJa
      titleEn
      bodyJa
      bodyEn
      effectiveFrom
      requiresAcceptance
      summaryJa
      summaryEn
    }
  }
`);

export function TopPage() {
  const { t, pick, lang } = useI18n();
  const auth = useAuth();
  const { data, loading, error } = useQuery(TopPageQuery);
  const notice = data?.jointUseNotice;
  const current = data?.termsOfUse;
  const upcomingTerms = (data?.termsVersions ?? []).filter(
    (v) => current && v.effectiveFrom > current.effectiveFrom,
  );
  const upcomingNotice = data?.upcomingJointUseNotice;
  return (
    <div className="page">
      <h1>{t('topTitle')}</h1>
      <p className="lead">{t('topIntro')}</p>
      <div className="actions">
        <Link to="/verify" className="button button--secondary">
          {t('navVerify')}
        </Link>
        {auth.user ? (
          <Link to="/me" className="button">
            {t('navMyPage')}
          </Link>
        ) : (
          <button type="button" className="button" onClick={() => void auth.signIn('/me')}>
            {t('signIn')}
          </button>
        )}
      </div>
      <p>{t('signInLead')}</p>
      <p>{t('verifyLead')}</p>

      {loading && !data && <Loading />}
      <PageError error={error} />

      <section aria-labelledby="upcoming-heading" className="card">
        <h2 id="upcoming-heading">{t('upcomingTitle')}</h2>
        {data && !upcomingNotice && upcomingTerms.length === 0 && <p>{t('noUpcoming')}</p>}
        <ul className="plain-list">
          {upcomingNotice && (
            <li data-testid="upcoming-notice">
              <strong>{t('upcomingNotice')}</strong>（{t('noticeVersion')} {upcomingNotice.version}）—{' '}
              {t('effectiveFrom')}: <FormattedDate value={upcomingNotice.effectiveFrom} />
              <br />
              {lang === 'en' && upcomingNotice.summaryEn ? upcomingNotice.summaryEn : upcomingNotice.title}
            </li>
          )}
          {upcomingTerms.map((v) => (
            <li key={v.id} data-testid="upcoming-terms">
              <strong>{t('upcomingTerms')}</strong>（{v.version}）— {t('effectiveFrom')}:{' '}
              <FormattedDate value={v.effectiveFrom} />
              {(v.summaryJa || v.summaryEn) && (
                <>
                  <br />
                  {pick(v.summaryJa ?? '', v.summaryEn)}
                </>
              )}
            </li>
          ))}
        </ul>
      </section>

      {notice && (
        <section aria-labelledby="notice-heading" className="card" data-testid="joint-use-notice">
          <h2 id="notice-heading">{t('jointUseTitle')}</h2>
          <p className="meta">
            {notice.title}（{t('noticeVersion')} {notice.version}、{t('effectiveFrom')}:{' '}
            <FormattedDate value={notice.effectiveFrom} />）
          </p>
          {lang === 'en' && notice.summaryEn && (
            <p className="meta" lang="en">
              {notice.summaryEn}
            </p>
          )}
          <h3>{t('jointUseStatement')}</h3>
          <p lang="ja">{notice.statement}</p>
          <h3>{t('jointUseItems')}</h3>
          <ul lang="ja">
            {notice.dataItems.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
          <h3>{t('jointUseUsers')}</h3>
          <p lang="ja">{notice.jointUsers}</p>
          <h3>{t('jointUsePurposes')}</h3>
          <ul lang="ja">
            {notice.purposes.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
          <h3>{t('jointUseResponsible')}</h3>
          <dl className="fields" data-testid="responsible-party">
            <dt>{t('responsibleName')}</dt>
            <dd lang="ja">{notice.responsibleParty.name}</dd>
            <dt>{t('responsibleAddress')}</dt>
            <dd lang="ja">{notice.responsibleParty.address}</dd>
            <dt>{t('responsibleRepresentative')}</dt>
            <dd lang="ja">{notice.responsibleParty.representative}</dd>
          </dl>
          {notice.responsibilityNote && <p lang="ja">{notice.responsibilityNote}</p>}
        </section>
      )}

      {data && (
        <section aria-labelledby="disclosure-heading" className="card" data-testid="service-disclosure">
          <h2 id="disclosure-heading">{t('contractorsTitle')}</h2>
          {!data.serviceDisclosure ? (
            <p>{t('notYetPublished')}</p>
          ) : (
            <>
              <p className="meta">
                {t('noticeVersion')} {data.serviceDisclosure.version}、{t('effectiveFrom')}:{' '}
                <FormattedDate value={data.serviceDisclosure.effectiveFrom} />
              </p>
              {data.serviceDisclosure.contractors.length === 0 ? (
                <p>{t('noContractors')}</p>
              ) : (
                <dl className="fields" data-testid="contractors">
                  {data.serviceDisclosure.contractors.map((c) => (
                    <Fragment key={c.name}>
                      <dt>{c.name}</dt>
                      <dd>{pick(c.work, c.workEn)}</dd>
                    </Fragment>
                  ))}
                </dl>
              )}
            </>
          )}
          <h2 id="environment-heading">{t('environmentTitle')}</h2>
          {!data.serviceDisclosure ? (
            <p>{t('notYetPublished')}</p>
          ) : (
            <dl className="fields" data-testid="environment">
              {data.serviceDisclosure.environmentRequirements.map((r) => (
                <Fragment key={r.item}>
                  <dt>{r.item}</dt>
                  <dd>{pick(r.requirementJa, r.requirementEn)}</dd>
                </Fragment>
              ))}
            </dl>
          )}
        </section>
      )}

      {data && (
        <section aria-labelledby="terms-heading" className="card" data-testid="terms">
          <h2 id="terms-heading">{t('termsTitle')}</h2>
          {current && (
            <p>
              {t('termsCurrent')}: {pick(current.titleJa, current.titleEn)}（{current.version}、
              {t('effectiveFrom')}: <FormattedDate value={current.effectiveFrom} />）
            </p>
          )}
          <h3>{t('termsHistory')}</h3>
          <ul className="plain-list">
            {data.termsVersions.map((v) => (
              <li key={v.id}>
                <details>
                  <summary>
                    {v.version} — {pick(v.titleJa, v.titleEn)}（{t('effectiveFrom')}:{' '}
                    <FormattedDate value={v.effectiveFrom} />）
                    {v.requiresAcceptance && <span className="tag">{t('termsRequiresAcceptance')}</span>}
                  </summary>
                  {(v.summaryJa || v.summaryEn) && <p>{pick(v.summaryJa ?? '', v.summaryEn)}</p>}
                  <div className="terms-body" lang={lang === 'en' ? 'en' : 'ja'}>
                    {pick(v.bodyJa, v.bodyEn)}
                  </div>
                </details>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
