import type { TrainingContext } from '../context';
import type { ImportRow } from '../services/attendance.service';

export const attendanceImportRowResolvers = {
  /** Only a person the viewer may see (MATCHED / ALREADY_RECORDED rows: on the host's list). */
  person: async (r: ImportRow, _: unknown, ctx: TrainingContext) =>
    r.personId && (await ctx.access.visible(r.personId)) ? { __typename: 'Person', id: r.personId } : null,
};
