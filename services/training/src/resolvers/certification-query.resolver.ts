import {
  addDays,
  badInput,
  certificateInScope,
  clock,
  runAsSystem,
  visiblePersonsSql,
} from '@mamis/platform';
import type { TrainingContext } from '../context';
import { toVerification } from './certification.resolver';

export const certificationQueryResolvers = {
  trainingPrograms: (_: unknown, __: unknown, ctx: TrainingContext) => ctx.services.trainingRules.programs(),

  /**
   * PUBLIC (no login): a certificate by its printed code. The lookup runs as the system (no viewer
   * may see the holder's other data); only validity, program, period and the printed name leave.
   */
  verifyCertificate: async (_: unknown, args: { code: string }, ctx: TrainingContext) => {
    const code = args.code.trim().toUpperCase();
    if (!/^[0-9A-Z-]{4,40}$/.test(code)) return null;
    const cert = await runAsSystem(() => ctx.services.certification.certificateByVerificationCode(code));
    if (!cert) return null;
    const programs = await ctx.services.trainingRules.programs();
    return toVerification(
      cert,
      programs.find((p) => p.code === cert.programCode),
    );
  },

  /** Staff of the association (LIST_CERTIFICATES): certificates of persons they may see, expiring soon. */
  expiringCertificates: async (
    _: unknown,
    args: { associationId: string; withinDays: number; first?: number | null },
    ctx: TrainingContext,
  ) => {
    ctx.access.authorizeAssociation(args.associationId, 'LIST_CERTIFICATES');
    if (!Number.isInteger(args.withinDays) || args.withinDays < 0 || args.withinDays > 3650)
      throw badInput('withinDays', 'must be between 0 and 3650');
    const first = args.first ?? 200;
    if (!Number.isInteger(first) || first < 1 || first > 1000)
      throw badInput('first', 'must be between 1 and 1000');
    const today = clock.today();
    const rows = await ctx.services.certification.expiring(
      visiblePersonsSql(ctx.viewer),
      today,
      addDays(today, args.withinDays),
      first,
    );
    const scopes = await Promise.all(rows.map((c) => ctx.access.scope(c.personId, 'TRAINING')));
    return rows.filter((c, i) => certificateInScope(scopes[i], c, ctx.viewer));
  },

  /** Applications waiting for the association's step: the prefecture's check, or the JMA's approval. */
  certificationApplicationsToDecide: async (
    _: unknown,
    args: { associationId: string },
    ctx: TrainingContext,
  ) => {
    const jma = ctx.viewer.associationTier === 'NATIONAL';
    ctx.access.authorizeAssociation(
      args.associationId,
      jma ? 'APPROVE_CERTIFICATION_APPLICATION' : 'CHECK_CERTIFICATION_APPLICATION',
    );
    const rows = jma
      ? await ctx.services.certification.awaiting('CHECKED')
      : await ctx.services.certification.awaiting('FILED', args.associationId);
    const visible = new Set(await ctx.access.filterVisible(rows.map((a) => a.personId)));
    const scopes = await Promise.all(
      rows.map((a) => (visible.has(a.personId) ? ctx.access.scope(a.personId, 'TRAINING') : undefined)),
    );
    return rows.filter((a, i) => certificateInScope(scopes[i], { programCode: a.programCode }, ctx.viewer));
  },
};
