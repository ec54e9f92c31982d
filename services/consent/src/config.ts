import { loadConfig, serviceEnv } from '@mamis/platform';

export const consentEnv = serviceEnv(4004);
export type ConsentConfig = ReturnType<typeof consentEnv.parse>;
export const loadConsentConfig = (env: NodeJS.ProcessEnv = process.env): ConsentConfig =>
  loadConfig(consentEnv, env);
