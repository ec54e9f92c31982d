import type { AttendanceImportRowResolvers } from '../generated/resolver-types';

export const attendanceImportRowResolvers: AttendanceImportRowResolvers = {
  /** Only a person the viewer may see (MATCHED / ALREADY_RECORDED rows: on the host's list). */
  person: async (r, _, ctx) =>
    r.personId && (await ctx.access.visible(r.personId)) ? { __typename: 'Person', id: r.personId } : null,
};
