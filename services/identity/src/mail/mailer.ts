import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { IdentityConfig } from '../config';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** Where messages go (for the log; never contains credentials). */
  readonly describe: string;
  send(message: MailMessage): Promise<void>;
}

/** <IDENTITY_DATA_DIR>/outbox — where development and test mail is written. */
export const outboxDir = (config: Pick<IdentityConfig, 'IDENTITY_DATA_DIR'>): string =>
  path.join(config.IDENTITY_DATA_DIR, 'outbox');

/**
 * The mail transport (nodemailer): SMTP from IDENTITY_SMTP_URL when set; otherwise, outside
 * production, the JSON transport with each message written as one file into the outbox
 * (`<time>-<random>.json`, mode 0600: it holds a live token). Production without SMTP → null
 * (password reset is switched off).
 */
export function createMailer(
  config: Pick<IdentityConfig, 'NODE_ENV' | 'IDENTITY_SMTP_URL' | 'IDENTITY_MAIL_FROM' | 'IDENTITY_DATA_DIR'>,
): Mailer | null {
  const from = config.IDENTITY_MAIL_FROM;
  if (config.IDENTITY_SMTP_URL) {
    const transport = nodemailer.createTransport(config.IDENTITY_SMTP_URL);
    const url = new URL(config.IDENTITY_SMTP_URL);
    return {
      describe: `smtp ${url.protocol}//${url.host}`,
      async send(m) {
        await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text });
      },
    };
  }
  if (config.NODE_ENV === 'production') return null;
  const dir = outboxDir(config);
  const transport = nodemailer.createTransport({ jsonTransport: true });
  return {
    describe: `outbox ${dir}`,
    async send(m) {
      const info = await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text });
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.json`;
      await writeFile(path.join(dir, name), `${info.message}\n`, { mode: 0o600, flag: 'wx' });
    },
  };
}
