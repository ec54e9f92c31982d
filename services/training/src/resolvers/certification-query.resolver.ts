import {
  addDays,
  badInput,
  certificateInScope,
  isJmaProgram,
  clock,
  Messages,
  runAsSystem,
  visiblePersonsSql,
} from '@mamis/platform';
import type { TrainingContext } from '../context';
import { toVerification } from './certification.resolver';
import { normalizeVerificationCode } from '../domain/verification-code';

export const certificationQueryResolvers = {
  trainingPrograms: (_: unknown, __: unknown, ctx: TrainingContext) => ctx.services.trainingRules.programs(),

  /**
   * PUBLIC (no login): a certificate by its printed code. The lookup runs as the system (no viewer
   * may see the holder's other data); only validity, program, period and the printed name leave.
   */
  verifyCertificate: async (_: unknown, args: { code: string }, ctx: TrainingContext) => {
    // any case, with or without hyphens or spaces: the canonical XXXX-XXXX-XXXX before the lookup
    const code = normalizeVerificationCode(args.code);
    if (!code) return null;
    return runAsSystem(async () => {
      const programs = await ctx.services.trainingRules.programs();
      const cert = await ctx.services.certification.certificateByVerificationCode(code);
      if (cert)
        return toVerification(
          cert,
          programs.find((p) => p.code === cert.programCode),
        );
      // an attendance certificate (受講証明書): the session, the date attended, the printed name
      const attendance = await ctx.services.attendances.byVerificationCode(code);
      if (!attendance?.attendedAt) return null;
      const [session] = await ctx.services.sessions.findByIds([attendance.sessionId]);
      if (!session) return null;
      const program = programs.find((p) => p.code === session.programCode);
      const attendedOn = new Date(attendance.attendedAt.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
      const valid = attendance.status === 'ATTENDED';
      return {
        kind: 'ATTENDANCE',
        sessionTitle: session.title,
        valid,
        status: valid ? 'VALID' : 'EXPIRED',
        programCode: session.programCode,
        programNameJa: program?.nameJa ?? session.programCode,
        programNameEn: program?.nameEn ?? session.programCode,
        validFrom: attendedOn,
        validTo: attendedOn,
        holderName: (await ctx.services.attendances.personName(attendance.personId)) ?? '',
      };
    });
  },

  /** Staff of the association (LIST_CERTIFICATES): certificates of persons they may see, expiring soon. */
  expiringCertificates: async (
    _: unknown,
    args: { associationId: string; withinDays: number; first?: number | null },
    ctx: TrainingContext,
  ) => {
    ctx.access.authorizeAssociation(args.associationId, 'LIST_CERTIFICATES');
    if (!Number.isInteger(args.withinDays) || args.withinDays < 0 || args.withinDays > 3650)
      throw badInput('withinDays', Messages.NUMBER_BETWEEN({ min: 0, max: 3650 }));
    const first = args.first ?? 200;
    if (!Number.isInteger(first) || first < 1 || first > 1000)
      throw badInput('first', Messages.NUMBER_BETWEEN({ min: 1, max: 1000 }));
    const today = clock.today();
    const rows = await ctx.services.certification.expiring(
      visiblePersonsSql(ctx.viewer),
      today,
      addDays(today, args.withinDays),
      first,
    );
    return ctx.access.recordsInScope(
      'TRAINING',
      rows,
      (c) => c.personId,
      (scope, c) => certificateInScope(scope, c, ctx.viewer),
    );
  },

  /**
   * Applications waiting for the association's step: the prefecture's check or the JMA's approval
   * (JMA programmes), and the owner's decision on its own programmes' filed applications.
   */
  certificationApplicationsToDecide: async (
    _: unknown,
    args: { associationId: string },
    ctx: TrainingContext,
  ) => {
    const tier = ctx.viewer.associationTier;
    ctx.access.authorizeAssociation(
      args.associationId,
      tier === 'NATIONAL'
        ? 'APPROVE_CERTIFICATION_APPLICATION'
        : tier === 'PREFECTURAL'
          ? 'CHECK_CERTIFICATION_APPLICATION'
          : 'DECIDE_OWN_CERTIFICATION',
    );
    // filed with this association as the checking (a prefecture) or deciding (an owner) one
    const filed = await ctx.services.certification.awaiting('FILED', args.associationId);
    const own = filed.filter((a) => !isJmaProgram(a.programCode));
    const rows =
      tier === 'NATIONAL'
        ? [...(await ctx.services.certification.awaiting('CHECKED')), ...own]
        : tier === 'PREFECTURAL'
          ? filed
          : own;
    const visible = new Set(await ctx.access.filterVisible(rows.map((a) => a.personId)));
    return ctx.access.recordsInScope(
      'TRAINING',
      rows.filter((a) => visible.has(a.personId)),
      (a) => a.personId,
      (scope, a) => certificateInScope(scope, { programCode: a.programCode }, ctx.viewer),
    );
  },
};
