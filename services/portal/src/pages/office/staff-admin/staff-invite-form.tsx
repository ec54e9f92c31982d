import { useId, useState, type FormEvent } from 'react';
import { FormattedDateTime } from '../../../components';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import type { ApiProblem, Call, Invitation } from './staff-api';

type InviteField = 'displayName' | 'username' | 'email' | 'role';

const INVITE_ERRORS: Record<string, MessageKey> = {
  username_required: 'staffErrUsernameRequired',
  username_invalid: 'staffErrUsernameInvalid',
  username_taken: 'staffErrUsernameTaken',
  display_name_required: 'staffErrNameRequired',
  display_name_too_long: 'staffErrNameTooLong',
  email_invalid: 'staffErrEmailInvalid',
  role_invalid: 'staffErrRoleInvalid',
};

/**
 * Inviting a clerk (職員の招待): name, username, e-mail and role; the one-time link made (and
 * whether it was mailed) is shown until the next invitation. Problems are said at their fields.
 */
export function StaffInviteForm({
  call,
  onInvited,
  invited,
}: {
  call: Call;
  onInvited: (out: Invitation) => void;
  invited: Invitation | null;
}) {
  const { t } = useI18n();
  const ids = useId();
  const empty = { displayName: '', username: '', email: '', role: 'CLERK' };
  const [form, setForm] = useState<Record<InviteField, string>>(empty);
  const [problems, setProblems] = useState<Partial<Record<InviteField, string>>>({});
  const [failure, setFailure] = useState(false);
  const [busy, setBusy] = useState(false);
  const fid = (f: InviteField) => `${ids}-${f}`;

  const focusFirst = (p: Partial<Record<InviteField, string>>) => {
    const first = (['displayName', 'username', 'email', 'role'] as const).find((f) => p[f]);
    if (first) setTimeout(() => document.getElementById(fid(first))?.focus(), 0);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(false);
    const local: Partial<Record<InviteField, string>> = {};
    if (!form.displayName.trim()) local.displayName = t('staffErrNameRequired');
    if (!form.username.trim()) local.username = t('staffErrUsernameRequired');
    setProblems(local);
    if (Object.keys(local).length) return focusFirst(local);
    setBusy(true);
    try {
      const res = await call('POST', '/manage/staff/invitations', {
        displayName: form.displayName,
        username: form.username,
        email: form.email || undefined,
        role: form.role,
      });
      if (!res.ok) {
        const p = (await res.json().catch(() => ({}))) as ApiProblem;
        const key = p.error ? INVITE_ERRORS[p.error] : undefined;
        const field = p.field as InviteField | undefined;
        if (key && field && field in empty) {
          const next = { [field]: t(key) };
          setProblems(next);
          return focusFirst(next);
        }
        return setFailure(true);
      }
      const out = (await res.json()) as {
        invitationUrl: string;
        invitationExpiresAt: string;
        mailed: boolean;
      };
      onInvited({
        name: form.displayName.trim(),
        url: out.invitationUrl,
        until: out.invitationExpiresAt,
        mailed: out.mailed,
      });
      setForm(empty);
      setProblems({});
    } catch {
      setFailure(true);
    } finally {
      setBusy(false);
    }
  };

  const field = (f: InviteField, label: MessageKey, hint?: MessageKey, type = 'text') => {
    const problem = problems[f];
    const describedBy =
      [hint ? `${fid(f)}-hint` : '', problem ? `${fid(f)}-error` : ''].filter(Boolean).join(' ') || undefined;
    return (
      <div className="form-field">
        <label htmlFor={fid(f)}>{t(label)}</label>
        {f === 'role' ? (
          <select
            id={fid(f)}
            value={form.role}
            aria-invalid={problem ? true : undefined}
            aria-describedby={describedBy}
            onChange={(e) => setForm({ ...form, role: e.target.value })}
          >
            <option value="CLERK">{t('staffRoleCLERK')}</option>
            <option value="VIEWER">{t('staffRoleVIEWER')}</option>
          </select>
        ) : (
          <input
            id={fid(f)}
            type={type}
            autoComplete="off"
            value={form[f]}
            aria-invalid={problem ? true : undefined}
            aria-describedby={describedBy}
            aria-required={f === 'displayName' || f === 'username' ? true : undefined}
            onChange={(e) => setForm({ ...form, [f]: e.target.value })}
          />
        )}
        {hint && (
          <p id={`${fid(f)}-hint`} className="hint">
            {t(hint)}
          </p>
        )}
        {problem && (
          <p id={`${fid(f)}-error`} className="field-error">
            {problem}
          </p>
        )}
      </div>
    );
  };

  return (
    <section className="card" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('staffInviteTitle')}</h2>
      <p className="lead">{t('staffInviteLead')}</p>
      {invited && (
        <div role="status" className="notice notice--ok" data-testid="staff-invited">
          <p>{t('staffInvited', { name: invited.name })}</p>
          <p>
            <code data-testid="staff-invitation-url">{invited.url}</code>
          </p>
          <p>
            {t('staffInvitedUntil', { until: '' })}
            <FormattedDateTime value={invited.until} />
          </p>
          {invited.mailed && <p>{t('staffInvitedMailed')}</p>}
        </div>
      )}
      {failure && (
        <p role="alert" className="notice notice--error">
          {t('errorGeneric')}
        </p>
      )}
      <form className="form" noValidate onSubmit={(e) => void submit(e)} data-testid="staff-invite">
        {field('displayName', 'staffName')}
        {field('username', 'staffUsername', 'staffUsernameHint')}
        {field('email', 'staffEmail', 'staffEmailHint', 'email')}
        {field('role', 'staffRole')}
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {t('staffInviteSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}
