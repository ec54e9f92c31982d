import { useEffect, useRef, useState } from 'react';
import { useAuth } from '../lib/auth';
import { useI18n } from '../lib/i18n';
import { useRouter } from '../lib/router';

/** The redirect URI: exchanges the code (PKCE verifier from sessionStorage) for tokens. */
export function CallbackPage() {
  const { t } = useI18n();
  const auth = useAuth();
  const { navigate } = useRouter();
  const [failed, setFailed] = useState<string | null>(null);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return; // React's StrictMode runs effects twice; a code is good once
    started.current = true;
    auth
      .completeSignIn()
      .then((to) => navigate(to))
      .catch((err: unknown) => setFailed(err instanceof Error ? err.message : String(err)));
  }, [auth, navigate]);
  return (
    <div className="page">
      <h1>{t('signIn')}</h1>
      {failed ? (
        <div role="alert" className="notice notice--error">
          <p>{t('signInFailed')}</p>
          <p className="meta">{failed}</p>
          <button type="button" className="button" onClick={() => void auth.signIn('/me')}>
            {t('signIn')}
          </button>
        </div>
      ) : (
        <p role="status">{t('signingIn')}</p>
      )}
    </div>
  );
}
