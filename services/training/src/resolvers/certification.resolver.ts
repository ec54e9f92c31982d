import { certificateInScope, clock } from '@mamis/platform';
import type { CertificateEntity, TrainingProgramEntity } from '../entities';
import type { RuleVersion } from '../rules/progress';
import type {
  CertificateStatus,
  CertificateResolvers,
  CertificationApplicationResolvers,
  CertificationRuleResolvers,
  CertificationStepResolvers,
  CreditEntryResolvers,
  TrainingProgramResolvers,
} from '../generated/resolver-types';

/** A rule version as served: the stored rule's note where the row has one. */
export type ServedRule = RuleVersion & { note?: string | null };

/** A certificate's status on `today` (default: the clock's). */
export const certificateStatus = (
  c: { validFrom: string; validTo: string },
  today = clock.today(),
): CertificateStatus => (today < c.validFrom ? 'NOT_YET_VALID' : today > c.validTo ? 'EXPIRED' : 'VALID');

export const creditEntryResolvers: CreditEntryResolvers = {
  units: (e) => Number(e.units),
  session: (e, _, ctx) => (e.sessionId ? ctx.loaders.sessionById.load(e.sessionId) : null),
};

export const certificateResolvers: CertificateResolvers = {
  status: (c) => certificateStatus(c),
  person: (c) => ({ __typename: 'Person', id: c.personId }),
  /** A download link for the PDF, for a viewer whose training scope covers the certificate. */
  document: async (c, _, ctx) => {
    if (
      !(await ctx.access.recordInScope('TRAINING', c.personId, (scope) =>
        certificateInScope(scope, c, ctx.viewer),
      ))
    )
      return null;
    const relations = await ctx.access.relations(c.personId);
    return ctx.services.documents.certificateLink(c, ctx.viewer, relations);
  },
};

/** The public answer to a verification code: validity, program, period, holder's name — nothing else. */
export const toVerification = (
  c: CertificateEntity,
  program: TrainingProgramEntity | undefined,
  today = clock.today(),
) => {
  const status = certificateStatus(c, today);
  return {
    kind: 'CERTIFICATE' as const,
    sessionTitle: null,
    valid: status === 'VALID',
    status,
    programCode: c.programCode,
    programNameJa: program?.nameJa ?? c.programCode,
    programNameEn: program?.nameEn ?? c.programCode,
    validFrom: c.validFrom,
    validTo: c.validTo,
    holderName: c.holderName,
  };
};

export const certificationApplicationResolvers: CertificationApplicationResolvers = {
  person: (a) => ({ __typename: 'Person', id: a.personId }),
  prefecturalAssociation: (a) => ({
    __typename: 'Association',
    id: a.prefecturalAssociationId,
  }),
  steps: (a, _, ctx) => ctx.loaders.certificationStepsByApplicationId.load(a.id),
  certificate: (a, _, ctx) => (a.certificateId ? ctx.loaders.certificateById.load(a.certificateId) : null),
};

export const certificationStepResolvers: CertificationStepResolvers = {
  association: (s) => (s.associationId ? { __typename: 'Association', id: s.associationId } : null),
};

export const certificationRuleResolvers: CertificationRuleResolvers = {
  window: (r) => r.params.window,
  windowYears: (r) => r.params.windowYears ?? null,
  totalMeasure: (r) => r.params.totalMeasure,
  minTotal: (r) => r.params.minTotal,
  minDistinctCodes: (r) => r.params.minDistinctCodes ?? null,
  categoryOf: (r) =>
    Object.entries(r.params.categoryOf ?? {}).map(([code, category]) => ({ code, category })),
  minByCategory: (r) =>
    Object.entries(r.params.minByCategory ?? {}).map(([category, units]) => ({ category, units })),
  validityYears: (r) => r.params.validityYears,
  graceDays: (r) => r.params.graceDays ?? null,
  applyWithinYears: (r) => r.params.applyWithinYears ?? null,
  requiresCertificate: (r) => r.params.requiresCertificate ?? null,
  evidenceRequired: (r) => !!r.params.evidenceRequired,
  note: (r) => r.note ?? null,
};

export const trainingProgramResolvers: TrainingProgramResolvers = {
  rules: async (p, _, ctx) => (await ctx.loaders.rules.load('all')).filter((r) => r.programCode === p.code),
};
