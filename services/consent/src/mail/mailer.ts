import type { Transporter } from 'nodemailer';
import { createMailer as createPlatformMailer, type Mailer } from '@mamis/platform/src/mail';
import type { ConsentMailConfig } from '../config';

export type { MailMessage, Mailer } from '@mamis/platform/src/mail';

/**
 * The notification mail transport (the platform's, like identity's): SMTP from CONSENT_SMTP_URL
 * when set; otherwise, outside production, the outbox CONSENT_OUTBOX_DIR. Production without SMTP →
 * null (notifications are shown on screen only). `transport` replaces the SMTP transport (tests).
 */
export function createMailer(
  config: Pick<ConsentMailConfig, 'CONSENT_SMTP_URL' | 'CONSENT_MAIL_FROM' | 'CONSENT_OUTBOX_DIR'> & {
    NODE_ENV: string;
  },
  transport?: Transporter,
): Mailer | null {
  return createPlatformMailer({
    smtpUrl: config.CONSENT_SMTP_URL,
    from: config.CONSENT_MAIL_FROM,
    outboxDir: config.CONSENT_OUTBOX_DIR,
    production: config.NODE_ENV === 'production',
    transport,
  });
}
