import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { ConsentMailConfig } from '../config';

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

/**
 * The notification mail transport (nodemailer), like identity's: SMTP from CONSENT_SMTP_URL when
 * set; otherwise, outside production, the JSON transport with every message written as one file
 * into CONSENT_OUTBOX_DIR (`<time>-<random>.json`, mode 0600). Production without SMTP → null
 * (notifications are shown on screen only). `transport` replaces the SMTP transport (tests).
 */
export function createMailer(
  config: Pick<ConsentMailConfig, 'CONSENT_SMTP_URL' | 'CONSENT_MAIL_FROM' | 'CONSENT_OUTBOX_DIR'> & {
    NODE_ENV: string;
  },
  transport?: Transporter,
): Mailer | null {
  const from = config.CONSENT_MAIL_FROM;
  if (transport || config.CONSENT_SMTP_URL) {
    const smtp = transport ?? nodemailer.createTransport(config.CONSENT_SMTP_URL);
    const describe = config.CONSENT_SMTP_URL
      ? `smtp ${new URL(config.CONSENT_SMTP_URL).protocol}//${new URL(config.CONSENT_SMTP_URL).host}`
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
  if (config.NODE_ENV === 'production') return null;
  const dir = config.CONSENT_OUTBOX_DIR;
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
