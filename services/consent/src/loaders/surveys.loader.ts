import DataLoader from 'dataloader';
import { groupedLoader, keyedLoader } from '@mamis/platform';
import type { Repositories } from '../repositories';

/** The surveys sent to each person (still a current member of the sender), one statement per batch. */
export const surveysByPersonIdLoader = (repos: Repositories) =>
  groupedLoader(
    (ids: readonly string[]) => repos.surveys.byPersonIds(ids),
    (s) => s.personId,
  );

/** A person's answer to a survey, keyed `<survey id>:<person id>`. */
export const surveyAnswerLoader = (repos: Repositories) =>
  keyedLoader(
    (keys: readonly string[]) =>
      repos.surveys.answersOf(
        keys.map((k) => {
          const [surveyId = '', personId = ''] = k.split(':');
          return { surveyId, personId };
        }),
      ),
    (a) => `${a.surveyId}:${a.personId}`,
  );

/** How many current members answered each survey (0 when none). */
export const surveyResponseCountLoader = (repos: Repositories) =>
  new DataLoader<string, number>(async (ids) => {
    const counts = await repos.surveys.responseCounts(ids);
    return ids.map((id) => counts.get(id) ?? 0);
  });

/** The answers of a survey's current members (aggregates and the per-member list share one read). */
export const surveyCurrentAnswersLoader = (repos: Repositories) =>
  new DataLoader(
    async (ids: readonly string[]) => Promise.all(ids.map((id) => repos.surveys.currentMemberAnswers(id))),
    { batch: false },
  );
