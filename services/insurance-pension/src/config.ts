import { analyticsReadEnv, loadConfig, serviceEnv } from '@mamis/platform';
import { z } from 'zod';

export const insurancePensionEnv = serviceEnv(4003).extend({
  /**
   * How often the membership event consumer reads the event log (ms): insurance follows JMA
   * membership changes within about this long. 0 turns the background loop off (tests run it
   * directly).
   */
  INSURANCE_EVENT_POLL_MS: z.coerce.number().int().min(0).max(3_600_000).default(3000),
  /** Events per consumer transaction. */
  INSURANCE_EVENT_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(200),
  /** The `Statistics` aggregates' read replica (optional; platform config.ts). */
  ...analyticsReadEnv,
});
export type InsurancePensionConfig = z.infer<typeof insurancePensionEnv>;
export const loadInsurancePensionConfig = (env: NodeJS.ProcessEnv = process.env): InsurancePensionConfig =>
  loadConfig(insurancePensionEnv, env);
