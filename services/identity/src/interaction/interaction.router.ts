import type http from 'node:http';
import type Provider from 'oidc-provider';
import QRCode from 'qrcode';
import type { Logger } from '@mamis/platform';
import type { AccountService } from '../auth/account.service';
import type { SecretBox } from '../auth/secret-box';
import { generateTotpSecret, otpauthUri } from '../auth/totp';
import { TermsChangedError, type TermsGateway } from '../terms/terms-gateway';
import { clientAddress, readForm, redirect, sendHtml } from './http-util';
import {
  enrollPage,
  errorPage,
  loginPage,
  otpPage,
  recoveryCodesPage,
  termsPage,
  type FormError,
} from './pages';

/** Steps of our login prompt, kept in the interaction (PostgreSQL) between requests. */
type Pending =
  | { step: 'otp'; accountId: string; key: string; at: number }
  | { step: 'enroll'; accountId: string; key: string; at: number; sealedSecret: string }
  | { step: 'codes'; accountId: string; key: string; at: number; amr: string[] };

const PENDING_TTL_MS = 5 * 60 * 1000;

const E = {
  invalid: {
    ja: 'ユーザー名またはパスワードが正しくありません。',
    en: 'The username or password is incorrect.',
  },
  locked: (s: number) => ({
    ja: `ログインの失敗が続いたため、一時的にロックされています。${s}秒後に再度お試しください。`,
    en: `Too many failed attempts. Try again in ${s} seconds.`,
  }),
  inactive: {
    ja: 'このアカウントは利用停止中か、無効です。所属医師会にお問い合わせください。',
    en: 'This account is suspended or no longer active. Contact your medical association.',
  },
  otp: { ja: '確認コードが正しくありません。', en: 'The verification code is incorrect.' },
  expired: {
    ja: '時間切れです。もう一度ログインしてください。',
    en: 'This step timed out. Please sign in again.',
  },
  terms: {
    ja: '利用規約が更新されました。最新の内容をご確認ください。',
    en: 'The terms have changed. Please review the current version.',
  },
} satisfies Record<string, FormError | ((s: number) => FormError)>;

interface InteractionLike {
  uid: string;
  prompt: { name: string; details: Record<string, unknown> };
  params: Record<string, unknown>;
  session?: { accountId?: string };
  grantId?: string;
  result?: Record<string, unknown>;
  persist(): Promise<unknown>;
}

export interface InteractionDeps {
  provider: Provider;
  accounts: AccountService;
  terms: TermsGateway;
  box: SecretBox;
  log: Logger;
  noticeUrl: string;
  issuerName: string;
  /** The "forgot password" link on the login page (absent: password reset switched off). */
  forgotUrl?: string;
  /** Behind a trusted proxy: the client address is the last X-Forwarded-For entry. */
  trustProxy?: boolean;
}

/**
 * /interaction/:uid[/login|/otp|/enroll|/continue|/terms|/abort] — the login, two-step, terms and
 * (automatic, first-party) consent steps of oidc-provider's interactions.
 */
export function createInteractionRouter(deps: InteractionDeps) {
  const { provider, accounts, terms, box, log } = deps;
  const trustProxy = deps.trustProxy ?? false;

  const details = async (req: http.IncomingMessage, res: http.ServerResponse) =>
    (await provider.interactionDetails(req, res)) as unknown as InteractionLike;

  const pendingOf = (i: InteractionLike): Pending | null => {
    const p = i.result?.mamisPending as Pending | undefined;
    if (!p) return null;
    return Date.now() - p.at > PENDING_TTL_MS ? null : p;
  };

  const setPending = async (i: InteractionLike, p: Pending | null) => {
    i.result = p ? { mamisPending: p } : {};
    await i.persist();
  };

  const clientName = async (i: InteractionLike) => {
    const client = await provider.Client.find(String(i.params.client_id ?? ''));
    return (client?.clientName as string | undefined) ?? undefined;
  };

  const finishLogin = async (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    accountId: string,
    amr: string[],
  ) => {
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId, amr, remember: false } },
      { mergeWithLastSubmission: false },
    );
  };

  async function renderStep(
    i: InteractionLike,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    status = 200,
    error?: FormError,
    extraHeaders: Record<string, string> = {},
    username?: string,
  ) {
    const base = `/interaction/${i.uid}`;
    switch (i.prompt.name) {
      case 'login': {
        const p = pendingOf(i);
        if (p?.step === 'otp')
          return sendHtml(res, status, otpPage({ action: `${base}/otp`, error }), extraHeaders);
        if (p?.step === 'enroll') {
          const secret = box.open(p.sealedSecret);
          const account = await accounts.byId(p.accountId);
          const uri = otpauthUri(deps.issuerName, account?.username ?? '', secret);
          return sendHtml(
            res,
            status,
            enrollPage({
              action: `${base}/enroll`,
              secret,
              uri,
              // rendered here (no script, no third-party service): the page's CSP allows no script
              qrSvg: await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
              error,
            }),
            extraHeaders,
          );
        }
        return sendHtml(
          res,
          status,
          loginPage({
            action: `${base}/login`,
            clientName: await clientName(i),
            username,
            error,
            forgotUrl: deps.forgotUrl,
          }),
          extraHeaders,
        );
      }
      case 'terms': {
        const current = await terms.current();
        if (!current)
          return provider.interactionFinished(
            req,
            res,
            { terms: { accepted: null } },
            { mergeWithLastSubmission: true },
          );
        return sendHtml(
          res,
          status,
          termsPage({ action: `${base}/terms`, noticeUrl: deps.noticeUrl, error, ...current }),
          extraHeaders,
        );
      }
      case 'consent':
        return autoConsent(i, req, res);
      default:
        return sendHtml(res, 400, errorPage('unsupported_prompt', i.prompt.name));
    }
  }

  /** All clients are first-party (registered by JMA administrators): consent is implied, limited to the account's rights. */
  async function autoConsent(i: InteractionLike, req: http.IncomingMessage, res: http.ServerResponse) {
    const accountId = i.session?.accountId;
    if (!accountId) return sendHtml(res, 400, errorPage('login_required'));
    const claims = await accounts.subjectClaims(accountId);
    if (!claims)
      return provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'account inactive' },
        { mergeWithLastSubmission: false },
      );
    const grant = i.grantId
      ? await provider.Grant.find(i.grantId)
      : new provider.Grant({ accountId, clientId: String(i.params.client_id) });
    if (!grant) return sendHtml(res, 400, errorPage('invalid_grant'));
    const d = i.prompt.details as {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    if (d.missingOIDCScope) grant.addOIDCScope(d.missingOIDCScope.join(' '));
    if (d.missingOIDCClaims) grant.addOIDCClaims(d.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(d.missingResourceScopes ?? {})) {
      const allowed = scopes.filter((s) => claims.rights.includes(s));
      const refused = scopes.filter((s) => !claims.rights.includes(s));
      if (allowed.length) grant.addResourceScope(indicator, allowed.join(' '));
      if (refused.length) grant.rejectResourceScope(indicator, refused.join(' '));
    }
    const grantId = await grant.save();
    return provider.interactionFinished(
      req,
      res,
      { consent: i.grantId ? {} : { grantId } },
      { mergeWithLastSubmission: true },
    );
  }

  async function postLogin(i: InteractionLike, req: http.IncomingMessage, res: http.ServerResponse) {
    if (i.prompt.name !== 'login') return redirect(res, `/interaction/${i.uid}`);
    const form = await readForm(req);
    const username = (form.get('username') ?? '').slice(0, 256);
    const password = form.get('password') ?? '';
    const outcome = await accounts.checkPassword(username, password, clientAddress(req, trustProxy));
    switch (outcome.kind) {
      case 'locked':
        return renderStep(
          i,
          req,
          res,
          429,
          E.locked(outcome.retryAfterSeconds),
          { 'retry-after': String(outcome.retryAfterSeconds) },
          username,
        );
      case 'invalid':
        return renderStep(i, req, res, 401, E.invalid, {}, username);
      case 'inactive':
        return renderStep(i, req, res, 403, E.inactive, {}, username);
      case 'ok': {
        const { account, throttleKey } = outcome;
        if (outcome.secondFactor === 'none') {
          await accounts.loginSucceeded(throttleKey, account.id);
          log.info({ account: account.id, amr: ['pwd'] }, 'signed in');
          return finishLogin(req, res, account.id, ['pwd']);
        }
        if (outcome.secondFactor === 'verify') {
          await setPending(i, { step: 'otp', accountId: account.id, key: throttleKey, at: Date.now() });
        } else {
          await setPending(i, {
            step: 'enroll',
            accountId: account.id,
            key: throttleKey,
            at: Date.now(),
            sealedSecret: box.seal(generateTotpSecret()),
          });
        }
        return redirect(res, `/interaction/${i.uid}`);
      }
    }
  }

  async function postOtp(i: InteractionLike, req: http.IncomingMessage, res: http.ServerResponse) {
    const p = pendingOf(i);
    const form = await readForm(req);
    if (i.prompt.name !== 'login' || p?.step !== 'otp') {
      await setPending(i, null);
      return renderStep(i, req, res, 400, E.expired);
    }
    const outcome = await accounts.checkSecondFactor(p.accountId, p.key, form.get('otp') ?? '');
    if (outcome.kind === 'locked') {
      await setPending(i, null);
      return renderStep(i, req, res, 429, E.locked(outcome.retryAfterSeconds), {
        'retry-after': String(outcome.retryAfterSeconds),
      });
    }
    if (outcome.kind === 'invalid') return renderStep(i, req, res, 401, E.otp);
    if (!(await accounts.activeAccount(p.accountId))) {
      await setPending(i, null);
      return renderStep(i, req, res, 403, E.inactive);
    }
    await accounts.loginSucceeded(p.key, p.accountId);
    const amr = ['pwd', outcome.via === 'otp' ? 'otp' : 'kba', 'mfa'];
    log.info({ account: p.accountId, amr }, 'signed in');
    return finishLogin(req, res, p.accountId, amr);
  }

  async function postEnroll(i: InteractionLike, req: http.IncomingMessage, res: http.ServerResponse) {
    const p = pendingOf(i);
    const form = await readForm(req);
    if (i.prompt.name !== 'login' || p?.step !== 'enroll') {
      await setPending(i, null);
      return renderStep(i, req, res, 400, E.expired);
    }
    const codes = await accounts.enrollTotp(p.accountId, box.open(p.sealedSecret), form.get('otp') ?? '');
    if (!codes) return renderStep(i, req, res, 401, E.otp);
    await setPending(i, {
      step: 'codes',
      accountId: p.accountId,
      key: p.key,
      at: Date.now(),
      amr: ['pwd', 'otp', 'mfa'],
    });
    return sendHtml(res, 200, recoveryCodesPage({ action: `/interaction/${i.uid}/continue`, codes }));
  }

  async function postContinue(i: InteractionLike, req: http.IncomingMessage, res: http.ServerResponse) {
    const p = pendingOf(i);
    await readForm(req);
    if (i.prompt.name !== 'login' || p?.step !== 'codes') return renderStep(i, req, res, 400, E.expired);
    await accounts.loginSucceeded(p.key, p.accountId);
    return finishLogin(req, res, p.accountId, p.amr);
  }

  async function postTerms(i: InteractionLike, req: http.IncomingMessage, res: http.ServerResponse) {
    const form = await readForm(req);
    if (i.prompt.name !== 'terms' || !i.session?.accountId) return redirect(res, `/interaction/${i.uid}`);
    if (form.has('decline') && !form.has('accept')) {
      return provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'terms of use not accepted' },
        { mergeWithLastSubmission: false },
      );
    }
    const current = await terms.current();
    if (!form.has('accept') || !current || form.get('version') !== current.version)
      return renderStep(i, req, res, 409, E.terms);
    try {
      await terms.accept(i.session.accountId, current.version, {
        clientId: typeof i.params.client_id === 'string' ? i.params.client_id : undefined,
      });
    } catch (err) {
      if (err instanceof TermsChangedError) return renderStep(i, req, res, 409, E.terms);
      log.error(
        { account: i.session.accountId, err: (err as Error).message },
        'terms acceptance not recorded',
      );
      return sendHtml(res, 503, errorPage('temporarily_unavailable'));
    }
    log.info({ account: i.session.accountId, version: current.version }, 'terms accepted');
    return provider.interactionFinished(
      req,
      res,
      { terms: { accepted: current.version } },
      { mergeWithLastSubmission: true },
    );
  }

  async function postAbort(req: http.IncomingMessage, res: http.ServerResponse) {
    await readForm(req);
    return provider.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: 'sign-in cancelled' },
      { mergeWithLastSubmission: false },
    );
  }

  /** Returns false when the path is not ours. */
  return async function handle(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    pathname: string,
  ): Promise<boolean> {
    const m = /^\/interaction\/([A-Za-z0-9_-]{1,64})(?:\/(login|otp|enroll|continue|terms|abort))?$/.exec(
      pathname,
    );
    if (!m) return false;
    const action = m[2];
    let i: InteractionLike;
    try {
      i = await details(req, res);
      if (i.uid !== m[1]) throw new Error('interaction mismatch');
    } catch {
      sendHtml(
        res,
        400,
        errorPage(
          'invalid_request',
          'このログイン手続きは無効か期限切れです / This sign-in has expired or is not valid. Start again from the application.',
        ),
      );
      return true;
    }
    if (!action) {
      if (req.method !== 'GET')
        return (sendHtml(res, 405, errorPage('method_not_allowed'), { allow: 'GET' }), true);
      await renderStep(i, req, res);
      return true;
    }
    if (req.method !== 'POST')
      return (sendHtml(res, 405, errorPage('method_not_allowed'), { allow: 'POST' }), true);
    switch (action) {
      case 'login':
        await postLogin(i, req, res);
        break;
      case 'otp':
        await postOtp(i, req, res);
        break;
      case 'enroll':
        await postEnroll(i, req, res);
        break;
      case 'continue':
        await postContinue(i, req, res);
        break;
      case 'terms':
        await postTerms(i, req, res);
        break;
      case 'abort':
        await postAbort(req, res);
        break;
    }
    return true;
  };
}
