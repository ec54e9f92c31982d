import type { Repositories } from '../repositories';
import { acceptancesByPersonIdLoader } from './acceptances-by-person-id.loader';

export const createLoaders = (repos: Repositories) => ({
  acceptancesByPersonId: acceptancesByPersonIdLoader(repos),
});

export type ConsentLoaders = ReturnType<typeof createLoaders>;
