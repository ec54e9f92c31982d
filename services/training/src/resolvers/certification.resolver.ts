import { certificateInScope, clock } from '@mamis/platform';
import type { TrainingContext } from '../context';
import type {
  CertificateEntity,
  CertificationApplicationEntity,
  CertificationStepEntity,
  CreditEntryEntity,
  TrainingProgramEntity,
} from '../entities';
import type { RuleVersion } from '../rules/progress';

/** A certificate's status on `today` (default: the clock's). */
export const certificateStatus = (c: { validFrom: string; validTo: string }, today = clock.today()) =>
  today < c.validFrom ? 'NOT_YET_VALID' : today > c.validTo ? 'EXPIRED' : 'VALID';

export const creditEntryResolvers = {
  units: (e: CreditEntryEntity) => Number(e.units),
  session: (e: CreditEntryEntity, _: unknown, ctx: TrainingContext) =>
    e.sessionId ? ctx.loaders.sessionById.load(e.sessionId) : null,
};

export const certificateResolvers = {
  status: (c: CertificateEntity) => certificateStatus(c),
  person: (c: CertificateEntity) => ({ __typename: 'Person', id: c.personId }),
  /** A download link for the PDF, for a viewer whose training scope covers the certificate. */
  document: async (c: CertificateEntity, _: unknown, ctx: TrainingContext) => {
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

export const certificationApplicationResolvers = {
  person: (a: CertificationApplicationEntity) => ({ __typename: 'Person', id: a.personId }),
  prefecturalAssociation: (a: CertificationApplicationEntity) => ({
    __typename: 'Association',
    id: a.prefecturalAssociationId,
  }),
  steps: (a: CertificationApplicationEntity, _: unknown, ctx: TrainingContext) =>
    ctx.loaders.certificationStepsByApplicationId.load(a.id),
  certificate: (a: CertificationApplicationEntity, _: unknown, ctx: TrainingContext) =>
    a.certificateId ? ctx.loaders.certificateById.load(a.certificateId) : null,
};

export const certificationStepResolvers = {
  association: (s: CertificationStepEntity) =>
    s.associationId ? { __typename: 'Association', id: s.associationId } : null,
};

export const certificationRuleResolvers = {
  window: (r: RuleVersion) => r.params.window,
  windowYears: (r: RuleVersion) => r.params.windowYears ?? null,
  totalMeasure: (r: RuleVersion) => r.params.totalMeasure,
  minTotal: (r: RuleVersion) => r.params.minTotal,
  minDistinctCodes: (r: RuleVersion) => r.params.minDistinctCodes ?? null,
  categoryOf: (r: RuleVersion) =>
    Object.entries(r.params.categoryOf ?? {}).map(([code, category]) => ({ code, category })),
  minByCategory: (r: RuleVersion) =>
    Object.entries(r.params.minByCategory ?? {}).map(([category, units]) => ({ category, units })),
  validityYears: (r: RuleVersion) => r.params.validityYears,
  graceDays: (r: RuleVersion) => r.params.graceDays ?? null,
  applyWithinYears: (r: RuleVersion) => r.params.applyWithinYears ?? null,
  requiresCertificate: (r: RuleVersion) => r.params.requiresCertificate ?? null,
  evidenceRequired: (r: RuleVersion) => !!r.params.evidenceRequired,
  note: (r: RuleVersion & { note?: string | null }) => r.note ?? null,
};

export const trainingProgramResolvers = {
  rules: async (p: TrainingProgramEntity, _: unknown, ctx: TrainingContext) =>
    (await ctx.loaders.rules.load('all')).filter((r) => r.programCode === p.code),
};
