import type http from 'node:http';
import type { PasswordResetService } from '../auth/password-reset.service';
import { BodyTooLarge, readForm, sendHtml } from './http-util';
import {
  errorPage,
  forgotPasswordPage,
  forgotPasswordSentPage,
  resetDonePage,
  resetInvalidPage,
  resetPasswordPage,
  type FormError,
} from './pages';

export const FORGOT_PATH = '/password/forgot';
const RESET_PATH = /^\/password\/reset\/([A-Za-z0-9_-]{20,100})$/;

const E = {
  username: { ja: 'ユーザー名を入力してください。', en: 'Enter your username.' },
  locked: (s: number) => ({
    ja: `再設定の依頼が続いたため、一時的に受け付けを停止しています。${s}秒後に再度お試しください。`,
    en: `Too many reset requests. Try again in ${s} seconds.`,
  }),
  mismatch: {
    ja: '2つのパスワードが一致しません。',
    en: 'The two passwords do not match.',
  },
  weak: (problem: string) => ({
    ja: 'パスワードが条件を満たしていません（12文字以上、数字のみ不可）。',
    en: `Password rejected: ${problem}.`,
  }),
} satisfies Record<string, FormError | ((x: never) => FormError)>;

/**
 * /password/forgot (ask for the username; one answer for every name) and /password/reset/:token
 * (new password twice). `resets` null: password reset is switched off (production without SMTP).
 * Returns false when the path is not ours.
 */
export function createPasswordResetRouter(resets: PasswordResetService | null) {
  const methodNotAllowed = (res: http.ServerResponse) =>
    sendHtml(res, 405, errorPage('method_not_allowed'), { allow: 'GET, POST' });

  async function forgot(req: http.IncomingMessage, res: http.ServerResponse, svc: PasswordResetService) {
    if (req.method === 'GET') return sendHtml(res, 200, forgotPasswordPage({ action: FORGOT_PATH }));
    if (req.method !== 'POST') return methodNotAllowed(res);
    const username = ((await readForm(req)).get('username') ?? '').trim();
    if (!username) return sendHtml(res, 400, forgotPasswordPage({ action: FORGOT_PATH, error: E.username }));
    const outcome = await svc.request(username);
    if (outcome.kind === 'locked')
      return sendHtml(
        res,
        429,
        forgotPasswordPage({ action: FORGOT_PATH, error: E.locked(outcome.retryAfterSeconds) }),
        { 'retry-after': String(outcome.retryAfterSeconds) },
      );
    return sendHtml(res, 200, forgotPasswordSentPage());
  }

  async function reset(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    svc: PasswordResetService,
    token: string,
  ) {
    const action = `/password/reset/${token}`;
    if (req.method === 'GET') {
      if (!(await svc.check(token))) return sendHtml(res, 400, resetInvalidPage(FORGOT_PATH));
      return sendHtml(res, 200, resetPasswordPage({ action }));
    }
    if (req.method !== 'POST') return methodNotAllowed(res);
    const form = await readForm(req);
    const outcome = await svc.complete(token, form.get('password') ?? '', form.get('password_confirm') ?? '');
    switch (outcome.kind) {
      case 'ok':
        return sendHtml(res, 200, resetDonePage());
      case 'invalid_token':
        return sendHtml(res, 400, resetInvalidPage(FORGOT_PATH));
      case 'mismatch':
        return sendHtml(res, 400, resetPasswordPage({ action, error: E.mismatch }));
      case 'weak':
        return sendHtml(res, 400, resetPasswordPage({ action, error: E.weak(outcome.problem) }));
    }
  }

  return async function handle(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    pathname: string,
  ): Promise<boolean> {
    const token = RESET_PATH.exec(pathname)?.[1];
    if (pathname !== FORGOT_PATH && !token) {
      if (!pathname.startsWith('/password/reset/')) return false;
      sendHtml(res, 400, resetInvalidPage(FORGOT_PATH));
      return true;
    }
    if (!resets) {
      sendHtml(
        res,
        404,
        errorPage(
          'not_available',
          'パスワードの再設定は利用できません。所属医師会にお問い合わせください / Password reset is not available. Contact your medical association.',
        ),
      );
      return true;
    }
    try {
      if (token) await reset(req, res, resets, token);
      else await forgot(req, res, resets);
    } catch (err) {
      if (!(err instanceof BodyTooLarge)) throw err;
      sendHtml(res, 413, errorPage('request_too_large'));
    }
    return true;
  };
}
