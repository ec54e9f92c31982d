import { createHash } from 'node:crypto';

/**
 * Server-rendered pages: Japanese first, English second; every field labelled; errors in a
 * role="alert" region tied to the fields with aria-describedby / aria-invalid; focus goes to the
 * first field (or the field in error); no script. Field names are part of the contract:
 * `username`, `password`, `otp`, and the terms button `accept`.
 */
export const esc = (s: unknown): string =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export const STYLE = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font-family:"Hiragino Kaku Gothic ProN","Noto Sans JP","Yu Gothic",Meiryo,system-ui,sans-serif;background:#f3f5f8;color:#1a1a1a;line-height:1.6}
header{background:#0b3d6e;color:#fff;padding:.75rem 1.25rem}
header p{margin:0;font-weight:700}
main{max-width:34rem;margin:2rem auto;background:#fff;padding:1.5rem 1.75rem;border-radius:6px;box-shadow:0 1px 3px rgba(0,0,0,.15)}
main.wide{max-width:52rem}
h1{font-size:1.4rem;margin:0 0 1rem}
h2{font-size:1.1rem}
.en{display:block;font-size:.85em;color:#454f5b;font-weight:400}
label{display:block;font-weight:700;margin-top:1rem}
input[type=text],input[type=password]{display:block;width:100%;font-size:1.1rem;padding:.55rem .6rem;border:2px solid #5c6670;border-radius:4px;margin-top:.25rem}
input[aria-invalid=true]{border-color:#b00020}
.hint{font-size:.9rem;color:#454f5b;margin:.2rem 0 0}
button{margin-top:1.25rem;font-size:1.05rem;padding:.6rem 1.4rem;border-radius:4px;border:2px solid #0b3d6e;background:#0b3d6e;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#0b3d6e}
button .en{color:inherit}
.alert .en,.alert [lang=en]{color:inherit}
:focus-visible{outline:3px solid #ff9e1b;outline-offset:2px}
.alert{border:2px solid #b00020;background:#fdecee;color:#7a0016;padding:.6rem .8rem;border-radius:4px;margin-bottom:1rem}
.alert:empty{display:none}
.terms{max-height:22rem;overflow:auto;border:1px solid #9aa4ae;padding:.75rem;white-space:pre-wrap;font-size:.92rem;background:#fafbfc}
code.secret{font-size:1.15rem;letter-spacing:.08em;word-break:break-all}
code.uri{word-break:break-all;font-size:.9rem}
figure.qr{margin:1rem 0;text-align:center}
figure.qr svg{display:block;width:12rem;height:12rem;max-width:100%;margin:0 auto}
figure.qr figcaption{font-size:.9rem;color:#454f5b}
ul.codes{columns:2;font-family:monospace;font-size:1.05rem}
a{color:#0b4f9c}
`.trim();

/** CSP hash of the one inline style block (no inline script anywhere). */
export const STYLE_HASH = `sha256-${createHash('sha256').update(STYLE).digest('base64')}`;
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': `default-src 'none'; style-src '${STYLE_HASH}'; img-src 'self'; base-uri 'none'; frame-ancestors 'none'`,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

const bi = (ja: string, en: string) => `${esc(ja)}<span class="en" lang="en">${esc(en)}</span>`;

export function layout(opts: { titleJa: string; titleEn: string; body: string; wide?: boolean }): string {
  return `<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(opts.titleJa)} / ${esc(opts.titleEn)} — MAMIS</title>
<style>${STYLE}</style>
</head>
<body>
<header><p>医師会会員情報システム MAMIS <span lang="en">Medical Association Member Information System</span></p></header>
<main${opts.wide ? ' class="wide"' : ''}>
<h1>${bi(opts.titleJa, opts.titleEn)}</h1>
${opts.body}
</main>
</body>
</html>`;
}

export interface FormError {
  ja: string;
  en: string;
}

const alertBox = (error?: FormError) =>
  `<div id="form-error" class="alert" role="alert" aria-live="assertive">${error ? `${esc(error.ja)}<br><span lang="en">${esc(error.en)}</span>` : ''}</div>`;

const invalid = (error?: FormError) => (error ? ' aria-invalid="true"' : '');
const described = (hint: string, error?: FormError) =>
  ` aria-describedby="${error ? `form-error ${hint}` : hint}"`;

export function loginPage(opts: {
  action: string;
  clientName?: string;
  username?: string;
  error?: FormError;
  /** The "forgot password" link (absent when password reset is switched off). */
  forgotUrl?: string;
}): string {
  const { error } = opts;
  return layout({
    titleJa: 'ログイン',
    titleEn: 'Sign in',
    body: `${opts.clientName ? `<p>${esc(opts.clientName)} にログインします。<span class="en" lang="en">Signing in to ${esc(opts.clientName)}.</span></p>` : ''}
${alertBox(error)}
<form method="post" action="${esc(opts.action)}" novalidate>
<label for="username">${bi('ユーザー名', 'Username')}</label>
<input type="text" id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${esc(opts.username ?? '')}"${invalid(error)}${described('username-hint', error)}${opts.username ? '' : ' autofocus'}>
<p class="hint" id="username-hint">医師会から通知されたユーザー名 <span lang="en">The username your association gave you</span></p>
<label for="password">${bi('パスワード', 'Password')}</label>
<input type="password" id="password" name="password" autocomplete="current-password" required${invalid(error)}${described('password-hint', error)}${opts.username ? ' autofocus' : ''}>
<p class="hint" id="password-hint">大文字・小文字を区別します <span lang="en">Case sensitive</span></p>
<button type="submit">${bi('ログイン', 'Sign in')}</button>
</form>${opts.forgotUrl ? `\n<p><a href="${esc(opts.forgotUrl)}">パスワードをお忘れの方<span class="en" lang="en">Forgot your password?</span></a></p>` : ''}`,
  });
}

export function otpPage(opts: { action: string; error?: FormError }): string {
  const { error } = opts;
  return layout({
    titleJa: '二段階認証',
    titleEn: 'Two-step verification',
    body: `${alertBox(error)}
<form method="post" action="${esc(opts.action)}" novalidate>
<label for="otp">${bi('確認コード（6桁）', 'Verification code (6 digits)')}</label>
<input type="text" id="otp" name="otp" inputmode="numeric" autocomplete="one-time-code" required autofocus${invalid(error)}${described('otp-hint', error)}>
<p class="hint" id="otp-hint">認証アプリに表示されるコード、またはリカバリーコードを入力してください。<span class="en" lang="en">Enter the code shown in your authenticator app, or a recovery code.</span></p>
<button type="submit">${bi('確認', 'Verify')}</button>
</form>`,
  });
}

/** The key in groups of four for reading and typing (authenticator apps ignore the spaces). */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

/**
 * TOTP enrolment: a QR code of the otpauth URI (inline SVG rendered on the server, `qrSvg`), the
 * key for manual entry, and the code field. Fits a 375 px phone screen.
 */
export function enrollPage(opts: {
  action: string;
  secret: string;
  uri: string;
  /** `<svg …>` of the otpauth URI (from `qrcode`), trusted markup made by this service. */
  qrSvg: string;
  error?: FormError;
}): string {
  const { error } = opts;
  const qr = opts.qrSvg.replace(/^<svg /, '<svg role="img" aria-labelledby="qr-caption" focusable="false" ');
  return layout({
    titleJa: '二段階認証の設定',
    titleEn: 'Set up two-step verification',
    body: `<p>このアカウントでは二段階認証が必須です。認証アプリでQRコードを読み取るか、下の鍵を入力してから、表示されたコードを入力してください。<span class="en" lang="en">Two-step verification is required for this account. Scan the QR code with your authenticator app (or enter the key below), then enter the code it shows.</span></p>
<figure class="qr">${qr}<figcaption id="qr-caption">${bi('認証アプリ用QRコード', 'QR code for your authenticator app')}</figcaption></figure>
<p>${bi('手入力用の鍵', 'Key for manual entry')}</p>
<p><code class="secret"><span id="totp-secret">${esc(opts.secret)}</span></code></p>
<p class="hint" id="secret-hint">${bi(`4文字ずつ: ${grouped(opts.secret)}（時間ベース、6桁、30秒）`, 'Time-based, 6 digits, 30 seconds')}</p>
<details><summary>${bi('otpauth URI を表示', 'Show the otpauth URI')}</summary><p><code class="uri">${esc(opts.uri)}</code></p></details>
${alertBox(error)}
<form method="post" action="${esc(opts.action)}" novalidate>
<label for="otp">${bi('確認コード（6桁）', 'Verification code (6 digits)')}</label>
<input type="text" id="otp" name="otp" inputmode="numeric" autocomplete="one-time-code" required autofocus${invalid(error)}${described('otp-hint', error)}>
<p class="hint" id="otp-hint">30秒ごとに変わります <span lang="en">Changes every 30 seconds</span></p>
<button type="submit">${bi('設定する', 'Confirm')}</button>
</form>`,
  });
}

export function recoveryCodesPage(opts: { action: string; codes: string[] }): string {
  return layout({
    titleJa: 'リカバリーコード',
    titleEn: 'Recovery codes',
    body: `<p>認証アプリが使えないときに一度ずつ使えるコードです。安全な場所に保管してください。この画面は再表示されません。<span class="en" lang="en">Each code works once when your authenticator app is not available. Keep them somewhere safe; this page is shown only once.</span></p>
<ul class="codes">${opts.codes.map((c) => `<li>${esc(c)}</li>`).join('')}</ul>
<form method="post" action="${esc(opts.action)}">
<button type="submit" name="continue" value="yes" autofocus>${bi('続ける', 'Continue')}</button>
</form>`,
  });
}

export function termsPage(opts: {
  action: string;
  version: string;
  titleJa: string;
  bodyJa: string;
  titleEn: string;
  bodyEn: string;
  noticeUrl: string;
  error?: FormError;
}): string {
  return layout({
    titleJa: '利用規約への同意',
    titleEn: 'Terms of use',
    wide: true,
    body: `<p>MAMIS を利用するには、現在の利用規約（ver ${esc(opts.version)}）への同意が必要です。<span class="en" lang="en">To use MAMIS you need to accept the terms of use in force (ver ${esc(opts.version)}).</span></p>
<h2 id="terms-ja-title">${esc(opts.titleJa)}</h2>
<div class="terms" id="terms-ja" tabindex="0" role="region" aria-labelledby="terms-ja-title">${esc(opts.bodyJa)}</div>
<h2 id="terms-en-title" lang="en">${esc(opts.titleEn)}</h2>
<div class="terms" id="terms-en" tabindex="0" role="region" aria-labelledby="terms-en-title" lang="en">${esc(opts.bodyEn)}</div>
<p><a href="${esc(opts.noticeUrl)}" target="_blank" rel="noopener">個人データの共同利用について（別ウィンドウ）<span class="en" lang="en">Joint use of personal data (opens in a new window)</span></a></p>
${alertBox(opts.error)}
<form method="post" action="${esc(opts.action)}">
<input type="hidden" name="version" value="${esc(opts.version)}">
<button type="submit" name="accept" value="yes">${bi('同意して利用を開始する', 'I accept the terms')}</button>
<button type="submit" name="decline" value="yes" class="secondary">${bi('同意しない', 'I do not accept')}</button>
</form>`,
  });
}

export function messagePage(titleJa: string, titleEn: string, textJa: string, textEn: string): string {
  return layout({
    titleJa,
    titleEn,
    body: `<p>${esc(textJa)}<span class="en" lang="en">${esc(textEn)}</span></p>`,
  });
}

export function errorPage(code: string, description?: string): string {
  return layout({
    titleJa: 'エラー',
    titleEn: 'Error',
    body: `<div class="alert" role="alert">要求を処理できませんでした。<span lang="en">The request could not be processed.</span></div>
<p><code>${esc(code)}</code>${description ? `: ${esc(description)}` : ''}</p>`,
  });
}

export function logoutPage(form: string): string {
  return layout({
    titleJa: 'ログアウト',
    titleEn: 'Sign out',
    body: `<p>ログアウトしますか？<span class="en" lang="en">Do you want to sign out?</span></p>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>${bi('ログアウト', 'Sign out')}</button>
<button type="submit" form="op.logoutForm" class="secondary">${bi('キャンセル', 'Stay signed in')}</button>`,
  });
}

export function noticePage(n: { titleJa: string; bodyJa: string; titleEn: string; bodyEn: string }): string {
  return layout({
    titleJa: n.titleJa,
    titleEn: n.titleEn,
    wide: true,
    body: `<div class="terms" tabindex="0" role="region" aria-label="共同利用について">${esc(n.bodyJa)}</div>
<h2 lang="en">English summary</h2>
<div class="terms" tabindex="0" role="region" aria-label="Joint use (English)" lang="en">${esc(n.bodyEn)}</div>`,
  });
}

export function invitationPage(opts: {
  action: string;
  error?: FormError;
  done?: boolean;
  /** A staff invitation (職員): the second factor is set up at the first sign-in. */
  staff?: boolean;
}): string {
  if (opts.done) {
    return opts.staff
      ? messagePage(
          '設定が完了しました',
          'All set',
          'パスワードを設定しました。ログインすると、認証アプリによる2段階認証の設定に進みます。',
          'Your password is set. When you sign in, you will set up two-step verification with an authenticator app.',
        )
      : messagePage(
          '設定が完了しました',
          'All set',
          'パスワードを設定しました。ログインできます。',
          'Your password is set. You can now sign in.',
        );
  }
  const { error } = opts;
  return layout({
    titleJa: opts.staff ? '職員アカウントの設定' : '補助者アカウントの設定',
    titleEn: opts.staff ? 'Set up your staff account' : 'Set up your assistant account',
    body: `${alertBox(error)}
<form method="post" action="${esc(opts.action)}" novalidate>
<label for="password">${bi('新しいパスワード（12文字以上）', 'New password (12 characters or more)')}</label>
<input type="password" id="password" name="password" autocomplete="new-password" required autofocus${invalid(error)}${described('password-hint', error)}>
<p class="hint" id="password-hint">数字だけのパスワードは使えません <span lang="en">Digits only are not allowed</span></p>
<button type="submit">${bi('設定する', 'Set password')}</button>
</form>`,
  });
}

// Password reset ------------------------------------------------------------------------------

export function forgotPasswordPage(opts: { action: string; error?: FormError }): string {
  const { error } = opts;
  return layout({
    titleJa: 'パスワードの再設定',
    titleEn: 'Reset your password',
    body: `<p>ユーザー名を入力してください。登録されたメールアドレスに再設定用のリンクをお送りします。<span class="en" lang="en">Enter your username. We will send a link to reset your password to the e-mail address on file.</span></p>
${alertBox(error)}
<form method="post" action="${esc(opts.action)}" novalidate>
<label for="username">${bi('ユーザー名', 'Username')}</label>
<input type="text" id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required autofocus${invalid(error)}${described('username-hint', error)}>
<p class="hint" id="username-hint">医師会から通知されたユーザー名 <span lang="en">The username your association gave you</span></p>
<button type="submit">${bi('再設定用のリンクを送る', 'Send reset link')}</button>
</form>`,
  });
}

/** The one answer to every reset request (whether or not the account exists). */
export function forgotPasswordSentPage(): string {
  return layout({
    titleJa: 'メールを確認してください',
    titleEn: 'Check your e-mail',
    body: `<p role="status">このユーザー名のアカウントにメールアドレスが登録されていれば、パスワード再設定用のリンクを送信しました。リンクの有効期限は30分で、1回のみ使えます。メールが届かない場合は、所属医師会にお問い合わせください。<span class="en" lang="en">If an account with this username has an e-mail address on file, we have sent it a link to reset the password. The link works once, within 30 minutes. If no e-mail arrives, contact your medical association.</span></p>`,
  });
}

export function resetPasswordPage(opts: { action: string; error?: FormError }): string {
  const { error } = opts;
  return layout({
    titleJa: '新しいパスワードの設定',
    titleEn: 'Set a new password',
    body: `${alertBox(error)}
<form method="post" action="${esc(opts.action)}" novalidate>
<label for="password">${bi('新しいパスワード（12文字以上）', 'New password (12 characters or more)')}</label>
<input type="password" id="password" name="password" autocomplete="new-password" required autofocus${invalid(error)}${described('password-hint', error)}>
<p class="hint" id="password-hint">数字だけのパスワードは使えません <span lang="en">Digits only are not allowed</span></p>
<label for="password_confirm">${bi('新しいパスワード（確認）', 'New password (again)')}</label>
<input type="password" id="password_confirm" name="password_confirm" autocomplete="new-password" required${invalid(error)}${described('password-confirm-hint', error)}>
<p class="hint" id="password-confirm-hint">確認のため、もう一度入力してください <span lang="en">Type it again to confirm</span></p>
<button type="submit">${bi('パスワードを変更する', 'Change password')}</button>
</form>`,
  });
}

export function resetDonePage(): string {
  return messagePage(
    'パスワードを変更しました',
    'Password changed',
    '新しいパスワードでログインできます。ほかの端末のログイン状態はすべて解除されました。アプリケーションからログインし直してください。',
    'You can now sign in with your new password. Every other session has been signed out. Sign in again from the application.',
  );
}

export function resetInvalidPage(forgotUrl: string): string {
  return layout({
    titleJa: 'リンクが無効です',
    titleEn: 'This link is not valid',
    body: `<div class="alert" role="alert">このパスワード再設定用のリンクは無効か、期限切れか、すでに使用されています。<br><span lang="en">This password reset link is not valid, has expired or has already been used.</span></div>
<p><a href="${esc(forgotUrl)}">もう一度リンクを送る<span class="en" lang="en">Send a new link</span></a></p>`,
  });
}
