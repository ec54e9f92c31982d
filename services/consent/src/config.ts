import path from 'node:path';
import { z } from 'zod';
import { loadConfig, repoRoot, serviceEnv } from '@mamis/platform';

const int = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** The consent service's own settings (notification e-mail); every one has a default. */
export const consentMailEnv = z.object({
  /**
   * Notification e-mail: SMTP URL (smtp:// or smtps://, credentials in the URL). Unset: outside
   * production every message is written to CONSENT_OUTBOX_DIR; in production e-mail is off and
   * notifications are shown on screen only.
   */
  CONSENT_SMTP_URL: z
    .string()
    .url()
    .refine((u) => /^smtps?:\/\//.test(u), 'must be smtp:// or smtps://')
    .optional(),
  CONSENT_MAIL_FROM: z.string().min(3).default('MAMIS <no-reply@mamis.localhost>'),
  /** Development outbox (one JSON file per message). */
  CONSENT_OUTBOX_DIR: z.string().default(path.join(repoRoot, '.data', 'consent', 'outbox')),
  /** Dispatcher: how often it looks for due deliveries (0: not started; default 10 s, tests 0). */
  CONSENT_DISPATCH_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).optional(),
  /** Attempts before a delivery is given up (FAILED), and the backoff's first step and cap. */
  CONSENT_MAIL_MAX_ATTEMPTS: int(1, 100, 6),
  CONSENT_MAIL_RETRY_BASE_MS: int(100, 86_400_000, 60_000),
  CONSENT_MAIL_RETRY_MAX_MS: int(100, 7 * 86_400_000, 6 * 3_600_000),
  /**
   * Who the notification e-mail is handed to (the mail delivery vendor, メール配信事業者), as it
   * appears in the records of provision of members' names and addresses (APPI art. 33). Unset:
   * the host of CONSENT_SMTP_URL (the relay), or the development outbox. Blank counts as unset.
   */
  CONSENT_MAIL_VENDOR_NAME: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || undefined),
  /** Install terms ver 1.01 and the joint-use notice when none exists (off in tests). */
  CONSENT_INSTALL_DEFAULTS: z.enum(['auto', 'yes', 'no']).default('auto'),
});
export type ConsentMailConfig = z.infer<typeof consentMailEnv>;

/** The provision records' recipient while the development outbox stands in for the relay. */
export const DEVELOPMENT_OUTBOX_VENDOR = '開発用メール送信箱 (development outbox)';

/**
 * The mail delivery vendor the notification e-mail goes to (the recipient of its provision
 * records): CONSENT_MAIL_VENDOR_NAME, else the SMTP relay's host, else — outside production — the
 * development outbox; null when e-mail is switched off (production without a relay: nothing is
 * handed to anyone, so nothing is recorded).
 */
export function mailVendorOf(
  mail: Pick<ConsentMailConfig, 'CONSENT_MAIL_VENDOR_NAME' | 'CONSENT_SMTP_URL'>,
  nodeEnv: string,
): string | null {
  if (!mail.CONSENT_SMTP_URL && nodeEnv === 'production') return null;
  if (mail.CONSENT_MAIL_VENDOR_NAME) return mail.CONSENT_MAIL_VENDOR_NAME;
  if (mail.CONSENT_SMTP_URL) return new URL(mail.CONSENT_SMTP_URL).hostname;
  return DEVELOPMENT_OUTBOX_VENDOR;
}

/**
 * The answer period of a privacy request. APPI arts. 33–35 require an answer "without delay"
 * (遅滞なく) and neither the terms of use nor the joint-use notice set a number of days, so it is a
 * setting: PRIVACY_REQUEST_DUE_DAYS (calendar days after filing, Asia/Tokyo), default 14 — two
 * weeks, the period association offices commonly promise for disclosure requests.
 */
export const consentPrivacyEnv = z.object({
  PRIVACY_REQUEST_DUE_DAYS: z.coerce.number().int().min(1).max(90).default(14),
});

/** What the consent feature services need of the settings (src/services/). */
export interface ConsentSettings {
  /** Calendar days after filing (Asia/Tokyo) a privacy request is due. */
  privacyRequestDueDays: number;
}

/** The feature services' settings from a parsed config (defaults when it lacks them). */
export const consentSettingsOf = (config: object): ConsentSettings => ({
  privacyRequestDueDays: consentPrivacyEnv.parse(config).PRIVACY_REQUEST_DUE_DAYS,
});

export const consentEnv = serviceEnv(4004).merge(consentMailEnv).merge(consentPrivacyEnv);
export type ConsentConfig = ReturnType<typeof consentEnv.parse>;
export const loadConsentConfig = (env: NodeJS.ProcessEnv = process.env): ConsentConfig =>
  loadConfig(consentEnv, env);
