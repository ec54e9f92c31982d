import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';

/**
 * The one mail transport of the services that send mail (identity: password reset; consent:
 * notifications). Not exported from the package index (only those two load nodemailer): import
 * `@mamis/platform/src/mail`.
 */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** Where messages go (for the log; never contains credentials). */
  readonly describe: string;
  /** Send one message; resolves to the transport's message id, rejects when it was not accepted. */
  send(message: MailMessage): Promise<string>;
}

export interface MailerSettings {
  /** SMTP URL; unset: the outbox (outside production) or no mailer (production). */
  smtpUrl?: string;
  /** The sender (`From`). */
  from: string;
  /** Where the outbox writes messages (outside production, without SMTP). */
  outboxDir: string;
  production: boolean;
  /** Replaces the SMTP transport (tests). */
  transport?: Transporter;
}

/**
 * nodemailer: SMTP from `smtpUrl` when set (or the given transport); otherwise, outside
 * production, the JSON transport with every message written as one file into `outboxDir`
 * (`<time>-<random>.json`, mode 0600: a message may hold a live token). Production without SMTP →
 * null (the caller switches the feature off).
 */
export function createMailer(settings: MailerSettings): Mailer | null {
  const { from, smtpUrl, transport } = settings;
  if (transport || smtpUrl) {
    const smtp = transport ?? nodemailer.createTransport(smtpUrl);
    const describe = smtpUrl
      ? `smtp ${new URL(smtpUrl).protocol}//${new URL(smtpUrl).host}`
      : 'custom transport';
    return {
      describe,
      async send(m) {
        const info = (await smtp.sendMail({ from, to: m.to, subject: m.subject, text: m.text })) as {
          messageId?: string;
        };
        return info.messageId ?? '';
      },
    };
  }
  if (settings.production) return null;
  const dir = settings.outboxDir;
  const json = nodemailer.createTransport({ jsonTransport: true });
  return {
    describe: `outbox ${dir}`,
    async send(m) {
      const info = await json.sendMail({ from, to: m.to, subject: m.subject, text: m.text });
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.json`;
      await writeFile(path.join(dir, name), `${info.message as unknown as string}\n`, {
        mode: 0o600,
        flag: 'wx',
      });
      return info.messageId;
    },
  };
}
