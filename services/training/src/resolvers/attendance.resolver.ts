import { Messages, notFound } from '@mamis/platform';
import type { AttendanceResolvers } from '../generated/resolver-types';

export const attendanceResolvers: AttendanceResolvers = {
  session: async (a, _, ctx) => {
    const session = await ctx.loaders.sessionById.load(a.sessionId);
    if (!session) throw notFound(Messages.SESSION_NOT_FOUND);
    return session;
  },
  person: (a) => ({ __typename: 'Person', id: a.personId }),
  units: (a) => Number(a.units),
  /**
   * A download link for the attendance certificate (受講証明書). The attendance reached the viewer
   * through a scoped field (the person's training, or the host's session); the person must still
   * be visible, and only an attended session has a certificate.
   */
  certificateDocument: async (a, _, ctx) => {
    if (a.status !== 'ATTENDED' || !a.attendedAt) return null;
    const relations = await ctx.access.relations(a.personId);
    if (relations.size === 0) return null;
    return ctx.services.documents.attendanceLink(a, ctx.viewer, relations);
  },
};
