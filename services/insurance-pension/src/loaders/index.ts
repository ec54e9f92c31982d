import type { Repositories } from '../repositories';
import { enrolmentsByPersonIdLoader } from './enrolments-by-person-id.loader';

export const createLoaders = (repos: Repositories) => ({
  enrolmentsByPersonId: enrolmentsByPersonIdLoader(repos),
});

export type InsurancePensionLoaders = ReturnType<typeof createLoaders>;
