import { loadConfig, serviceEnv } from '@mamis/platform';

export const insurancePensionEnv = serviceEnv(4003);
export type InsurancePensionConfig = ReturnType<typeof insurancePensionEnv.parse>;
export const loadInsurancePensionConfig = (env: NodeJS.ProcessEnv = process.env): InsurancePensionConfig =>
  loadConfig(insurancePensionEnv, env);
