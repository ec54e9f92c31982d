import { randomBytes } from 'node:crypto';
import type { Logger } from '@mamis/platform';
import type { AccountEntity } from '../entities';
import type { Mailer } from '../mail/mailer';
import { type BackoffPolicy, normalizeUsername, type Repositories } from '../repositories';
import type { AccountService } from './account.service';
import { hashPassword, passwordProblem } from './password';
import { type SecretBox, sha256 } from './secret-box';

/** A reset link works for 30 minutes, once. */
export const RESET_TOKEN_TTL_SECONDS = 30 * 60;

/**
 * Reset requests per login name, counted like sign-in failures (same limiter, own key): from the
 * 5th request in a row the name is locked for a minute, doubling up to an hour. Counted for
 * unknown names too, so the limit tells nothing about existence.
 */
export const RESET_REQUEST_LIMIT: BackoffPolicy = { threshold: 5, baseSeconds: 60, maxSeconds: 3600 };

export type ResetRequestOutcome = { kind: 'accepted' } | { kind: 'locked'; retryAfterSeconds: number };

export type ResetOutcome =
  | { kind: 'ok'; account: AccountEntity }
  | { kind: 'invalid_token' }
  | { kind: 'mismatch' }
  | { kind: 'weak'; problem: string };

export interface PasswordResetOptions {
  /** The absolute reset link for a token. */
  resetUrl(token: string): string;
  log: Logger;
}

export function resetMail(username: string, url: string): { subject: string; text: string } {
  return {
    subject: 'MAMIS パスワード再設定のご案内 / Password reset',
    text: `MAMIS（医師会会員情報システム）のパスワード再設定の依頼を受け付けました。
ユーザー名: ${username}

次のリンクを開き、30分以内に新しいパスワードを設定してください（1回のみ有効です）。

${url}

心当たりがない場合は、このメールを破棄してください。パスワードは変更されません。

----------------------------------------------------------------

We received a request to reset your MAMIS (Medical Association Member Information System) password.
Username: ${username}

Open the link below and set a new password within 30 minutes (it works once).

${url}

If you did not ask for this, ignore this e-mail; your password stays unchanged.
`,
  };
}

/**
 * Password reset by e-mail. A request always gets the same answer after the same synchronous work
 * (limiter, one account lookup); token creation and mail happen afterwards, in the background, and
 * only for an active account with a password and an e-mail address.
 */
export class PasswordResetService {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly repos: Repositories,
    private readonly box: SecretBox,
    private readonly accounts: AccountService,
    private readonly mailer: Mailer,
    private readonly opts: PasswordResetOptions,
  ) {}

  private retryAfter(lockedUntil: Date | null): number | null {
    if (!lockedUntil) return null;
    const ms = lockedUntil.getTime() - Date.now();
    return ms > 0 ? Math.ceil(ms / 1000) : null;
  }

  async request(username: string): Promise<ResetRequestOutcome> {
    const name = normalizeUsername(username.slice(0, 256));
    const key = this.box.mac(`reset:${name}`);
    const state = await this.repos.throttle.get(key);
    const locked = this.retryAfter(state.lockedUntil);
    if (locked) return { kind: 'locked', retryAfterSeconds: locked };
    await this.repos.throttle.recordFailure(key, RESET_REQUEST_LIMIT);
    const account = await this.repos.accounts.byUsername(name);
    if (account) {
      const job = this.deliver(account)
        .catch((err: unknown) =>
          this.opts.log.error(
            { err: err instanceof Error ? err.message : err, account: account.id },
            'password reset mail failed',
          ),
        )
        .finally(() => this.pending.delete(job));
      this.pending.add(job);
    }
    return { kind: 'accepted' };
  }

  private async deliver(account: AccountEntity): Promise<void> {
    const active = await this.accounts.activeAccount(account.id);
    if (!active || !account.email || !account.passwordHash) {
      this.opts.log.info(
        { audit: 'password_reset_requested', account: account.id, sent: false },
        'password reset requested (not eligible: inactive, no password or no e-mail)',
      );
      return;
    }
    const token = randomBytes(32).toString('base64url');
    await this.repos.passwordResets.issue(account.id, sha256(token), RESET_TOKEN_TTL_SECONDS);
    await this.mailer.send({ to: account.email, ...resetMail(account.username, this.opts.resetUrl(token)) });
    this.opts.log.info(
      { audit: 'password_reset_requested', account: account.id, sent: true },
      'password reset mail sent',
    );
  }

  /** Wait for mail still being sent (shutdown). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }

  /** Is this token usable now (unknown, used, expired, or an account that may not act → false)? */
  async check(token: string): Promise<boolean> {
    const accountId = await this.repos.passwordResets.peek(sha256(token));
    return accountId !== null && (await this.accounts.activeAccount(accountId)) !== null;
  }

  /**
   * Set a new password with a token: same policy and argon2id hash as account creation; the token
   * is used once; lockout counters cleared; every session, grant and refresh token of the account
   * revoked; other reset tokens invalidated.
   */
  async complete(token: string, password: string, confirm: string): Promise<ResetOutcome> {
    const tokenHash = sha256(token);
    if (!(await this.check(token))) return { kind: 'invalid_token' };
    if (password.normalize('NFKC') !== confirm.normalize('NFKC')) return { kind: 'mismatch' };
    const problem = passwordProblem(password);
    if (problem) return { kind: 'weak', problem };
    const hash = await hashPassword(password);
    const accountId = await this.repos.passwordResets.consume(tokenHash);
    const active = accountId ? await this.accounts.activeAccount(accountId) : null;
    if (!active) return { kind: 'invalid_token' };
    const { account } = active;
    await this.repos.accounts.setPassword(account.id, hash);
    await this.repos.passwordResets.invalidateAll(account.id);
    await this.repos.throttle.reset(this.accounts.throttleKey(account.username));
    const revoked = await this.repos.oidc.revokeAccount(account.id);
    this.opts.log.info(
      { audit: 'password_reset', account: account.id, revoked },
      'password reset completed; sessions and refresh tokens revoked',
    );
    return { kind: 'ok', account };
  }
}
