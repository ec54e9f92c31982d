import { DateScalar, DateTimeScalar } from '@mamis/platform';
import { personResolvers } from './person.resolver';
import { queryResolvers } from './query.resolver';

export const resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query: queryResolvers,
  Person: personResolvers,
};
