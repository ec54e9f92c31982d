import type { TrainingContext } from '../context';
import type { AttendanceEntity } from '../entities';

export const attendanceResolvers = {
  session: (a: AttendanceEntity, _: unknown, ctx: TrainingContext) =>
    ctx.loaders.sessionById.load(a.sessionId),
  person: (a: AttendanceEntity) => ({ __typename: 'Person', id: a.personId }),
  units: (a: AttendanceEntity) => Number(a.units),
  /**
   * A download link for the attendance certificate (受講証明書). The attendance reached the viewer
   * through a scoped field (the person's training, or the host's session); the person must still
   * be visible, and only an attended session has a certificate.
   */
  certificateDocument: async (a: AttendanceEntity, _: unknown, ctx: TrainingContext) => {
    if (a.status !== 'ATTENDED' || !a.attendedAt) return null;
    const relations = await ctx.access.relations(a.personId);
    if (relations.size === 0) return null;
    return ctx.services.documents.attendanceLink(a, ctx.viewer, relations);
  },
};
