import type { Repositories } from '../repositories';
import { attendancesByPersonIdLoader } from './attendances-by-person-id.loader';
import { attendancesBySessionIdLoader } from './attendances-by-session-id.loader';
import { sessionByIdLoader } from './session-by-id.loader';
import { certificateByIdLoader } from './certificate-by-id.loader';
import { certificatesByPersonIdLoader } from './certificates-by-person-id.loader';
import { certificationApplicationsByPersonIdLoader } from './certification-applications-by-person-id.loader';
import { certificationStepsByApplicationIdLoader } from './certification-steps-by-application-id.loader';
import { creditEntriesByPersonIdLoader } from './credit-entries-by-person-id.loader';
import { rulesLoader, trainingSummaryLoader } from './training-summary.loader';
import { sessionCreditsBySessionIdLoader } from './session-credits-by-session-id.loader';
import { sessionCountsBySessionIdLoader } from './session-counts-by-session-id.loader';

export const createLoaders = (repos: Repositories) => {
  // the rule versions are shared by the summary loader (one read per request)
  const rules = rulesLoader(repos);
  return {
    ...sessionLoaders(repos),
    rules,
    trainingSummary: trainingSummaryLoader(repos, rules),
    creditEntriesByPersonId: creditEntriesByPersonIdLoader(repos),
    certificatesByPersonId: certificatesByPersonIdLoader(repos),
    certificateById: certificateByIdLoader(repos),
    certificationApplicationsByPersonId: certificationApplicationsByPersonIdLoader(repos),
    certificationStepsByApplicationId: certificationStepsByApplicationIdLoader(repos),
  };
};

const sessionLoaders = (repos: Repositories) => ({
  sessionById: sessionByIdLoader(repos),
  attendancesByPersonId: attendancesByPersonIdLoader(repos),
  attendancesBySessionId: attendancesBySessionIdLoader(repos),
  sessionCreditsBySessionId: sessionCreditsBySessionIdLoader(repos),
  sessionCountsBySessionId: sessionCountsBySessionIdLoader(repos),
});

export type TrainingLoaders = ReturnType<typeof createLoaders>;
