import path from 'node:path';
import { createMailer as createPlatformMailer, type Mailer } from '@mamis/platform/src/mail';
import type { IdentityConfig } from '../config';

export type { MailMessage, Mailer } from '@mamis/platform/src/mail';

/** <IDENTITY_DATA_DIR>/outbox — where development and test mail is written. */
export const outboxDir = (config: Pick<IdentityConfig, 'IDENTITY_DATA_DIR'>): string =>
  path.join(config.IDENTITY_DATA_DIR, 'outbox');

/**
 * The mail transport (the platform's): SMTP from IDENTITY_SMTP_URL when set; otherwise, outside
 * production, the outbox (each message one file, mode 0600: it holds a live token). Production
 * without SMTP → null (password reset is switched off).
 */
export function createMailer(
  config: Pick<IdentityConfig, 'NODE_ENV' | 'IDENTITY_SMTP_URL' | 'IDENTITY_MAIL_FROM' | 'IDENTITY_DATA_DIR'>,
): Mailer | null {
  return createPlatformMailer({
    smtpUrl: config.IDENTITY_SMTP_URL,
    from: config.IDENTITY_MAIL_FROM,
    outboxDir: outboxDir(config),
    production: config.NODE_ENV === 'production',
  });
}
