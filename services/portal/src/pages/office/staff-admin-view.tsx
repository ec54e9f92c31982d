import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { DataTable, FormattedDateTime, Loading } from '../../components';
import { useAuth } from '../../lib/auth';
import { useI18n, type MessageKey } from '../../lib/i18n';
import { AUDIT_OPERATION_NAMES } from '../../lib/office-admin-messages';

/** A staff account as identity's GET /manage/staff lists it (no secret of any kind). */
interface StaffEntry {
  id: string;
  username: string;
  displayName: string;
  role: string | null;
  status: string;
  secondFactorEnrolled: boolean;
  lastSignInAt: string | null;
  invitationExpiresAt: string | null;
  self: boolean;
}

interface AuditEntry {
  seq: string;
  at: string;
  service: string;
  operation: string | null;
  action: string;
  actorId: string;
  actorName: string;
  personCount: number;
}

interface AuditPage {
  entries: AuditEntry[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** identity's JSON error: a stable code and, for bad input, the field it concerns. */
interface ApiProblem {
  error?: string;
  field?: string;
}

type InviteField = 'displayName' | 'username' | 'email' | 'role';
type ConfirmKind = 'disable' | 'enable' | 'reset';

const INVITE_ERRORS: Record<string, MessageKey> = {
  username_required: 'staffErrUsernameRequired',
  username_invalid: 'staffErrUsernameInvalid',
  username_taken: 'staffErrUsernameTaken',
  display_name_required: 'staffErrNameRequired',
  display_name_too_long: 'staffErrNameTooLong',
  email_invalid: 'staffErrEmailInvalid',
  role_invalid: 'staffErrRoleInvalid',
};

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
  const [invited, setInvited] = useState<{
    name: string;
    url: string;
    until: string;
    mailed: boolean;
  } | null>(null);
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
      <InviteForm
        call={call}
        onInvited={(out) => {
          setInvited(out);
          void load();
          setAuditReload((n) => n + 1);
        }}
        invited={invited}
      />
      {staff && <AuditTrail call={call} staff={staff} reload={auditReload} />}
    </div>
  );
}

type Call = (method: string, path: string, body?: unknown) => Promise<Response>;

function InviteForm({
  call,
  onInvited,
  invited,
}: {
  call: Call;
  onInvited: (out: { name: string; url: string; until: string; mailed: boolean }) => void;
  invited: { name: string; url: string; until: string; mailed: boolean } | null;
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

function AuditTrail({ call, staff, reload }: { call: Call; staff: StaffEntry[]; reload: number }) {
  const { t, pick } = useI18n();
  const ids = useId();
  const [filter, setFilter] = useState({ staff: '', from: '', to: '' });
  const [applied, setApplied] = useState(filter);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [problems, setProblems] = useState<{ from?: string; to?: string }>({});
  const [failure, setFailure] = useState(false);

  const fetchPage = useCallback(
    async (f: typeof filter, after: string | null) => {
      const q = new URLSearchParams({ first: '20' });
      if (f.staff) q.set('staff', f.staff);
      if (f.from) q.set('from', f.from);
      if (f.to) q.set('to', f.to);
      if (after) q.set('after', after);
      const res = await call('GET', `/manage/staff/audit?${q.toString()}`);
      if (!res.ok) {
        const p = (await res.json().catch(() => ({}))) as ApiProblem;
        if (p.field === 'from' || p.field === 'to') {
          setProblems({
            [p.field]: t(p.error === 'date_range_invalid' ? 'staffErrDateRange' : 'staffErrDate'),
          });
          return null;
        }
        setFailure(true);
        return null;
      }
      return (await res.json()) as AuditPage;
    },
    [call, t],
  );

  useEffect(() => {
    let live = true;
    setFailure(false);
    void fetchPage(applied, null).then((page) => {
      if (!live || !page) return;
      setEntries(page.entries);
      setCursor(page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null);
    });
    return () => {
      live = false;
    };
  }, [applied, reload, fetchPage]);

  const show = (e: FormEvent) => {
    e.preventDefault();
    const p: { from?: string; to?: string } = {};
    if (filter.from && filter.to && filter.from > filter.to) p.to = t('staffErrDateRange');
    setProblems(p);
    if (p.to) return;
    setApplied({ ...filter });
  };
  const more = async () => {
    if (!cursor) return;
    const page = await fetchPage(applied, cursor);
    if (!page) return;
    setEntries((prev) => [...(prev ?? []), ...page.entries]);
    setCursor(page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null);
  };

  const operationName = (op: string | null, service: string) => {
    const known = op ? AUDIT_OPERATION_NAMES[op] : undefined;
    // a GraphQL operation as the gateway names its subgraph fetch (`OfficeMembers__membership__0`)
    const name = op?.replace(/__[a-z-]+__\d+$/, '');
    return known ? pick(known.ja, known.en) : `${name ?? '—'}（${service}）`;
  };
  const dateField = (f: 'from' | 'to', label: MessageKey) => (
    <div className="form-field">
      <label htmlFor={`${ids}-${f}`}>{t(label)}</label>
      <input
        id={`${ids}-${f}`}
        type="date"
        value={filter[f]}
        aria-invalid={problems[f] ? true : undefined}
        aria-describedby={problems[f] ? `${ids}-${f}-error` : undefined}
        onChange={(e) => setFilter({ ...filter, [f]: e.target.value })}
      />
      {problems[f] && (
        <p id={`${ids}-${f}-error`} className="field-error">
          {problems[f]}
        </p>
      )}
    </div>
  );

  return (
    <section className="card" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('staffAuditTitle')}</h2>
      <p className="lead">{t('staffAuditLead')}</p>
      <form className="form" noValidate onSubmit={show} data-testid="staff-audit-filter">
        <div className="form-field">
          <label htmlFor={`${ids}-staff`}>{t('staffAuditStaff')}</label>
          <select
            id={`${ids}-staff`}
            value={filter.staff}
            onChange={(e) => setFilter({ ...filter, staff: e.target.value })}
          >
            <option value="">{t('staffAuditAllStaff')}</option>
            {staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.displayName}（{s.username}）
              </option>
            ))}
          </select>
        </div>
        {dateField('from', 'staffAuditFrom')}
        {dateField('to', 'staffAuditTo')}
        <div className="actions">
          <button type="submit" className="button">
            {t('staffAuditShow')}
          </button>
        </div>
      </form>
      {failure && (
        <p role="alert" className="notice notice--error">
          {t('errorGeneric')}
        </p>
      )}
      {!entries ? (
        <Loading />
      ) : entries.length === 0 ? (
        <p data-testid="staff-audit-empty">{t('staffAuditEmpty')}</p>
      ) : (
        <>
          <p className="meta" role="status">
            {t('staffAuditCount', { n: String(entries.length) })}
          </p>
          <DataTable
            labelledBy={`${ids}-title`}
            testId="staff-audit"
            wide
            columns={[
              t('staffAuditAt'),
              t('staffAuditStaff'),
              t('staffAuditOperation'),
              t('staffAuditAction'),
              t('staffAuditPersons'),
            ]}
          >
            {entries.map((e) => (
              <tr key={e.seq}>
                <td className="nowrap">
                  <FormattedDateTime value={e.at} />
                </td>
                <td>{e.actorName}</td>
                <td>{operationName(e.operation, e.service)}</td>
                <td>{e.action === 'READ' ? t('staffAuditRead') : t('staffAuditWrite')}</td>
                <td>{e.personCount}</td>
              </tr>
            ))}
          </DataTable>
          {cursor && (
            <div className="actions">
              <button type="button" className="button button--secondary" onClick={() => void more()}>
                {t('staffAuditMore')}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
