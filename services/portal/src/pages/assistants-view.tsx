import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { FormattedDate, Loading } from '../components';
import { useAuth } from '../lib/auth';
import { FIELD_GROUPS } from '../lib/field-groups';
import { useI18n } from '../lib/i18n';

/** An assistant grant as the identity service's /manage/assistants lists it. */
interface Assistant {
  grantId: string;
  username: string | null;
  displayName: string | null;
  status: string | null;
  scopes: string[];
  expiresAt: string | null;
  revokedAt: string | null;
}

const GROUP_NAMES: Record<string, { ja: string; en: string }> = {
  identity: { ja: '基本情報', en: 'Identity' },
  contact: { ja: '連絡先', en: 'Contact' },
  profile: { ja: '経歴・勤務先', en: 'Profile' },
  membership: { ja: '会員資格', en: 'Membership' },
  dues: { ja: '会費', en: 'Dues' },
  training: { ja: '研修', en: 'Training' },
  insurance: { ja: '医賠責保険', en: 'Insurance' },
  pension: { ja: '医師年金', en: 'Pension' },
  consent: { ja: '同意', en: 'Consent' },
};

/**
 * The physician's assistants (補助者): list, invite with rights, revoke at once. These live in the
 * identity service (accounts), not in the GraphQL API: its /manage API with the physician's token.
 */
export function AssistantsView() {
  const { t, lang } = useI18n();
  const auth = useAuth();
  const [list, setList] = useState<Assistant[] | null>(null);
  const [problem, setProblem] = useState<'own-only' | 'error' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [invite, setInvite] = useState({
    username: '',
    displayName: '',
    rights: ['identity:read', 'contact:read'],
  });
  const [invitationUrl, setInvitationUrl] = useState<string | null>(null);
  const ids = useId();

  const call = useCallback(
    async (method: string, path: string, body?: unknown) => {
      const token = await auth.accessToken();
      return fetch(`${auth.issuer}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token ?? ''}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
    },
    [auth],
  );
  const load = useCallback(async () => {
    const res = await call('GET', '/manage/assistants');
    if (res.status === 401 || res.status === 403) return setProblem('own-only');
    if (!res.ok) return setProblem('error');
    setList(((await res.json()) as { assistants: Assistant[] }).assistants);
  }, [call]);
  useEffect(() => {
    void load().catch(() => setProblem('error'));
  }, [load]);

  const revoke = async (a: Assistant) => {
    if (!window.confirm(t('revokeConfirm'))) return;
    const res = await call('DELETE', `/manage/assistants/${a.grantId}`);
    if (res.ok) {
      await load();
      setMessage(t('revoked'));
    } else setProblem('error');
  };
  const onInvite = async (e: FormEvent) => {
    e.preventDefault();
    const res = await call('POST', '/manage/assistants', {
      username: invite.username,
      displayName: invite.displayName,
      scopes: invite.rights,
    });
    if (!res.ok) return setProblem('error');
    setInvitationUrl(((await res.json()) as { invitationUrl: string }).invitationUrl);
    setInvite({ username: '', displayName: '', rights: ['identity:read', 'contact:read'] });
    await load();
  };

  if (problem === 'own-only') return <p>{t('assistantsOwnOnly')}</p>;
  const active = (list ?? []).filter((a) => !a.revokedAt);
  return (
    <>
      <p>{t('assistantsLead')}</p>
      {problem === 'error' && (
        <p role="alert" className="notice notice--error">
          {t('errorGeneric')}
        </p>
      )}
      {message && (
        <p role="status" className="notice notice--ok">
          {message}
        </p>
      )}
      <section className="card" aria-labelledby={`${ids}-list`}>
        <h2 id={`${ids}-list`}>{t('assistantsTitle')}</h2>
        {!list ? (
          <Loading />
        ) : active.length === 0 ? (
          <p>{t('noAssistants')}</p>
        ) : (
          <ul className="plain-list" data-testid="assistants">
            {active.map((a) => (
              <li key={a.grantId}>
                <strong>{a.displayName ?? a.username}</strong>（{a.username}）
                <br />
                {t('assistantRights')}:{' '}
                {a.scopes
                  .map((s) => {
                    const [group, mode] = s.split(':');
                    const g = GROUP_NAMES[group!]?.[lang] ?? group;
                    return `${g}${mode === 'write' ? (lang === 'ja' ? '（変更）' : ' (write)') : ''}`;
                  })
                  .join('、')}
                {a.expiresAt && (
                  <>
                    <br />
                    {t('assistantExpires')}: <FormattedDate value={a.expiresAt} />
                  </>
                )}
                <br />
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => void revoke(a)}
                  aria-label={`${t('revoke')}: ${a.displayName ?? a.username ?? ''}`}
                >
                  {t('revoke')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby={`${ids}-invite`}>
        <h2 id={`${ids}-invite`}>{t('inviteTitle')}</h2>
        {invitationUrl && (
          <p role="status" className="notice notice--ok">
            {t('invited')} <code>{invitationUrl}</code>
          </p>
        )}
        <form className="form" onSubmit={(e) => void onInvite(e)}>
          <div className="form-field">
            <label htmlFor={`${ids}-username`}>{t('assistantUsername')}</label>
            <input
              id={`${ids}-username`}
              required
              value={invite.username}
              autoComplete="off"
              onChange={(e) => setInvite({ ...invite, username: e.target.value })}
            />
          </div>
          <div className="form-field">
            <label htmlFor={`${ids}-name`}>{t('assistantName')}</label>
            <input
              id={`${ids}-name`}
              required
              value={invite.displayName}
              onChange={(e) => setInvite({ ...invite, displayName: e.target.value })}
            />
          </div>
          <fieldset className="form-field">
            <legend>{t('assistantRights')}</legend>
            {FIELD_GROUPS.flatMap((g) =>
              ['read', 'write'].map((mode) => {
                const scope = `${g}:${mode}`;
                return (
                  <label key={scope} className="checkbox">
                    <input
                      type="checkbox"
                      checked={invite.rights.includes(scope)}
                      onChange={(e) =>
                        setInvite({
                          ...invite,
                          rights: e.target.checked
                            ? [...invite.rights, scope]
                            : invite.rights.filter((r) => r !== scope),
                        })
                      }
                    />{' '}
                    {GROUP_NAMES[g]![lang]}
                    {mode === 'write'
                      ? lang === 'ja'
                        ? '（変更）'
                        : ' (write)'
                      : lang === 'ja'
                        ? '（閲覧）'
                        : ' (read)'}
                  </label>
                );
              }),
            )}
          </fieldset>
          <button type="submit" className="button">
            {t('invite')}
          </button>
        </form>
      </section>
    </>
  );
}
