import { DateScalar } from '@mamis/platform';
import { personResolvers } from './person.resolver';

export const resolvers = {
  Date: DateScalar,
  Person: personResolvers,
};
