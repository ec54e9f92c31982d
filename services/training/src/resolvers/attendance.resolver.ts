import type { TrainingContext } from '../context';
import type { AttendanceEntity } from '../entities';

export const attendanceResolvers = {
  session: (a: AttendanceEntity, _: unknown, ctx: TrainingContext) =>
    ctx.loaders.sessionById.load(a.sessionId),
  person: (a: AttendanceEntity) => ({ __typename: 'Person', id: a.personId }),
  units: (a: AttendanceEntity) => Number(a.units),
};
