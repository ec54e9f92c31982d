import { loadConfig, serviceEnv } from '@mamis/platform';

export const trainingEnv = serviceEnv(4002);
export type TrainingConfig = ReturnType<typeof trainingEnv.parse>;
export const loadTrainingConfig = (env: NodeJS.ProcessEnv = process.env): TrainingConfig =>
  loadConfig(trainingEnv, env);
