import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { DataTable, FormattedDateTime, Loading } from '../../components';
import { useAuth } from '../../lib/auth';
import { useI18n, type MessageKey } from '../../lib/i18n';
import type { ApiProblem, Invitation, StaffEntry } from './staff-admin/staff-api';
import { StaffAuditSection } from './staff-admin/staff-audit-section';
import { StaffInviteForm } from './staff-admin/staff-invite-form';

type ConfirmKind = 'disable' | 'enable' | 'reset';

const ACTION_ERRORS: Record<string, MessageKey> = {
  own_account: 'staffOwnAccount',
  not_set_up: 'staffNotSetUp',
  not_found: 'staffNotFound',
};

const CONFIRM: Record<
  ConfirmKind,
  { title: MessageKey; lead: MessageKey; button: MessageKey; done: MessageKey; path: string }
> = {
  disable: {
    title: 'staffConfirmDisableTitle',
    lead: 'staffConfirmDisableLead',
    button: 'staffConfirmDisable',
    done: 'staffDisabled',
    path: 'disable',
  },
  enable: {
    title: 'staffConfirmEnableTitle',
    lead: 'staffConfirmEnableLead',
    button: 'staffConfirmEnable',
    done: 'staffEnabled',
    path: 'enable',
  },
  reset: {
    title: 'staffConfirmResetTitle',
    lead: 'staffConfirmResetLead',
    button: 'staffConfirmReset',
    done: 'staffResetDone',
    path: 'second-factor/reset',
  },
};

/**
 * Office administration (職員管理), for the association's ADMIN: the staff list, inviting a clerk
 * (a one-time link; the clerk sets their own password and second factor), disabling / re-enabling
 * and resetting the second factor after a confirmation, and the office's own audit trail. These
 * are accounts, so they live in the identity service: its /manage/staff API with the staff token.
 */
export function StaffAdminView() {
  const { t } = useI18n();
  const auth = useAuth();
  const ids = useId();
  const [staff, setStaff] = useState<StaffEntry[] | null>(null);
  const [problem, setProblem] = useState<'forbidden' | 'error' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<{ kind: ConfirmKind; target: StaffEntry } | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [invited, setInvited] = useState<Invitation | null>(null);
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const [auditReload, setAuditReload] = useState(0);

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
    const res = await call('GET', '/manage/staff');
    if (res.status === 403) return setProblem('forbidden');
    if (!res.ok) return setProblem('error');
    setStaff(((await res.json()) as { staff: StaffEntry[] }).staff);
  }, [call]);
  useEffect(() => {
    void load().catch(() => setProblem('error'));
  }, [load]);
  useEffect(() => {
    if (confirm) confirmHeading.current?.focus();
  }, [confirm]);

  const ask = (kind: ConfirmKind, target: StaffEntry) => {
    setMessage(null);
    setActionError(null);
    setReason('');
    setConfirm({ kind, target });
  };

  const apply = async () => {
    if (!confirm) return;
    const { kind, target } = confirm;
    setBusy(true);
    try {
      const res = await call(
        'POST',
        `/manage/staff/${target.id}/${CONFIRM[kind].path}`,
        kind === 'reset' ? {} : reason.trim() ? { reason: reason.trim() } : {},
      );
      if (!res.ok) {
        const p = (await res.json().catch(() => ({}))) as ApiProblem;
        const key = p.error ? ACTION_ERRORS[p.error] : undefined;
        setActionError(key ? t(key) : t('errorGeneric'));
        return;
      }
      setConfirm(null);
      setMessage(t(CONFIRM[kind].done, { name: target.displayName }));
      await load();
      setAuditReload((n) => n + 1);
    } catch {
      setActionError(t('errorGeneric'));
    } finally {
      setBusy(false);
    }
  };

  const reinvite = async (target: StaffEntry) => {
    setMessage(null);
    setActionError(null);
    const res = await call('POST', `/manage/staff/${target.id}/invitation`, {});
    if (!res.ok) return setActionError(t('errorGeneric'));
    const out = (await res.json()) as { invitationUrl: string; invitationExpiresAt: string; mailed: boolean };
    setInvited({
      name: target.displayName,
      url: out.invitationUrl,
      until: out.invitationExpiresAt,
      mailed: out.mailed,
    });
    await load();
  };

  if (problem === 'forbidden')
    return (
      <p className="notice notice--error" data-testid="staff-admin-refused">
        {t('staffAdminNotPermitted')}
      </p>
    );
  const roleName = (role: string | null) => (role ? t(`staffRole${role}` as MessageKey) : '—');
  return (
    <div data-testid="staff-admin">
      <p className="lead">{t('staffAdminLead')}</p>
      {problem === 'error' && (
        <p role="alert" className="notice notice--error">
          {t('errorGeneric')}
        </p>
      )}
      {message && (
        <p role="status" className="notice notice--ok" data-testid="staff-admin-done">
          {message}
        </p>
      )}
      <section className="card" aria-labelledby={`${ids}-list`}>
        <h2 id={`${ids}-list`}>{t('staffListTitle')}</h2>
        {actionError && !confirm && (
          <p role="alert" className="notice notice--error">
            {actionError}
          </p>
        )}
        {!staff ? (
          <Loading />
        ) : (
          <DataTable
            labelledBy={`${ids}-list`}
            testId="staff-list"
            wide
            columns={[
              t('staffName'),
              t('staffUsername'),
              t('staffRole'),
              t('staffStatus'),
              t('staffSecondFactor'),
              t('staffLastSignIn'),
              t('staffActions'),
            ]}
          >
            {staff.map((s) => (
              <tr key={s.id} data-username={s.username}>
                <td>{s.displayName}</td>
                <td>{s.username}</td>
                <td>{roleName(s.role)}</td>
                <td>
                  {t(`staffStatus${s.status}` as MessageKey)}
                  {s.status === 'INVITED' && (
                    <>
                      <br />
                      <span className="meta">
                        {s.invitationExpiresAt ? (
                          <>
                            {t('staffInvitedUntil', { until: '' })}
                            <FormattedDateTime value={s.invitationExpiresAt} />
                          </>
                        ) : (
                          t('staffInvitationExpired')
                        )}
                      </span>
                    </>
                  )}
                </td>
                <td>{s.secondFactorEnrolled ? t('staffEnrolled') : t('staffNotEnrolled')}</td>
                <td>{s.lastSignInAt ? <FormattedDateTime value={s.lastSignInAt} /> : t('staffNever')}</td>
                <td>
                  {s.self ? (
                    <span className="meta">{t('staffSelf')}</span>
                  ) : (
                    <div className="actions">
                      {s.status === 'SUSPENDED' ? (
                        <button
                          type="button"
                          className="button button--secondary"
                          onClick={() => ask('enable', s)}
                          aria-label={`${t('staffEnable')}: ${s.displayName}`}
                        >
                          {t('staffEnable')}
                        </button>
                      ) : (
                        <button
                          type="button"
                          className="button button--secondary"
                          onClick={() => ask('disable', s)}
                          aria-label={`${t('staffDisable')}: ${s.displayName}`}
                        >
                          {t('staffDisable')}
                        </button>
                      )}
                      {s.status === 'INVITED' ? (
                        <button
                          type="button"
                          className="button button--secondary"
                          onClick={() => void reinvite(s)}
                          aria-label={`${t('staffReinvite')}: ${s.displayName}`}
                        >
                          {t('staffReinvite')}
                        </button>
                      ) : (
                        <button
                          type="button"
                          className="button button--secondary"
                          onClick={() => ask('reset', s)}
                          aria-label={`${t('staffResetSecondFactor')}: ${s.displayName}`}
                        >
                          {t('staffResetSecondFactor')}
                        </button>
                      )}
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        {confirm && (
          <div className="notice" data-testid="staff-confirm" role="group" aria-labelledby={`${ids}-confirm`}>
            <h3 id={`${ids}-confirm`} ref={confirmHeading} tabIndex={-1}>
              {t(CONFIRM[confirm.kind].title, { name: confirm.target.displayName })}
            </h3>
            <p>{t(CONFIRM[confirm.kind].lead)}</p>
            {actionError && (
              <p role="alert" className="field-error">
                {actionError}
              </p>
            )}
            {confirm.kind !== 'reset' && (
              <div className="form-field">
                <label htmlFor={`${ids}-reason`}>{t('staffReason')}</label>
                <input
                  id={`${ids}-reason`}
                  type="text"
                  maxLength={500}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                />
              </div>
            )}
            <div className="actions">
              <button type="button" className="button" disabled={busy} onClick={() => void apply()}>
                {t(CONFIRM[confirm.kind].button)}
              </button>
              <button
                type="button"
                className="button button--secondary"
                disabled={busy}
                onClick={() => {
                  setConfirm(null);
                  setActionError(null);
                }}
              >
                {t('staffConfirmCancel')}
              </button>
            </div>
          </div>
        )}
      </section>
      <StaffInviteForm
        call={call}
        onInvited={(out) => {
          setInvited(out);
          void load();
          setAuditReload((n) => n + 1);
        }}
        invited={invited}
      />
      {staff && <StaffAuditSection call={call} staff={staff} reload={auditReload} />}
    </div>
  );
}
