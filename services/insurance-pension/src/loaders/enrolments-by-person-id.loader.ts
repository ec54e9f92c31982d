import { groupedLoader } from '@mamis/platform';
import type { Services } from '../services';

export const enrolmentsByPersonIdLoader = (services: Services) =>
  groupedLoader(
    (ids: readonly string[]) => services.enrolments.byPersonIds(ids),
    (e) => e.personId,
  );
