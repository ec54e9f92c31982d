import { randomBytes, randomUUID } from 'node:crypto';
import { clock, isUuid, mayOperate, type AssociationTierName, type Logger } from '@mamis/platform';
import type { AccountEntity } from '../entities';
import type { Mailer } from '../mail/mailer';
import { normalizeUsername, type OfficeAuditRow, type Repositories } from '../repositories';
import { IdentityError, type AccountService } from './account.service';
import { hashPassword, passwordProblem } from './password';
import { sha256 } from './secret-box';

/** How long an invitation link works (platform clock). */
export const STAFF_INVITATION_DAYS = 7;
const DAY_MS = 24 * 3600 * 1000;
const AUDIT_PAGE_MAX = 100;

/** A staff account as the office's ADMIN sees it (no secret, no recovery code, no hash). */
export interface StaffListEntry {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  role: string | null;
  status: string;
  /** The account holder has enrolled their own second factor (TOTP). */
  secondFactorEnrolled: boolean;
  lastSignInAt: Date | null;
  /** An unused, unexpired invitation's expiry (the clerk has not set a password yet). */
  invitationExpiresAt: Date | null;
  /** The viewer's own account (no disable / reset offered). */
  self: boolean;
}

export interface StaffInvitationInput {
  username?: unknown;
  displayName?: unknown;
  email?: unknown;
  role?: unknown;
}

export interface OfficeAuditQuery {
  first?: number;
  after?: string;
  staffId?: string;
  /** Tokyo calendar dates, inclusive. */
  from?: string;
  to?: string;
}

export interface OfficeAuditPage {
  entries: (Omit<OfficeAuditRow, 'actor'> & { actorId: string; actorName: string })[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const bad = (field: string, code: string, message: string) => new IdentityError(400, code, message, field);
const notFound = () => new IdentityError(404, 'not_found', 'no such account');

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** A real calendar date `YYYY-MM-DD` (no 2月30日). */
const isCalendarDate = (v: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === v;
};

/** A Tokyo calendar date's start as an instant (the day after for `to`, exclusive). */
const tokyoStart = (date: string, plusDays = 0): Date =>
  new Date(new Date(`${date}T00:00:00+09:00`).getTime() + plusDays * DAY_MS);

export function staffInvitationMail(
  displayName: string,
  username: string,
  url: string,
  expiresAt: Date,
): { subject: string; text: string } {
  const until = expiresAt.toISOString();
  return {
    subject: 'MAMIS 職員アカウントのご案内 / Your staff account',
    text: `${displayName} 様

MAMIS（医師会会員情報システム）の職員アカウントが作成されました。
ユーザー名: ${username}

次のリンクを開いてパスワードを設定してください（1回のみ有効、期限 ${until}）。
最初のログインで、認証アプリによる2段階認証を設定していただきます。

${url}

----------------------------------------------------------------

A MAMIS staff account was created for you. Username: ${username}
Open the link above to set your password (it works once, until ${until}).
At your first sign-in you set up two-step verification with an authenticator app.
`,
  };
}

/**
 * Office administration (職員管理) by an association's ADMIN (policy operation MANAGE_STAFF):
 * the association's own staff accounts only — any other account is "not found", exactly as one
 * that does not exist. The administrator never receives a password, a TOTP secret or a recovery
 * code: an invited clerk sets their password through a one-time link and enrols their own second
 * factor at the first sign-in (after a reset, again). Every action and read is in the audit chain.
 */
export class StaffService {
  constructor(
    private readonly repos: Repositories,
    private readonly accounts: AccountService,
    private readonly opts: {
      invitationUrl: (token: string) => string;
      mailer: Mailer | null;
      log: Logger;
    },
  ) {}

  /** The acting ADMIN (active, not delegated), or 403 when the policy does not grant MANAGE_STAFF. */
  async administrator(actorId: string): Promise<AccountEntity & { associationId: string }> {
    const active = await this.accounts.activeAccount(actorId);
    const actor = active && !active.assistant ? active.account : null;
    const tier = actor?.associationId
      ? ((await this.repos.membership
          .tierOf(actor.associationId)
          .catch(() => null)) as AssociationTierName | null)
      : null;
    if (
      !actor ||
      actor.kind !== 'STAFF' ||
      !actor.associationId ||
      !mayOperate('MANAGE_STAFF', tier ?? undefined, actor.role ?? undefined)
    )
      throw new IdentityError(403, 'forbidden', 'office administration is for the association ADMIN');
    return actor as AccountEntity & { associationId: string };
  }

  /** A staff account of the administrator's own association; anything else is not found. */
  private async ownStaff(admin: AccountEntity, targetId: string): Promise<AccountEntity> {
    if (!isUuid(targetId)) throw notFound();
    const target = await this.repos.accounts.byId(targetId);
    if (!target || target.kind !== 'STAFF' || target.associationId !== admin.associationId) throw notFound();
    return target;
  }

  /** An administrator cannot lock themselves out (disable their own account, reset their own factor). */
  private notSelf(admin: AccountEntity, target: AccountEntity) {
    if (admin.id === target.id)
      throw new IdentityError(409, 'own_account', 'an administrator cannot do this to their own account');
  }

  private async audit(
    admin: AccountEntity,
    operation: string,
    account: string | null,
    action: 'READ' | 'WRITE' = 'WRITE',
  ) {
    await this.repos.audit.append({
      operation,
      actor: admin.id,
      actorKind: 'STAFF',
      actorAssociation: admin.associationId,
      account,
      personId: null,
      action,
    });
  }

  async list(actorId: string): Promise<StaffListEntry[]> {
    const admin = await this.administrator(actorId);
    const staff = await this.repos.staff.staffOf(admin.associationId);
    const pending = await this.repos.staff.pendingInvitations(
      staff.map((s) => s.id),
      clock.now(),
    );
    await this.audit(admin, 'staff:list', null, 'READ');
    return staff.map((s) => ({
      id: s.id,
      username: s.username,
      displayName: s.displayName,
      email: s.email,
      role: s.role,
      status: s.status,
      secondFactorEnrolled: s.totpSecretSealed !== null,
      lastSignInAt: s.lastSignInAt,
      invitationExpiresAt: s.status === 'INVITED' ? (pending.get(s.id) ?? null) : null,
      self: s.id === admin.id,
    }));
  }

  /**
   * Invite a clerk (or a viewer): the account is made INVITED with no password and no second
   * factor, with a one-time link. The link goes to the clerk's e-mail when one is given (and a
   * mailer exists), and back to the administrator to hand over.
   */
  async invite(actorId: string, input: StaffInvitationInput) {
    const admin = await this.administrator(actorId);
    const username = typeof input.username === 'string' ? normalizeUsername(input.username) : '';
    if (!username) throw bad('username', 'username_required', 'username: required');
    if (!USERNAME.test(username))
      throw bad(
        'username',
        'username_invalid',
        'username: 3–64 of a-z 0-9 . _ - (starting with a letter or digit)',
      );
    const displayName = typeof input.displayName === 'string' ? input.displayName.trim() : '';
    if (!displayName) throw bad('displayName', 'display_name_required', 'displayName: required');
    if (displayName.length > 100) throw bad('displayName', 'display_name_too_long', 'displayName: ≤ 100');
    const email =
      typeof input.email === 'string' && input.email.trim() ? input.email.trim().normalize('NFKC') : null;
    if (email !== null && (email.length > 254 || !EMAIL.test(email)))
      throw bad('email', 'email_invalid', 'email: not an e-mail address');
    const role = input.role ?? 'CLERK';
    if (role !== 'CLERK' && role !== 'VIEWER') throw bad('role', 'role_invalid', 'role: CLERK or VIEWER');
    if (await this.repos.accounts.byUsername(username))
      throw new IdentityError(409, 'username_taken', 'username already taken', 'username');

    const account = await this.repos.accounts.insert({
      username,
      kind: 'STAFF',
      personId: null,
      associationId: admin.associationId,
      role,
      sysadmin: false,
      displayName,
      email,
      passwordHash: null,
      totpSecretSealed: null,
      status: 'INVITED',
    });
    const { url, expiresAt } = await this.newInvitation(admin, account);
    await this.audit(admin, 'staff:invited', account.id);
    return {
      account: account.id,
      invitationUrl: url,
      invitationExpiresAt: expiresAt,
      mailed: await this.mail(account, url, expiresAt),
    };
  }

  /** A new link for an invited account that has not set its password (the older links stop working). */
  async reinvite(actorId: string, targetId: string) {
    const admin = await this.administrator(actorId);
    const target = await this.ownStaff(admin, targetId);
    if (target.status !== 'INVITED')
      throw new IdentityError(409, 'not_invited', 'the account is already set up');
    const { url, expiresAt } = await this.newInvitation(admin, target);
    await this.audit(admin, 'staff:reinvited', target.id);
    return {
      account: target.id,
      invitationUrl: url,
      invitationExpiresAt: expiresAt,
      mailed: await this.mail(target, url, expiresAt),
    };
  }

  private async newInvitation(admin: AccountEntity, account: AccountEntity) {
    const now = clock.now();
    await this.repos.staff.voidInvitations(account.id, now);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + STAFF_INVITATION_DAYS * DAY_MS);
    await this.repos.staff.insertInvitation({
      id: randomUUID(),
      accountId: account.id,
      tokenHash: sha256(token),
      expiresAt,
      createdBy: admin.id,
    });
    return { url: this.opts.invitationUrl(token), expiresAt };
  }

  private async mail(account: AccountEntity, url: string, expiresAt: Date): Promise<boolean> {
    if (!account.email || !this.opts.mailer) return false;
    try {
      await this.opts.mailer.send({
        to: account.email,
        ...staffInvitationMail(account.displayName, account.username, url, expiresAt),
      });
      return true;
    } catch (err) {
      this.opts.log.warn({ err, account: account.id }, 'staff invitation mail failed');
      return false;
    }
  }

  /**
   * The invited clerk sets a password with the link: once, before it expires (platform clock).
   * Null when the token is no staff invitation at all (the assistant invitation is tried then).
   */
  async acceptInvitation(token: string, password: string): Promise<AccountEntity | null> {
    const now = clock.now();
    const invitation = await this.repos.staff.usableInvitation(sha256(token), now);
    if (!invitation) return null;
    const problem = passwordProblem(password);
    if (problem) throw new IdentityError(400, 'weak_password', `password: ${problem}`);
    const hash = await hashPassword(password);
    if (!(await this.repos.staff.useInvitation(invitation.id, now)))
      throw new IdentityError(400, 'invalid_invitation', 'invitation invalid or expired');
    const account = await this.repos.accounts.byId(invitation.accountId);
    if (!account || account.status !== 'INVITED')
      throw new IdentityError(400, 'invalid_invitation', 'invitation invalid or expired');
    await this.repos.accounts.setPassword(account.id, hash);
    await this.repos.accounts.setStatus(account.id, 'ACTIVE', null, null);
    await this.repos.audit.append({
      operation: 'staff:invitation_accepted',
      actor: account.id,
      actorKind: 'STAFF',
      actorAssociation: account.associationId,
      account: account.id,
      personId: null,
    });
    return (await this.repos.accounts.byId(account.id))!;
  }

  /** Is this token a usable staff invitation (the page's wording)? */
  async isStaffInvitation(token: string): Promise<boolean> {
    return (await this.repos.staff.usableInvitation(sha256(token), clock.now())) !== null;
  }

  /**
   * Disable (SUSPENDED) or re-enable (ACTIVE) a staff account. Disabling revokes everything the
   * account holds: its access tokens are refused from the gateway's next request on (revocation
   * feed), its sessions and refresh tokens go, and unused invitations are voided.
   */
  async setEnabled(actorId: string, targetId: string, enabled: boolean, reason?: unknown) {
    const admin = await this.administrator(actorId);
    const target = await this.ownStaff(admin, targetId);
    this.notSelf(admin, target);
    const why =
      typeof reason === 'string' && reason.trim()
        ? reason.trim().slice(0, 500)
        : enabled
          ? '職員管理で再開 / re-enabled by the office administrator'
          : '職員管理で停止 / disabled by the office administrator';
    if (enabled && !target.passwordHash)
      throw new IdentityError(409, 'not_set_up', 'the account never set a password: invite again');
    if (!enabled) await this.repos.staff.voidInvitations(target.id, clock.now());
    return this.accounts.setStatus(admin.id, target.id, enabled ? 'ACTIVE' : 'SUSPENDED', why);
  }

  /**
   * Reset the second factor: the TOTP secret and recovery codes are deleted and everything the
   * account holds is revoked; the clerk enrols a new factor at the next sign-in.
   */
  async resetSecondFactor(actorId: string, targetId: string) {
    const admin = await this.administrator(actorId);
    const target = await this.ownStaff(admin, targetId);
    this.notSelf(admin, target);
    if (!(await this.accounts.maySetStatus(admin, target))) throw notFound();
    await this.repos.accounts.setTotpSecret(target.id, null);
    await this.repos.accounts.replaceRecoveryCodes(target.id, []);
    await this.audit(admin, 'account_second_factor:reset', target.id);
    await this.accounts.revokeEverything(target, 'second factor reset');
    return (await this.repos.accounts.byId(target.id))!;
  }

  /**
   * The office's own audit trail: every audit entry (reads and writes, in every service) whose
   * actor is one of the association's staff accounts — newest first, by cursor, filtered by
   * staff member and by Tokyo dates. A staff id of another association gives an empty page.
   */
  async auditTrail(actorId: string, q: OfficeAuditQuery): Promise<OfficeAuditPage> {
    const admin = await this.administrator(actorId);
    const first = q.first ?? 50;
    if (!Number.isInteger(first) || first < 1 || first > AUDIT_PAGE_MAX)
      throw bad('first', 'first_invalid', `first: 1–${AUDIT_PAGE_MAX}`);
    if (q.after !== undefined && !/^\d{1,18}$/.test(q.after))
      throw bad('after', 'after_invalid', 'after: a cursor');
    for (const [field, v] of [
      ['from', q.from],
      ['to', q.to],
    ] as const)
      if (v !== undefined && !isCalendarDate(v)) throw bad(field, 'date_invalid', `${field}: YYYY-MM-DD`);
    if (q.from && q.to && q.from > q.to) throw bad('to', 'date_range_invalid', 'to: before from');
    const staff = await this.repos.staff.staffOf(admin.associationId);
    const names = new Map(staff.map((s) => [s.id, s.displayName]));
    const actors = q.staffId ? (names.has(q.staffId) ? [q.staffId] : []) : [...names.keys()];
    await this.audit(admin, 'staff:audit_trail_read', null, 'READ');
    const rows = await this.repos.staff.officeAudit({
      actors,
      from: q.from ? tokyoStart(q.from) : undefined,
      before: q.to ? tokyoStart(q.to, 1) : undefined,
      afterSeq: q.after,
      limit: first,
    });
    const page = rows.slice(0, first);
    return {
      entries: page.map(({ actor, ...r }) => ({ ...r, actorId: actor, actorName: names.get(actor) ?? '' })),
      pageInfo: { hasNextPage: rows.length > first, endCursor: page.at(-1)?.seq ?? null },
    };
  }
}
