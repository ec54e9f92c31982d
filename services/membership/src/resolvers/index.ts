import { DateScalar, DateTimeScalar } from '@mamis/platform';
import { accessLogEntryResolvers } from './access-log-entry.resolver';
import { associationResolvers } from './association.resolver';
import { membershipResolvers } from './membership.resolver';
import { personConnectionResolvers } from './person-connection.resolver';
import { personResolvers } from './person.resolver';
import { queryResolvers } from './query.resolver';
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
  invoiceRunSkipResolvers,
  paymentImportRowResolvers,
} from './dues.resolver';
import {
  mailingMutationResolvers,
  mailingPersonResolvers,
  provisionRecordResolvers,
} from './mailing.resolver';

export const resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query: { ...queryResolvers, ...statisticsQueryResolvers, ...duesQueryResolvers },
  Statistics: statisticsResolvers,
  Association: { ...associationResolvers, ...duesAssociationResolvers },
  Person: { ...personResolvers, ...duesPersonResolvers, ...mailingPersonResolvers },
  Membership: membershipResolvers,
  Mutation: { ...mutationResolvers, ...duesMutationResolvers, ...mailingMutationResolvers },
  MembershipEvent: membershipEventResolvers,
  MembershipApplication: membershipApplicationResolvers,
  ApplicationStep: applicationStepResolvers,
  PersonConnection: personConnectionResolvers,
  AccessLogEntry: accessLogEntryResolvers,
  DuesInvoice: duesInvoiceResolvers,
  DuesPayment: duesPaymentResolvers,
  InvoiceRunSkip: invoiceRunSkipResolvers,
  PaymentImportRow: paymentImportRowResolvers,
  ProvisionRecord: provisionRecordResolvers,
};
