import { ApolloProvider } from '@apollo/client/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { createApolloClient } from './lib/apollo';
import { AuthProvider, useAuth } from './lib/auth';
import type { PortalConfig } from './lib/config';
import { I18nProvider, useI18n } from './lib/i18n';
import { Link, Router, useRouter } from './lib/router';
import { CallbackPage } from './pages/callback-page';
import { MyPage } from './pages/my-page';
import { OfficePage } from './pages/office/office-page';
import { TopPage } from './pages/top-page';
import { VerifyPage } from './pages/verify-page';

export function App({ config }: { config: PortalConfig }) {
  return (
    <I18nProvider>
      <Router>
        <AuthProvider config={config}>
          <Api config={config} />
        </AuthProvider>
      </Router>
    </I18nProvider>
  );
}

/** One Apollo Client per signed-in user (a new sign-in starts with an empty cache). */
function Api({ config }: { config: PortalConfig }) {
  const auth = useAuth();
  const [authProblem, setAuthProblem] = useState<'SIGN_IN' | 'ACCEPT_TERMS' | null>(null);
  const accessToken = useRef(auth.accessToken);
  accessToken.current = auth.accessToken;
  // a new cache for each signed-in user and for each person acted for (act-on-behalf: claims.sub)
  const userKey = `${auth.user?.profile.sub ?? 'anonymous'}:${auth.claims?.sub ?? ''}`;
  const client = useMemo(
    () =>
      createApolloClient({
        gatewayUrl: config.gatewayUrl,
        accessToken: () => accessToken.current(),
        onAuthProblem: (status) => setAuthProblem(status === 401 ? 'SIGN_IN' : 'ACCEPT_TERMS'),
      }),
    [config.gatewayUrl, userKey],
  );
  useEffect(() => setAuthProblem(null), [userKey]);
  return (
    <ApolloProvider client={client}>
      <Layout authProblem={authProblem} />
    </ApolloProvider>
  );
}

function Layout({ authProblem }: { authProblem: 'SIGN_IN' | 'ACCEPT_TERMS' | null }) {
  const { t, lang, setLang } = useI18n();
  const { location } = useRouter();
  const auth = useAuth();
  const main = useRef<HTMLElement>(null);
  const path = location.pathname;
  // a new page: move the focus to its content (screen readers announce it)
  useEffect(() => {
    main.current?.focus();
  }, [path]);
  let page;
  if (path === '/verify') page = <VerifyPage />;
  else if (path === '/callback') page = <CallbackPage />;
  else if (path === '/me' || path.startsWith('/me/')) page = <MyPage />;
  else if (path === '/office' || path.startsWith('/office/')) page = <OfficePage />;
  else page = <TopPage />;
  return (
    <>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to="/" className="site-title">
            {t('appName')}
          </Link>
          <nav aria-label={lang === 'ja' ? 'サイト' : 'Site'} className="site-nav">
            <Link to="/">{t('navTop')}</Link>
            <Link to="/verify">{t('navVerify')}</Link>
            <Link to="/me">{t('navMyPage')}</Link>
            {auth.claims?.kind === 'STAFF' && <Link to="/office">{t('navOffice')}</Link>}
            {auth.user ? (
              <button type="button" className="link-button" onClick={() => void auth.signOut()}>
                {t('signOut')}
              </button>
            ) : (
              <button type="button" className="link-button" onClick={() => void auth.signIn('/me')}>
                {t('signIn')}
              </button>
            )}
            <button
              type="button"
              className="lang-switch"
              lang={lang === 'ja' ? 'en' : 'ja'}
              title={t('switchLanguageLabel')}
              onClick={() => setLang(lang === 'ja' ? 'en' : 'ja')}
            >
              {t('switchLanguage')}
            </button>
          </nav>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {authProblem && (
          <div role="alert" className="notice notice--error">
            <p>{t(authProblem === 'SIGN_IN' ? 'errorSignIn' : 'errorTerms')}</p>
            <button type="button" onClick={() => void auth.forget().then(() => auth.signIn(path))}>
              {t('signIn')}
            </button>
          </div>
        )}
        {page}
      </main>
      <footer className="site-footer">
        <p>© 日本医師会 Japan Medical Association — MAMIS</p>
      </footer>
    </>
  );
}
