import { DateScalar, DateTimeScalar } from '@mamis/platform';
import type { Resolvers } from '../generated/resolver-types';
import { attendanceResolvers } from './attendance.resolver';
import { personResolvers } from './person.resolver';
import { queryResolvers } from './query.resolver';
import { statisticsResolvers } from './statistics.resolver';
import { sessionCreditResolvers, trainingSessionResolvers } from './training-session.resolver';
import { sessionMutationResolvers } from './session-mutation.resolver';
import { attendanceImportRowResolvers } from './attendance-import.resolver';
import { personTrainingResolvers } from './person-training.resolver';
import { certificationQueryResolvers } from './certification-query.resolver';
import { certificationMutationResolvers } from './certification-mutation.resolver';
import {
  certificateResolvers,
  certificationApplicationResolvers,
  certificationRuleResolvers,
  certificationStepResolvers,
  creditEntryResolvers,
  trainingProgramResolvers,
} from './certification.resolver';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Date: DateScalar,
  Query: { ...queryResolvers, ...certificationQueryResolvers },
  TrainingSession: trainingSessionResolvers,
  Attendance: attendanceResolvers,
  Person: { ...personResolvers, ...personTrainingResolvers },
  // training aggregates of Statistics
  Statistics: statisticsResolvers,
  // sessions, registration, attendance
  SessionCredit: sessionCreditResolvers,
  AttendanceImportRow: attendanceImportRowResolvers,
  Mutation: {
    ...sessionMutationResolvers,
    ...certificationMutationResolvers,
  },
  // programs and rules, credit ledger, certification
  TrainingProgram: trainingProgramResolvers,
  CertificationRule: certificationRuleResolvers,
  CreditEntry: creditEntryResolvers,
  Certificate: certificateResolvers,
  CertificationApplication: certificationApplicationResolvers,
  CertificationStep: certificationStepResolvers,
};
