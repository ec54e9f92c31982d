import { DateScalar, DateTimeScalar } from '@mamis/platform';
import { accessLogEntryResolvers } from './access-log-entry.resolver';
import { associationResolvers } from './association.resolver';
import { membershipResolvers } from './membership.resolver';
import { personConnectionResolvers } from './person-connection.resolver';
import { personResolvers } from './person.resolver';
import { queryResolvers } from './query.resolver';

export const resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query: queryResolvers,
  Association: associationResolvers,
  Person: personResolvers,
  Membership: membershipResolvers,
  PersonConnection: personConnectionResolvers,
  AccessLogEntry: accessLogEntryResolvers,
};
