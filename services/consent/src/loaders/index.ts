import type { Repositories } from '../repositories';
import { acceptancesByPersonIdLoader } from './acceptances-by-person-id.loader';
import { notificationsByPersonIdLoader } from './notifications-by-person-id.loader';
import { provisionRecordsByPersonIdLoader } from './provision-records-by-person-id.loader';
import {
  privacyExportByRequestIdLoader,
  privacyRequestEventsLoader,
  privacyRequestsByPersonIdLoader,
} from './privacy-requests.loader';
import {
  surveyAnswerLoader,
  surveyCurrentAnswersLoader,
  surveyResponseCountLoader,
  surveysByPersonIdLoader,
} from './surveys.loader';

export const createLoaders = (repos: Repositories) => ({
  acceptancesByPersonId: acceptancesByPersonIdLoader(repos),
  notificationsByPersonId: notificationsByPersonIdLoader(repos),
  privacyRequestsByPersonId: privacyRequestsByPersonIdLoader(repos),
  privacyRequestEvents: privacyRequestEventsLoader(repos),
  privacyExportByRequestId: privacyExportByRequestIdLoader(repos),
  surveysByPersonId: surveysByPersonIdLoader(repos),
  surveyAnswer: surveyAnswerLoader(repos),
  surveyResponseCount: surveyResponseCountLoader(repos),
  surveyCurrentAnswers: surveyCurrentAnswersLoader(repos),
  provisionRecordsByPersonId: provisionRecordsByPersonIdLoader(repos),
});

export type ConsentLoaders = ReturnType<typeof createLoaders>;
