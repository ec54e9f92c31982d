import type { FieldRule } from '../field-rules';

/** Access rules of the training subgraph's fields (schema/training.graphql). */
// prettier-ignore
export const TRAINING_FIELD_RULES: Readonly<Record<string, FieldRule>> = {
  'Person.trainingAttendances': 'TRAINING',
  // Attendance is reachable from Person (TRAINING) and from TrainingSession.attendances
  'Attendance.id': 'NESTED', 'Attendance.session': 'NESTED', 'Attendance.person': 'NESTED',
  'Attendance.status': 'NESTED', 'Attendance.attendedAt': 'NESTED', 'Attendance.units': 'NESTED',
  'TrainingSession.id': 'AUTHENTICATED', 'TrainingSession.host': 'AUTHENTICATED',
  'TrainingSession.programCode': 'AUTHENTICATED', 'TrainingSession.title': 'AUTHENTICATED',
  'TrainingSession.startsAt': 'AUTHENTICATED', 'TrainingSession.venue': 'AUTHENTICATED',
  'TrainingSession.units': 'AUTHENTICATED', 'TrainingSession.capacity': 'AUTHENTICATED',
  'TrainingSession.attendances': 'PERSON_LOOKUP',
  'Query.trainingSession': 'AUTHENTICATED', 'Query.trainingSessions': 'AUTHENTICATED',
};
