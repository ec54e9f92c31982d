import { useLazyQuery } from '@apollo/client/react';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { FormattedDate, Loading, PageError } from '../components';
import { graphql } from '../gql';
import { useI18n } from '../lib/i18n';
import { useRouter } from '../lib/router';
import { normaliseVerificationCode } from '../lib/verification-code';

/** Exactly what anyone may learn from a verification code: what `verifyCertificate` returns. */
const VerifyCertificateQuery = graphql(`
  query VerifyCertificate($code: String!) {
    verifyCertificate(code: $code) {
      valid
      status
      programCode
      programNameJa
      programNameEn
      validFrom
      validTo
      holderName
    }
  }
`);

const STATUS = {
  ja: { VALID: '有効', EXPIRED: '期限切れ', NOT_YET_VALID: '有効期間前' },
  en: { VALID: 'Valid', EXPIRED: 'Expired', NOT_YET_VALID: 'Not yet valid' },
} as const;

export function VerifyPage() {
  const { t, pick, lang } = useI18n();
  const { location, navigate } = useRouter();
  const fromUrl = location.search.get('code') ?? '';
  const [input, setInput] = useState(fromUrl);
  const [problem, setProblem] = useState(false);
  const [verify, { data, loading, error, called }] = useLazyQuery(VerifyCertificateQuery, {
    fetchPolicy: 'network-only',
  });
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();

  // arriving from a QR code (`/verify?code=…`) or a shared link: check at once
  useEffect(() => {
    if (!fromUrl) return;
    setInput(fromUrl);
    const code = normaliseVerificationCode(fromUrl);
    setProblem(!code);
    if (code) void verify({ variables: { code } });
  }, [fromUrl, verify]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const code = normaliseVerificationCode(input);
    setProblem(!code);
    if (!code) return;
    navigate(`/verify?code=${encodeURIComponent(code)}`);
  };

  const result = data?.verifyCertificate;
  const statusText = (s: string) => (STATUS[lang] as Record<string, string>)[s] ?? s;
  return (
    <div className="page">
      <h1>{t('verifyTitle')}</h1>
      <p>{t('verifyLead')}</p>
      <form onSubmit={onSubmit} className="form card" noValidate>
        <div className="form-field">
          <label htmlFor={inputId}>{t('verifyCodeLabel')}</label>
          <input
            id={inputId}
            name="code"
            value={input}
            onChange={(e) => setInput(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            aria-describedby={problem ? `${hintId} ${errorId}` : hintId}
            aria-invalid={problem || undefined}
          />
          <p id={hintId} className="hint">
            {t('verifyCodeHint')}
          </p>
          {problem && (
            <p id={errorId} className="field-error" role="alert">
              {t('verifyInvalidCode')}
            </p>
          )}
        </div>
        <button type="submit" className="button">
          {t('verifySubmit')}
        </button>
      </form>
      {loading && <Loading />}
      <PageError error={error} />
      {called && !loading && data && (
        <section aria-labelledby="verify-result" className="card" data-testid="verification-result">
          <h2 id="verify-result">{t('verifyResult')}</h2>
          {!result ? (
            <p role="status">{t('verifyNotFound')}</p>
          ) : (
            <>
              <p role="status" className={result.valid ? 'result result--valid' : 'result result--invalid'}>
                {result.valid ? t('verifyValid') : t('verifyNotValid')}
              </p>
              <dl className="fields">
                <dt>{t('verifyStatus')}</dt>
                <dd>{statusText(result.status)}</dd>
                <dt>{t('verifyHolder')}</dt>
                <dd>{result.holderName}</dd>
                <dt>{t('verifyProgram')}</dt>
                <dd>
                  {pick(result.programNameJa, result.programNameEn)}（{result.programCode}）
                </dd>
                <dt>{t('verifyValidity')}</dt>
                <dd>
                  <FormattedDate value={result.validFrom} /> 〜 <FormattedDate value={result.validTo} />
                </dd>
              </dl>
            </>
          )}
        </section>
      )}
    </div>
  );
}
