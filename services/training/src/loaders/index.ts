import type { Repositories } from '../repositories';
import { attendancesByPersonIdLoader } from './attendances-by-person-id.loader';
import { attendancesBySessionIdLoader } from './attendances-by-session-id.loader';
import { sessionByIdLoader } from './session-by-id.loader';

export const createLoaders = (repos: Repositories) => ({
  sessionById: sessionByIdLoader(repos),
  attendancesByPersonId: attendancesByPersonIdLoader(repos),
  attendancesBySessionId: attendancesBySessionIdLoader(repos),
});

export type TrainingLoaders = ReturnType<typeof createLoaders>;
