import { randomBytes } from 'node:crypto';
import { formatMessage, isMessageText, Messages, type MessageText } from '@mamis/platform';
import type { AccountEntity, AccountKind, AccountStatus, AssistantGrantEntity, StaffRole } from '../entities';
import { normalizeUsername, revocationKey, type Repositories } from '../repositories';
import type { TermsGateway } from '../terms/terms-gateway';
import { dummyHash, hashPassword, passwordProblem, verifyPassword } from './password';
import { ALL_RIGHTS, rightsOf } from './rights';
import { type SecretBox, sha256 } from './secret-box';
import { generateTotpSecret, verifyTotp } from './totp';

export interface LockoutPolicy {
  /** Per login name. */
  threshold: number;
  baseSeconds: number;
  maxSeconds: number;
  /** Per client address (password spraying: one password over many names from one address). */
  address?: { threshold: number; baseSeconds: number; maxSeconds: number };
  /**
   * All failed sign-ins together, per fixed window: above `maxFailures` every password attempt is
   * refused until the window ends (a circuit breaker against spraying from many addresses).
   */
  global?: { maxFailures: number; windowSeconds: number };
}

/** The counter of all failed sign-ins (windowed, see ThrottleRepository.windowCount). */
const GLOBAL_KEY = 'login-global';

/**
 * An error of the account API: an OAuth-style `error` code, and a description from the message
 * catalogue (Japanese first, the English alongside; `text.reason` is its stable reason code).
 */
export class IdentityError extends Error {
  readonly text: MessageText | undefined;
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: MessageText | string,
    /** The input field the problem is about (JSON API answers name it as `field`). */
    public readonly field?: string,
  ) {
    super(isMessageText(message) ? formatMessage(message) : message);
    this.text = isMessageText(message) ? message : undefined;
  }
}

export type PasswordOutcome =
  | { kind: 'ok'; account: AccountEntity; throttleKey: string; secondFactor: 'verify' | 'enroll' | 'none' }
  | { kind: 'invalid' }
  | { kind: 'inactive' }
  | { kind: 'locked'; retryAfterSeconds: number };

export type SecondFactorOutcome =
  | { kind: 'ok'; via: 'otp' | 'recovery' }
  | { kind: 'invalid' }
  | { kind: 'locked'; retryAfterSeconds: number };

/** An account that may act now, with what it acts for. */
export interface ActiveAccount {
  account: AccountEntity;
  /** ASSISTANT: the grant and the grantor. */
  assistant?: { grant: AssistantGrantEntity; grantor: AccountEntity };
}

export interface NewAccountInput {
  username: string;
  password: string;
  kind: Exclude<AccountKind, 'ASSISTANT'>;
  displayName: string;
  email?: string | null;
  personId?: string | null;
  associationId?: string | null;
  role?: StaffRole | null;
  sysadmin?: boolean;
  /**
   * Enrol TOTP now (always for staff and administrators), returning the secret and recovery codes
   * to the caller — for accounts the system itself creates (demo, tests). `'at-first-sign-in'`:
   * no secret now; the account holder enrols their own at the first sign-in (staff and
   * administrators must), so whoever created the account never holds it.
   */
  totp?: boolean | 'at-first-sign-in';
  demo?: boolean;
  id?: string;
}

/** Claims an access token carries about its subject (see README "Token claims"). */
export interface SubjectClaims {
  /** Token `sub` (the grantor for an assistant). */
  sub: string;
  kind: 'PHYSICIAN' | 'STAFF' | 'ASSISTANT';
  person_id?: string;
  association_id?: string;
  association_tier?: string;
  role?: StaffRole;
  sysadmin?: true;
  terms_version?: string;
  act?: { sub: string; kind: string; association_id?: string; role?: string; reason?: string };
  /** Rights held (scopes are intersected with these). */
  rights: string[];
}

const RECOVERY_CODES = 10;

const recoveryCode = () => {
  const s = randomBytes(9).toString('base64url').replace(/[-_]/g, 'x').slice(0, 12).toLowerCase();
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 12)}`;
};
const normalizeRecovery = (code: string) => code.trim().toLowerCase().replace(/\s/g, '');

export class AccountService {
  constructor(
    private readonly repos: Repositories,
    private readonly box: SecretBox,
    private readonly terms: TermsGateway,
    private readonly lockout: LockoutPolicy,
  ) {}

  private catchUp: (() => Promise<void>) | undefined;

  /** The lifecycle rule's catch-up (LifecycleService.catchUp; bound after it is built). */
  bindLifecycle(catchUp: () => Promise<void>): void {
    this.catchUp = catchUp;
  }

  throttleKey(username: string): string {
    return this.box.mac(`login:${normalizeUsername(username)}`);
  }

  /** The failure counter of a client address (hashed like names: no clear-text addresses kept). */
  addressKey(address: string): string {
    return this.box.mac(`login-address:${address}`);
  }

  /** TOTP is mandatory for staff, administrators and assistants of staff. */
  requiresTotp(account: AccountEntity, grantor?: AccountEntity | null): boolean {
    return (
      account.kind === 'STAFF' ||
      account.sysadmin ||
      (account.kind === 'ASSISTANT' && grantor?.kind === 'STAFF')
    );
  }

  // Creation ------------------------------------------------------------------------------------

  async createAccount(
    input: NewAccountInput,
  ): Promise<{ account: AccountEntity; totpSecret: string | null; recoveryCodes: string[] }> {
    const problem = passwordProblem(input.password);
    if (problem) throw new IdentityError(400, 'weak_password', Messages.WEAK_PASSWORD({ problem }));
    if (input.kind === 'PHYSICIAN' && !input.personId)
      throw new IdentityError(400, 'invalid_account', Messages.PHYSICIAN_ACCOUNT_PERSON);
    if (input.kind === 'STAFF' && (!input.associationId || !input.role)) {
      throw new IdentityError(400, 'invalid_account', Messages.STAFF_ACCOUNT_ASSOCIATION_ROLE);
    }
    const wantsTotp =
      input.totp !== 'at-first-sign-in' &&
      (input.totp === true || input.kind === 'STAFF' || input.sysadmin === true);
    const totpSecret = wantsTotp ? generateTotpSecret() : null;
    const account = await this.repos.accounts.insert({
      id: input.id,
      username: input.username,
      kind: input.kind,
      personId: input.kind === 'PHYSICIAN' ? input.personId! : null,
      associationId: input.kind === 'STAFF' ? input.associationId! : null,
      role: input.kind === 'STAFF' ? input.role! : null,
      sysadmin: input.sysadmin ?? false,
      displayName: input.displayName,
      email: input.email ?? null,
      passwordHash: await hashPassword(input.password),
      totpSecretSealed: totpSecret ? this.box.seal(totpSecret) : null,
      demo: input.demo ?? false,
    });
    const recoveryCodes = totpSecret ? await this.newRecoveryCodes(account.id) : [];
    return { account, totpSecret, recoveryCodes };
  }

  async newRecoveryCodes(accountId: string): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODES }, recoveryCode);
    await this.repos.accounts.replaceRecoveryCodes(
      accountId,
      codes.map((c) => sha256(normalizeRecovery(c))),
    );
    return codes;
  }

  // Sign-in -------------------------------------------------------------------------------------

  private retryAfter(lockedUntil: Date | null): number | null {
    if (!lockedUntil) return null;
    const ms = lockedUntil.getTime() - Date.now();
    return ms > 0 ? Math.ceil(ms / 1000) : null;
  }

  /** Seconds until the last of these locks ends (null: none holds now). */
  private longestLock(locks: (Date | null)[]): number | null {
    const seconds = locks.map((l) => this.retryAfter(l)).filter((s): s is number => s !== null);
    return seconds.length ? Math.max(...seconds) : null;
  }

  /**
   * Check a login name and password. Unknown names and wrong passwords take the same path: one
   * account lookup, one argon2id verification (against a dummy hash for unknown names), one
   * failure count — and get the same answer. Failures count per login name, per client address
   * (`address`, when known) and for the whole service (see LockoutPolicy): a lock on any of them
   * refuses the attempt before the password is looked at, whatever the name.
   */
  async checkPassword(username: string, password: string, address?: string): Promise<PasswordOutcome> {
    const key = this.throttleKey(username);
    const addressKey = address && this.lockout.address ? this.addressKey(address) : null;
    const global = this.lockout.global;
    const [state, addressState, globalState] = await Promise.all([
      this.repos.throttle.get(key),
      addressKey ? this.repos.throttle.get(addressKey) : null,
      global ? this.repos.throttle.windowCount(GLOBAL_KEY, global.windowSeconds, false) : null,
    ]);
    const globalLock =
      global && globalState && globalState.failures >= global.maxFailures ? globalState.windowEndsAt : null;
    const locked = this.longestLock([state.lockedUntil, addressState?.lockedUntil ?? null, globalLock]);
    if (locked) return { kind: 'locked', retryAfterSeconds: locked };

    const account = await this.repos.accounts.byUsername(username);
    const hash = account?.passwordHash ?? (await dummyHash());
    const matches = await verifyPassword(hash, password.slice(0, 1024));
    if (!account || !account.passwordHash || !matches) {
      const [after, addressAfter] = await Promise.all([
        this.repos.throttle.recordFailure(key, this.lockout),
        addressKey ? this.repos.throttle.recordFailure(addressKey, this.lockout.address!) : null,
        global ? this.repos.throttle.windowCount(GLOBAL_KEY, global.windowSeconds, true) : null,
      ]);
      const lockedNow = this.longestLock([after.lockedUntil, addressAfter?.lockedUntil ?? null]);
      return lockedNow ? { kind: 'locked', retryAfterSeconds: lockedNow } : { kind: 'invalid' };
    }
    const active = await this.activeAccount(account.id);
    if (!active) return { kind: 'inactive' };
    const grantor = active.assistant?.grantor;
    const secondFactor = account.totpSecretSealed
      ? 'verify'
      : this.requiresTotp(account, grantor)
        ? 'enroll'
        : 'none';
    return { kind: 'ok', account, throttleKey: key, secondFactor };
  }

  /** A TOTP code (once per time step) or an unused recovery code. Failures count toward the lockout. */
  async checkSecondFactor(
    accountId: string,
    throttleKey: string,
    code: string,
  ): Promise<SecondFactorOutcome> {
    const state = await this.repos.throttle.get(throttleKey);
    const locked = this.retryAfter(state.lockedUntil);
    if (locked) return { kind: 'locked', retryAfterSeconds: locked };
    const account = await this.repos.accounts.byId(accountId);
    let via: 'otp' | 'recovery' | null = null;
    if (account?.totpSecretSealed) {
      const step = verifyTotp(this.box.open(account.totpSecretSealed), code, {
        lastStep: account.totpLastStep === null ? null : BigInt(account.totpLastStep),
      });
      if (step !== null && (await this.repos.accounts.useTotpStep(account.id, step))) via = 'otp';
      else if (/^[a-z0-9]{4}-?[a-z0-9]{4}-?[a-z0-9]{4}$/i.test(code.trim())) {
        const canonical = normalizeRecovery(code).replace(/^(.{4})-?(.{4})-?(.{4})$/, '$1-$2-$3');
        if (await this.repos.accounts.useRecoveryCode(account.id, sha256(canonical))) via = 'recovery';
      }
    }
    if (via) return { kind: 'ok', via };
    const after = await this.repos.throttle.recordFailure(throttleKey, this.lockout);
    const lockedNow = this.retryAfter(after.lockedUntil);
    return lockedNow ? { kind: 'locked', retryAfterSeconds: lockedNow } : { kind: 'invalid' };
  }

  /** Complete TOTP enrolment: the code must match the pending secret. Returns recovery codes. */
  async enrollTotp(accountId: string, secret: string, code: string): Promise<string[] | null> {
    const step = verifyTotp(secret, code);
    if (step === null) return null;
    await this.repos.accounts.setTotpSecret(accountId, this.box.seal(secret));
    await this.repos.accounts.useTotpStep(accountId, step);
    return this.newRecoveryCodes(accountId);
  }

  /** A completed sign-in: the name's failure count is cleared and the time kept (staff list). */
  async loginSucceeded(throttleKey: string, accountId: string): Promise<void> {
    await this.repos.throttle.reset(throttleKey);
    await this.repos.accounts.recordSignIn(accountId, new Date());
  }

  isActiveMember(personId: string, associationId: string): Promise<boolean> {
    return this.repos.membership.isActiveMember(personId, associationId);
  }

  byId(id: string): Promise<AccountEntity | null> {
    return this.repos.accounts.byId(id);
  }

  // State ---------------------------------------------------------------------------------------

  /**
   * The account if it may act now: ACTIVE; for an assistant also an unrevoked, unexpired grant
   * from an ACTIVE grantor. Everything else (suspended, ended, revoked, expired) → null, which
   * makes oidc-provider refuse refresh tokens and sessions at once.
   */
  async activeAccount(accountId: string): Promise<ActiveAccount | null> {
    // membership events (a death, leaving every association) committed before now are applied first
    await this.catchUp?.();
    const account = await this.repos.accounts.byId(accountId);
    if (!account || account.status !== 'ACTIVE') return null;
    if (account.kind !== 'ASSISTANT') return { account };
    const grant = await this.repos.accounts.assistantGrantOf(account.id);
    if (!grant || grant.revokedAt || (grant.expiresAt && grant.expiresAt.getTime() <= Date.now()))
      return null;
    const grantor = await this.repos.accounts.byId(grant.grantorAccountId);
    if (!grantor || grantor.status !== 'ACTIVE' || grantor.kind === 'ASSISTANT') return null;
    return { account, assistant: { grant, grantor } };
  }

  /** Token claims for an account (null when it may not act). */
  async subjectClaims(accountId: string): Promise<SubjectClaims | null> {
    const active = await this.activeAccount(accountId);
    if (!active) return null;
    const { account, assistant } = active;
    const principal = assistant?.grantor ?? account;
    const claims: SubjectClaims = {
      sub: principal.id,
      kind: account.kind,
      rights: assistant
        ? rightsOf(principal).filter((r) => assistant.grant.scopes.includes(r))
        : rightsOf(account),
    };
    if (principal.personId) claims.person_id = principal.personId;
    if (principal.associationId) {
      claims.association_id = principal.associationId;
      const tier = await this.repos.membership.tierOf(principal.associationId).catch(() => null);
      if (tier) claims.association_tier = tier;
    }
    if (principal.role) claims.role = principal.role;
    if (principal.sysadmin && !assistant) claims.sysadmin = true;
    const accepted = await this.terms.accepted(account.id);
    if (accepted) claims.terms_version = accepted;
    if (assistant) claims.act = { sub: account.id, kind: 'ASSISTANT' };
    return claims;
  }

  // Suspension (terms art. 8) ---------------------------------------------------------------------

  /**
   * May `actor` change the status of `target`? JMA system administrators: anyone. An association's
   * ADMIN: its own staff, and physicians who are current members of that association (and their
   * assistants).
   */
  async maySetStatus(actor: AccountEntity, target: AccountEntity): Promise<boolean> {
    if (actor.id === target.id) return false;
    if (actor.sysadmin) return true;
    if (actor.kind !== 'STAFF' || actor.role !== 'ADMIN' || !actor.associationId) return false;
    let subject = target;
    if (target.kind === 'ASSISTANT') {
      const grant = await this.repos.accounts.assistantGrantOf(target.id);
      const grantor = grant ? await this.repos.accounts.byId(grant.grantorAccountId) : null;
      if (!grantor) return false;
      subject = grantor;
    }
    if (subject.kind === 'STAFF') return subject.associationId === actor.associationId && !subject.sysadmin;
    if (subject.kind === 'PHYSICIAN' && subject.personId)
      return this.repos.membership.isActiveMember(subject.personId, actor.associationId);
    return false;
  }

  async setStatus(
    actorId: string,
    targetId: string,
    status: Exclude<AccountStatus, 'INVITED'>,
    reason: string,
    opts: {
      breach?: boolean;
      standing?: (personId: string) => Promise<{ deceased: boolean; eligible: boolean }>;
    } = {},
  ): Promise<AccountEntity> {
    const actorActive = await this.activeAccount(actorId);
    const target = await this.repos.accounts.byId(targetId);
    if (
      !actorActive ||
      actorActive.assistant ||
      !target ||
      !(await this.maySetStatus(actorActive.account, target))
    ) {
      throw new IdentityError(404, 'not_found', Messages.NO_SUCH_ACCOUNT);
    }
    const actor = actorActive.account;
    // terms art. 8.1: a suspension for a breach is the JMA's, with a reason; so is lifting it
    if (opts.breach && (status !== 'SUSPENDED' || !actor.sysadmin))
      throw new IdentityError(403, 'forbidden', Messages.BREACH_SUSPENSION_BY_JMA);
    if (status === 'ACTIVE' && target.statusCause === 'BREACH' && !actor.sysadmin)
      throw new IdentityError(403, 'forbidden', Messages.BREACH_LIFTED_BY_JMA);
    if (status === 'ACTIVE' && target.kind === 'PHYSICIAN' && target.personId && opts.standing) {
      const standing = await opts.standing(target.personId);
      if (standing.deceased) throw new IdentityError(409, 'deceased', Messages.ACCOUNT_HOLDER_DECEASED);
      if (target.statusCause === 'LEFT' && !standing.eligible)
        throw new IdentityError(409, 'not_eligible', Messages.ACCOUNT_HOLDER_NOT_ELIGIBLE);
    }
    await this.repos.accounts.setStatus(target.id, status, reason, actorId, opts.breach ? 'BREACH' : null);
    await this.repos.audit.append({
      operation: `account_status:${status}${opts.breach ? ':BREACH' : ''}`,
      actor: actor.id,
      actorKind: 'STAFF',
      actorAssociation: actor.associationId,
      account: target.id,
      personId: target.kind === 'PHYSICIAN' ? target.personId : null,
    });
    if (status !== 'ACTIVE') await this.revokeEverything(target, `account ${status.toLowerCase()}`);
    return (await this.repos.accounts.byId(target.id))!;
  }

  /**
   * Everything an account (and its assistants) holds stops now: its access tokens are refused from
   * the gateway's next request on (and with them its assistants' and delegated tokens, which carry
   * the account or the physician's person), and its sessions, grants and refresh tokens go.
   */
  async revokeEverything(target: AccountEntity, reason: string): Promise<void> {
    const assistants = await this.repos.accounts.assistantsOf(target.id);
    await this.repos.revocations.revoke(
      [
        revocationKey.account(target.id),
        ...(target.kind === 'PHYSICIAN' && target.personId ? [revocationKey.person(target.personId)] : []),
        ...assistants.map((g) => revocationKey.account(g.assistantAccountId)),
      ],
      reason,
    );
    await this.repos.oidc.revokeAccount(target.id);
    for (const g of assistants) await this.repos.oidc.revokeAccount(g.assistantAccountId);
  }

  /** All rights an account kind may ever hold (for validation of client requests). */
  static readonly ALL_RIGHTS = ALL_RIGHTS;
}
