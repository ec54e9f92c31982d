import {
  cancelRegistration,
  checkIn,
  importAttendanceCsv,
  recordAttendance,
  registerForSession,
} from '../services/attendance.service';
import {
  cancelSession,
  createSession,
  regenerateCheckInCode,
  updateSession,
} from '../services/session.service';
import type { MutationResolvers } from '../generated/resolver-types';

/** Mutations of sessions, registration and attendance: session.service.ts, attendance.service.ts. */
export const sessionMutationResolvers: MutationResolvers = {
  createTrainingSession: (_, args, ctx) => createSession(ctx, args.input),
  updateTrainingSession: (_, args, ctx) => updateSession(ctx, args.input),
  cancelTrainingSession: (_, args, ctx) => cancelSession(ctx, args.id, args.version),
  regenerateCheckInCode: (_, args, ctx) => regenerateCheckInCode(ctx, args.sessionId),
  registerForSession: (_, args, ctx) => registerForSession(ctx, args.input),
  cancelSessionRegistration: (_, args, ctx) => cancelRegistration(ctx, args.sessionId, args.personId),
  recordAttendance: (_, args, ctx) => recordAttendance(ctx, args.input),
  importAttendanceCsv: (_, args, ctx) => importAttendanceCsv(ctx, args.input),
  checkInToSession: (_, args, ctx) => checkIn(ctx, args.sessionId, args.code),
};
