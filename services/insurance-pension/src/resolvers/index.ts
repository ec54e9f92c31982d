import { DateScalar, DateTimeScalar } from '@mamis/platform';
import type { Resolvers } from '../generated/resolver-types';
import { insuranceEnrolmentResolvers } from './insurance-enrolment.resolver';
import { mutationResolvers } from './mutation.resolver';
import { personResolvers } from './person.resolver';
import { statisticsResolvers } from './statistics.resolver';
import { pensionChangeResolvers, physicianPensionResolvers } from './physician-pension.resolver';

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Person: personResolvers,
  InsuranceEnrolment: insuranceEnrolmentResolvers,
  PhysicianPension: physicianPensionResolvers,
  PensionChange: pensionChangeResolvers,
  Mutation: mutationResolvers,
  // insurance aggregates of Statistics
  Statistics: statisticsResolvers,
};
