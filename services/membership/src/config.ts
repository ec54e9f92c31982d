import { z } from 'zod';
import { analyticsReadEnv, loadConfig, serviceEnv } from '@mamis/platform';

const membershipOwnEnv = z.object({
  /** How long an invoice or receipt download link stays valid (seconds). */
  DOCUMENT_LINK_TTL_SECONDS: z.coerce.number().int().min(10).max(3600).default(300),
  /** The `Statistics` aggregates' read replica (optional; platform config.ts). */
  ...analyticsReadEnv,
});

export const membershipEnv = serviceEnv(4001).merge(membershipOwnEnv);
export type MembershipConfig = ReturnType<typeof membershipEnv.parse>;
export const loadMembershipConfig = (env: NodeJS.ProcessEnv = process.env): MembershipConfig =>
  loadConfig(membershipEnv, env);
