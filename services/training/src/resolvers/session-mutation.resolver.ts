import type { TrainingContext } from '../context';
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
  type CreateSessionInput,
  type UpdateSessionInput,
  updateSession,
} from '../services/session.service';

/** Mutations of sessions, registration and attendance: session.service.ts, attendance.service.ts. */
export const sessionMutationResolvers = {
  createTrainingSession: (_: unknown, args: { input: CreateSessionInput }, ctx: TrainingContext) =>
    createSession(ctx, args.input),
  updateTrainingSession: (_: unknown, args: { input: UpdateSessionInput }, ctx: TrainingContext) =>
    updateSession(ctx, args.input),
  cancelTrainingSession: (_: unknown, args: { id: string; version: number }, ctx: TrainingContext) =>
    cancelSession(ctx, args.id, args.version),
  regenerateCheckInCode: (_: unknown, args: { sessionId: string }, ctx: TrainingContext) =>
    regenerateCheckInCode(ctx, args.sessionId),
  registerForSession: (
    _: unknown,
    args: {
      input: {
        sessionId: string;
        personId?: string | null;
        registryNumber?: string | null;
        idempotencyKey: string;
      };
    },
    ctx: TrainingContext,
  ) => registerForSession(ctx, args.input),
  cancelSessionRegistration: (
    _: unknown,
    args: { sessionId: string; personId: string },
    ctx: TrainingContext,
  ) => cancelRegistration(ctx, args.sessionId, args.personId),
  recordAttendance: (
    _: unknown,
    args: { input: { sessionId: string; personId?: string | null; registryNumber?: string | null } },
    ctx: TrainingContext,
  ) => recordAttendance(ctx, args.input),
  importAttendanceCsv: (
    _: unknown,
    args: { input: { sessionId: string; csv: string; dryRun: boolean } },
    ctx: TrainingContext,
  ) => importAttendanceCsv(ctx, args.input),
  checkInToSession: (_: unknown, args: { sessionId: string; code: string }, ctx: TrainingContext) =>
    checkIn(ctx, args.sessionId, args.code),
};
