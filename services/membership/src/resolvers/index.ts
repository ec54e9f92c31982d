import { DateScalar, DateTimeScalar, YenScalar } from '@mamis/platform';
import type { Resolvers } from '../generated/resolver-types';
import { accessLogEntryResolvers } from './access-log-entry.resolver';
import { associationResolvers } from './association.resolver';
import { membershipResolvers } from './membership.resolver';
import { personConnectionResolvers } from './person-connection.resolver';
import { personResolvers } from './person.resolver';
import { queryResolvers } from './query.resolver';
import { viewerResolvers } from './viewer.resolver';
import { mutationResolvers } from './mutation.resolver';
import { membershipEventResolvers } from './membership-event.resolver';
import { membershipApplicationResolvers } from './membership-application.resolver';
import { applicationStepResolvers } from './application-step.resolver';
import { statisticsQueryResolvers, statisticsResolvers } from './statistics.resolver';
import {
  duesAssociationResolvers,
  duesInvoiceResolvers,
  duesMutationResolvers,
  duesPaymentResolvers,
  duesPersonResolvers,
  duesQueryResolvers,
  duesReminderLineResolvers,
  invoiceRunSkipResolvers,
  plannedDuesInvoiceResolvers,
  paymentImportRowResolvers,
} from './dues.resolver';
import { officeOperationQueryResolvers, officeOperationResolvers } from './office-operation.resolver';
import {
  mailingMutationResolvers,
  mailingPersonResolvers,
  provisionRecordResolvers,
} from './mailing.resolver';
import {
  registryMatchMutationResolvers,
  registryMatchPersonResolvers,
  registryMatchResolvers,
} from './registry-match.resolver';

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Yen: YenScalar,
  Query: {
    ...queryResolvers,
    ...statisticsQueryResolvers,
    ...duesQueryResolvers,
    ...officeOperationQueryResolvers,
  },
  Statistics: statisticsResolvers,
  Association: { ...associationResolvers, ...duesAssociationResolvers },
  Person: {
    ...personResolvers,
    ...duesPersonResolvers,
    ...mailingPersonResolvers,
    ...registryMatchPersonResolvers,
  },
  Membership: membershipResolvers,
  Mutation: {
    ...mutationResolvers,
    ...duesMutationResolvers,
    ...mailingMutationResolvers,
    ...registryMatchMutationResolvers,
  },
  MembershipEvent: membershipEventResolvers,
  MembershipApplication: membershipApplicationResolvers,
  ApplicationStep: applicationStepResolvers,
  PersonConnection: personConnectionResolvers,
  AccessLogEntry: accessLogEntryResolvers,
  DuesInvoice: duesInvoiceResolvers,
  DuesPayment: duesPaymentResolvers,
  InvoiceRunSkip: invoiceRunSkipResolvers,
  PlannedDuesInvoice: plannedDuesInvoiceResolvers,
  DuesReminderLine: duesReminderLineResolvers,
  PaymentImportRow: paymentImportRowResolvers,
  ProvisionRecord: provisionRecordResolvers,
  OfficeOperation: officeOperationResolvers,
  RegistryMatch: registryMatchResolvers,
  Viewer: viewerResolvers,
};
