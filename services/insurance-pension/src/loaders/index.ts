import { groupedLoader } from '@mamis/platform';
import type { InsurancePensionServices } from '../services';
import { enrolmentsByPersonIdLoader } from './enrolments-by-person-id.loader';

export const createLoaders = (services: InsurancePensionServices) => ({
  enrolmentsByPersonId: enrolmentsByPersonIdLoader(services),
  /** Status changes of enrolments (policy and rider), oldest first. */
  insuranceChangesByEnrolmentId: groupedLoader(
    (ids: readonly string[]) => services.enrolments.changesByEnrolmentIds(ids),
    (c) => c.enrolmentId,
  ),
  pensionsByPersonId: groupedLoader(
    (ids: readonly string[]) => services.pensions.byPersonIds(ids),
    (p) => p.personId,
  ),
  pensionChangesByEnrolmentId: groupedLoader(
    (ids: readonly string[]) => services.pensions.changesByEnrolmentIds(ids),
    (c) => c.enrolmentId,
  ),
});

export type InsurancePensionLoaders = ReturnType<typeof createLoaders>;
