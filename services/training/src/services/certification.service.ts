import {
  actorOf,
  AppError,
  badInput,
  clock,
  conflict,
  ErrorCode,
  isJmaProgram,
  Messages,
  idempotencyScopeOf,
  notFound,
  withIdempotency,
} from '@mamis/platform';
import type { TrainingWriteContext } from '../context';
import type { EntityManager } from 'typeorm';
import { CertificationApplicationEntity, type CertificationKind } from '../entities';
import { addDays, addYears, ruleInForce } from '../rules/progress';
import { ruleParamProblems, type RuleParams } from '../rules/rule-params';
import { appendCreditEntries, isHalfUnitStep, reverseCreditEntries } from './credit-ledger.service';

/**
 * Certification: rule versions, manual credit entries and their reversal,
 * applications filed → checked (prefecture) → approved (JMA) → certificate + expiry reminders.
 * Every flow authorizes first through ctx.access (policy.ts decides), then writes in ONE transaction.
 */

export interface RuleInput {
  programCode: string;
  kind: CertificationKind;
  effectiveFrom: string;
  effectiveTo?: string | null;
  window: RuleParams['window'];
  windowYears?: number | null;
  totalMeasure: RuleParams['totalMeasure'];
  minTotal: number;
  minDistinctCodes?: number | null;
  categoryOf?: { code: string; category: string }[] | null;
  minByCategory?: { category: string; units: number }[] | null;
  validityYears: number;
  graceDays?: number | null;
  applyWithinYears?: number | null;
  requiresCertificate?: string | null;
  evidenceRequired?: boolean | null;
  note?: string | null;
}

export interface CreateProgramInput {
  associationId: string;
  name: string;
  nameJa: string;
  nameEn: string;
  codes?: string[] | null;
}

const OWN_PROGRAM_NAME = /^[A-Z][A-Z0-9_]{0,19}$/;

/**
 * An association's own programme (its administrators, MANAGE_OWN_PROGRAMS): the code is
 * OWN_<association code>_<name>, so programmes of different associations never collide and every
 * access rule reads it as an association's own (isOwnProgram).
 */
export async function createTrainingProgram(ctx: TrainingWriteContext, input: CreateProgramInput) {
  ctx.access.authorizeAssociation(input.associationId, 'MANAGE_OWN_PROGRAMS');
  const name = (input.name ?? '').normalize('NFKC').trim().toUpperCase();
  if (!OWN_PROGRAM_NAME.test(name)) throw badInput('input.name', Messages.OWN_PROGRAM_NAME);
  const nameJa = input.nameJa?.trim() ?? '';
  const nameEn = input.nameEn?.trim() ?? '';
  if (!nameJa || nameJa.length > 100) throw badInput('input.nameJa', Messages.OWN_PROGRAM_NAME_JA);
  if (!nameEn || nameEn.length > 100) throw badInput('input.nameEn', Messages.OWN_PROGRAM_NAME_EN);
  const codes = [...new Set((input.codes ?? []).map((c) => c.trim()).filter(Boolean))];
  codes.forEach((c, i) => {
    if (!/^[A-Za-z0-9_.-]{1,40}$/.test(c)) throw badInput(`input.codes.${i}`, Messages.OWN_PROGRAM_CODE);
  });
  const associationCode = await ctx.services.trainingRules.associationCode(input.associationId);
  if (!associationCode) throw badInput('input.associationId', Messages.UNKNOWN_ASSOCIATION);
  const code = `OWN_${associationCode}_${name}`;
  if (code.length > 40) throw badInput('input.name', Messages.OWN_PROGRAM_CODE_TOO_LONG);
  const ds = ctx.services.dataSource;
  try {
    return await ds.transaction((manager) =>
      ctx.services.trainingRules.addProgram(manager, {
        code,
        nameJa,
        nameEn,
        codes,
        ownerAssociationId: input.associationId,
      }),
    );
  } catch (err) {
    if ((err as { code?: string }).code === '23505')
      throw conflict(Messages.OWN_PROGRAM_EXISTS, 'input.name');
    throw err;
  }
}

/**
 * A new rule version: a JMA programme's (JMA administrators, MANAGE_TRAINING_RULES) or an
 * association's own programme's (its administrators, MANAGE_OWN_PROGRAMS).
 */
export async function addCertificationRule(ctx: TrainingWriteContext, input: RuleInput) {
  const programs = await ctx.services.trainingRules.programs();
  const program = programs.find((p) => p.code === input.programCode);
  if (program?.ownerAssociationId)
    ctx.access.authorizeAssociation(program.ownerAssociationId, 'MANAGE_OWN_PROGRAMS');
  else ctx.access.authorizeAssociation(ctx.viewer.associationId ?? '', 'MANAGE_TRAINING_RULES');
  if (!program) throw badInput('input.programCode', Messages.UNKNOWN_PROGRAM({ program: input.programCode }));
  if (input.requiresCertificate && !programs.some((p) => p.code === input.requiresCertificate))
    throw badInput(
      'input.requiresCertificate',
      Messages.UNKNOWN_PROGRAM({ program: input.requiresCertificate }),
    );
  if (input.effectiveTo && input.effectiveTo < input.effectiveFrom)
    throw badInput('input.effectiveTo', Messages.EFFECTIVE_TO_BEFORE_FROM);
  const params: RuleParams = {
    window: input.window,
    ...(input.windowYears != null ? { windowYears: input.windowYears } : {}),
    totalMeasure: input.totalMeasure,
    minTotal: input.minTotal,
    ...(input.minDistinctCodes != null ? { minDistinctCodes: input.minDistinctCodes } : {}),
    ...(input.categoryOf?.length
      ? { categoryOf: Object.fromEntries(input.categoryOf.map((m) => [m.code, m.category])) }
      : {}),
    ...(input.minByCategory?.length
      ? { minByCategory: Object.fromEntries(input.minByCategory.map((m) => [m.category, m.units])) }
      : {}),
    validityYears: input.validityYears,
    ...(input.graceDays != null ? { graceDays: input.graceDays } : {}),
    ...(input.applyWithinYears != null ? { applyWithinYears: input.applyWithinYears } : {}),
    ...(input.requiresCertificate ? { requiresCertificate: input.requiresCertificate } : {}),
    ...(input.evidenceRequired ? { evidenceRequired: true } : {}),
  };
  const [problem] = ruleParamProblems(params);
  if (problem) throw badInput(`input.${problem[0]}`, problem[1]);
  const ds = ctx.services.dataSource;
  try {
    return await ds.transaction((manager) =>
      ctx.services.trainingRules.addRule(manager, {
        programCode: input.programCode,
        kind: input.kind,
        effectiveFrom: input.effectiveFrom,
        effectiveTo: input.effectiveTo ?? null,
        params,
        note: input.note?.trim() || null,
        createdBy: actorOf(ctx.viewer),
      }),
    );
  } catch (err) {
    if ((err as { code?: string }).code === '23505')
      throw conflict(Messages.RULE_VERSION_EXISTS, 'input.effectiveFrom');
    throw err;
  }
}

export interface CreditEntryInput {
  personId: string;
  programCode: string;
  code: string;
  units: number;
  earnedOn: string;
  evidence: string;
}

/**
 * A manual ledger entry with evidence (e.g. carried over from the paper logbook): ADD_CREDIT_ENTRY.
 * `today` (default: the clock's) bounds `earnedOn`.
 */
export async function addCreditEntry(
  ctx: TrainingWriteContext,
  input: CreditEntryInput,
  today: string = clock.today(),
) {
  await ctx.access.authorizeWrite(input.personId, 'ADD_CREDIT_ENTRY');
  if (!isHalfUnitStep(input.units)) throw badInput('input.units', Messages.UNITS_HALF_STEP);
  if (!input.evidence?.trim()) throw badInput('input.evidence', Messages.EVIDENCE_REQUIRED);
  if (input.earnedOn > today) throw badInput('input.earnedOn', Messages.NOT_IN_FUTURE);
  const ds = ctx.services.dataSource;
  try {
    const [row] = await ds.transaction((manager) =>
      appendCreditEntries(ctx, manager, [{ ...input, source: 'MANUAL', recordedBy: actorOf(ctx.viewer) }]),
    );
    return row!;
  } catch (err) {
    // the ledger reports entries.0.<field>; this mutation's input is one entry
    const field = err instanceof AppError ? err.extensions.field : undefined;
    if (typeof field === 'string')
      throw new AppError(ErrorCode.BAD_USER_INPUT, (err as AppError).message, {
        field: field.replace(/^entries\.0\./, 'input.'),
        details: (err as AppError).extensions.details as Record<string, unknown> | undefined,
      });
    throw err;
  }
}

/** Correct an entry by a reversing entry (the same right as adding one). */
export async function reverseCreditEntry(ctx: TrainingWriteContext, entryId: string, reason: string) {
  const ds = ctx.services.dataSource;
  if (!reason?.trim()) throw badInput('reason', Messages.REASON_REQUIRED);
  return ds.transaction(async (manager) => {
    const [entry] = await ctx.services.creditLedger.byIdsIn(manager, [entryId]);
    if (!entry) throw notFound(Messages.CREDIT_ENTRY_NOT_FOUND);
    await ctx.access.authorizeWrite(entry.personId, 'ADD_CREDIT_ENTRY');
    const [row] = await reverseCreditEntries(ctx, manager, [entryId], reason, actorOf(ctx.viewer));
    return row!;
  });
}

export interface FileInput {
  personId: string;
  programCode: string;
  kind: CertificationKind;
  prefecturalAssociationId?: string | null;
  holderName: string;
  evidence?: string | null;
  idempotencyKey: string;
}

/** File a new / renewal application (the physician: FILE_CERTIFICATION_APPLICATION), idempotent. */
export async function fileCertificationApplication(ctx: TrainingWriteContext, input: FileInput) {
  await ctx.access.authorizeWrite(input.personId, 'FILE_CERTIFICATION_APPLICATION');
  const programs = await ctx.services.trainingRules.programs();
  const program = programs.find((p) => p.code === input.programCode);
  if (!program) throw badInput('input.programCode', Messages.UNKNOWN_PROGRAM({ program: input.programCode }));
  if (!program.jmaProgram && !program.ownerAssociationId)
    throw badInput('input.programCode', Messages.OWN_PROGRAM_NO_CERTIFICATION);
  const holderName = input.holderName?.trim() ?? '';
  if (!holderName || holderName.length > 100) throw badInput('input.holderName', Messages.HOLDER_NAME);
  const ds = ctx.services.dataSource;
  const result = await withIdempotency(
    ds,
    {
      operation: 'fileCertificationApplication',
      actor: idempotencyScopeOf(ctx.viewer),
      key: input.idempotencyKey,
      payload: input,
    },
    async (manager) => {
      // JMA programmes: the prefecture checks; an association's own: its owner decides, for its
      // current members
      const prefecture = program.ownerAssociationId
        ? (await ctx.services.certification.isCurrentMember(input.personId, program.ownerAssociationId))
          ? program.ownerAssociationId
          : null
        : await ctx.services.certification.prefecturalAssociationOf(
            input.personId,
            input.prefecturalAssociationId,
          );
      if (!prefecture)
        throw badInput(
          program.ownerAssociationId ? 'input.programCode' : 'input.prefecturalAssociationId',
          program.ownerAssociationId ? Messages.OWN_PROGRAM_MEMBERS_ONLY : Messages.CHECKING_ASSOCIATION,
        );
      const progress = await ctx.loaders.trainingSummary.load({
        personId: input.personId,
        programCode: input.programCode,
        kind: input.kind,
      });
      if (!progress.eligible) {
        const missing = progress.requirements
          .filter((r) => !r.met)
          .map((r) => `${r.key} (${r.missing} missing)`);
        throw new AppError(
          ErrorCode.BAD_USER_INPUT,
          missing.length
            ? Messages.REQUIREMENTS_NOT_MET({ missing: missing.join(', ') })
            : Messages.APPLICATION_DEADLINE_PASSED,
          {
            field: 'input.programCode',
            details: { requirements: progress.requirements, deadline: progress.deadline },
          },
        );
      }
      if (progress.evidenceRequired && !input.evidence?.trim())
        throw badInput('input.evidence', Messages.APPLICATION_EVIDENCE_REQUIRED);
      if (await ctx.services.certification.openApplication(manager, input.personId, input.programCode))
        throw conflict(Messages.APPLICATION_IN_PROGRESS, 'input.programCode');
      const app = await ctx.services.certification.insertApplication(manager, {
        personId: input.personId,
        programCode: input.programCode,
        kind: progress.kind,
        prefecturalAssociationId: prefecture,
        holderName,
        evidence: input.evidence?.trim() || null,
        progressSnapshot: JSON.parse(JSON.stringify(progress)) as Record<string, unknown>,
        renewsCertificateId: progress.renewsCertificateId,
        filedBy: actorOf(ctx.viewer),
      });
      await ctx.services.certification.addStep(
        manager,
        app,
        'FILE',
        'FILED',
        null,
        actorOf(ctx.viewer),
        null,
      );
      return { id: app.id };
    },
  );
  return (await ctx.services.certification.applicationById(result.id))!;
}

export interface DecideInput {
  id: string;
  version: number;
  approve: boolean;
  note?: string | null;
}

async function lockForDecision(ctx: TrainingWriteContext, manager: EntityManager, input: DecideInput) {
  const app = await ctx.services.certification.lockApplication(manager, input.id);
  if (!app) throw notFound(Messages.APPLICATION_NOT_FOUND);
  return app;
}

/** The prefectural association's check (its own staff: CHECK_CERTIFICATION_APPLICATION). */
export async function checkCertificationApplication(ctx: TrainingWriteContext, input: DecideInput) {
  const ds = ctx.services.dataSource;
  return ds.transaction(async (manager) => {
    const app = await lockForDecision(ctx, manager, input);
    ctx.access.authorizeAssociation(app.prefecturalAssociationId, 'CHECK_CERTIFICATION_APPLICATION');
    if (!isJmaProgram(app.programCode)) throw conflict(Messages.OWN_PROGRAM_NO_CHECK, 'input.id');
    if (app.status !== 'FILED')
      throw conflict(Messages.APPLICATION_NOT_AWAITING_CHECK({ status: app.status }), 'input.id');
    if (app.version !== input.version) throw conflict(Messages.APPLICATION_CHANGED, 'input.version');
    await ctx.services.certification.setStatus(manager, app, input.approve ? 'CHECKED' : 'REJECTED');
    await ctx.services.certification.addStep(
      manager,
      app,
      'CHECK',
      input.approve ? 'PASSED' : 'RETURNED',
      app.prefecturalAssociationId,
      actorOf(ctx.viewer),
      input.note?.trim() || null,
    );
    return (await manager.findOneBy(CertificationApplicationEntity, { id: app.id }))!;
  });
}

/**
 * The JMA's decision (APPROVE_CERTIFICATION_APPLICATION); approval issues the certificate. `today`
 * (default: the clock's) picks the rule in force, starts the validity and schedules the reminders.
 */
export async function approveCertificationApplication(
  ctx: TrainingWriteContext,
  input: DecideInput,
  today: string = clock.today(),
) {
  const deciderId = ctx.viewer.associationId ?? '';
  const ds = ctx.services.dataSource;
  const rules = await ctx.loaders.rules.load('all');
  return ds.transaction(async (manager) => {
    const app = await lockForDecision(ctx, manager, input);
    // JMA programmes: the JMA, after the check; an association's own: its owner (the checking
    // association recorded on filing), on the filed application
    const own = !isJmaProgram(app.programCode);
    if (own) ctx.access.authorizeAssociation(app.prefecturalAssociationId, 'DECIDE_OWN_CERTIFICATION');
    else ctx.access.authorizeAssociation(deciderId, 'APPROVE_CERTIFICATION_APPLICATION');
    const issuerId = own ? app.prefecturalAssociationId : deciderId;
    if (app.status !== (own ? 'FILED' : 'CHECKED'))
      throw conflict(
        own
          ? Messages.APPLICATION_NOT_AWAITING_ASSOCIATION({ status: app.status })
          : Messages.APPLICATION_NOT_AWAITING_JMA({ status: app.status }),
        'input.id',
      );
    if (app.version !== input.version) throw conflict(Messages.APPLICATION_CHANGED, 'input.version');
    let certificateId: string | undefined;
    if (input.approve) {
      const rule = ruleInForce(rules, app.programCode, app.kind, today);
      if (!rule) throw conflict(Messages.NO_RULE_IN_FORCE, 'input.id');
      // a renewal continues the renewed certificate's period; a new one starts today
      let validFrom = today;
      if (app.renewsCertificateId) {
        const [renewed] = await ctx.services.certification.certificatesByIdsIn(manager, [
          app.renewsCertificateId,
        ]);
        if (renewed) {
          const next = addDays(renewed.validTo, 1);
          validFrom = next > today ? next : today;
          // within the grace period the new period still continues the old one
          if (rule.params.graceDays && today <= addDays(renewed.validTo, rule.params.graceDays))
            validFrom = next;
        }
      }
      const cert = await ctx.services.certification.issueCertificate(manager, {
        personId: app.personId,
        programCode: app.programCode,
        validFrom,
        validTo: addDays(addYears(validFrom, rule.params.validityYears), -1),
        holderName: app.holderName,
        issuerAssociationId: issuerId,
        applicationId: app.id,
        issuedBy: actorOf(ctx.viewer),
      });
      certificateId = cert.id;
      await ctx.services.certification.scheduleReminders(manager, today, cert.id);
    }
    await ctx.services.certification.setStatus(
      manager,
      app,
      input.approve ? 'APPROVED' : 'REJECTED',
      certificateId,
    );
    await ctx.services.certification.addStep(
      manager,
      app,
      'APPROVE',
      input.approve ? 'APPROVED' : 'REJECTED',
      issuerId,
      actorOf(ctx.viewer),
      input.note?.trim() || null,
    );
    return (await manager.findOneBy(CertificationApplicationEntity, { id: app.id }))!;
  });
}
