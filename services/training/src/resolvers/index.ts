import { DateTimeScalar } from '@mamis/platform';
import { attendanceResolvers } from './attendance.resolver';
import { personResolvers } from './person.resolver';
import { queryResolvers } from './query.resolver';
import { trainingSessionResolvers } from './training-session.resolver';

export const resolvers = {
  DateTime: DateTimeScalar,
  Query: queryResolvers,
  TrainingSession: trainingSessionResolvers,
  Attendance: attendanceResolvers,
  Person: personResolvers,
};
