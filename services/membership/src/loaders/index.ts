import type { Repositories } from '../repositories';
import { accessLogByPersonIdLoader } from './access-log-by-person-id.loader';
import { accountNameByIdLoader } from './account-name-by-id.loader';
import { associationByIdLoader } from './association-by-id.loader';
import { childrenByAssociationIdLoader } from './children-by-association-id.loader';
import { membershipsByPersonIdLoader } from './memberships-by-person-id.loader';
import { personByIdLoader } from './person-by-id.loader';
import { membershipEventsByPersonIdLoader } from './membership-events-by-person-id.loader';
import { applicationsByPersonIdLoader } from './applications-by-person-id.loader';
import { stepsByApplicationIdLoader } from './steps-by-application-id.loader';
import { duesInvoicesByPersonIdLoader } from './dues-invoices-by-person-id.loader';
import { duesPaymentsByInvoiceIdLoader } from './dues-payments-by-invoice-id.loader';
import { membershipCategoriesByAssociationIdLoader } from './membership-categories-by-association-id.loader';
import { provisionRecordsByPersonIdLoader } from './provision-records-by-person-id.loader';
import { duesInvoiceByIdLoader } from './dues-invoice-by-id.loader';
import { exemptionRulesByAssociationIdLoader } from './exemption-rules-by-association-id.loader';
import { duesReminderStatsLoader } from './dues-reminder-stats.loader';

/** The typed loader map: a new one per request (see context.ts). */
export const createLoaders = (repos: Repositories) => ({
  personById: personByIdLoader(repos),
  associationById: associationByIdLoader(repos),
  childrenByAssociationId: childrenByAssociationIdLoader(repos),
  membershipsByPersonId: membershipsByPersonIdLoader(repos),
  accessLogByPersonId: accessLogByPersonIdLoader(repos),
  accountNameById: accountNameByIdLoader(repos),
  membershipEventsByPersonId: membershipEventsByPersonIdLoader(repos),
  applicationsByPersonId: applicationsByPersonIdLoader(repos),
  stepsByApplicationId: stepsByApplicationIdLoader(repos),
  duesInvoicesByPersonId: duesInvoicesByPersonIdLoader(repos),
  duesPaymentsByInvoiceId: duesPaymentsByInvoiceIdLoader(repos),
  membershipCategoriesByAssociationId: membershipCategoriesByAssociationIdLoader(repos),
  provisionRecordsByPersonId: provisionRecordsByPersonIdLoader(repos),
  duesInvoiceById: duesInvoiceByIdLoader(repos),
  exemptionRulesByAssociationId: exemptionRulesByAssociationIdLoader(repos),
  duesReminderStats: duesReminderStatsLoader(repos),
});

export type MembershipLoaders = ReturnType<typeof createLoaders>;
