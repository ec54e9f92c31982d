import { loadConfig, serviceEnv } from '@mamis/platform';

export const membershipEnv = serviceEnv(4001);
export type MembershipConfig = ReturnType<typeof membershipEnv.parse>;
export const loadMembershipConfig = (env: NodeJS.ProcessEnv = process.env): MembershipConfig =>
  loadConfig(membershipEnv, env);
