import { groupedLoader } from '@mamis/platform';
import type { InsurancePensionServices } from '../services';

export const enrolmentsByPersonIdLoader = (services: InsurancePensionServices) =>
  groupedLoader(
    (ids: readonly string[]) => services.enrolments.byPersonIds(ids),
    (e) => e.personId,
  );
