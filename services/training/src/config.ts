import { z } from 'zod';
import { analyticsReadEnv, ConfigError, loadConfig, serviceEnv } from '@mamis/platform';

/** The portal's address in development (Vite's dev server on the registered redirect origin). */
export const DEV_PORTAL_URL = 'http://127.0.0.1:5173';

const trainingOwnEnv = z.object({
  /**
   * The MAMIS portal's public URL: printed certificates carry a QR code of
   * `<PORTAL_URL>/verify?code=<code>` (the portal's verification page). http(s), no query or
   * fragment; a trailing slash is dropped. Default http://127.0.0.1:5173 outside production;
   * REQUIRED in production.
   */
  PORTAL_URL: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//.test(u), 'must be an http:// or https:// URL')
    .refine((u) => !u.includes('?') && !u.includes('#'), 'must have no query or fragment')
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  /** How long a certificate download link stays valid (seconds). */
  DOCUMENT_LINK_TTL_SECONDS: z.coerce.number().int().min(10).max(3600).default(300),
  /** The `Statistics` aggregates' read replica (optional; platform config.ts). */
  ...analyticsReadEnv,
});

export const trainingEnv = serviceEnv(4002).merge(trainingOwnEnv);
export type TrainingConfig = Omit<z.infer<typeof trainingEnv>, 'PORTAL_URL'> & { PORTAL_URL: string };

export const loadTrainingConfig = (env: NodeJS.ProcessEnv = process.env): TrainingConfig => {
  const c = loadConfig(trainingEnv, env);
  if (c.NODE_ENV === 'production' && !c.PORTAL_URL)
    throw new ConfigError([
      'PORTAL_URL: required in production (the portal URL printed certificates link to)',
    ]);
  return { ...c, PORTAL_URL: c.PORTAL_URL ?? DEV_PORTAL_URL };
};
