import {
  AppError,
  badInput,
  clock,
  conflict,
  ErrorCode,
  notFound,
  withIdempotency,
  type Viewer,
} from '@mamis/platform';
import type { TrainingContext } from '../context';
import type { EntityManager } from 'typeorm';
import { CertificationApplicationEntity, type CertificationKind } from '../entities';
import { addDays, addYears, ruleInForce } from '../rules/progress';
import { ruleParamProblems, type RuleParams } from '../rules/rule-params';
import { isHalfUnitStep } from '../repositories/credit-ledger.repository';

/**
 * Certification flows (issue 7 part A): rule versions, manual credit entries and their reversal,
 * applications filed → checked (prefecture) → approved (JMA) → certificate + expiry reminders.
 * Every flow authorizes first through ctx.access (policy.ts decides), then writes in ONE transaction.
 */

/** Who recorded something: the token subject, with the actor when acting on someone's behalf. */
export const recorder = (viewer: Viewer) =>
  viewer.actor ? `${viewer.sub ?? viewer.kind} (by ${viewer.actor.sub})` : (viewer.sub ?? viewer.kind);

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

/** A new rule version (JMA administrators, MANAGE_TRAINING_RULES). */
export async function addCertificationRule(ctx: TrainingContext, input: RuleInput) {
  ctx.access.authorizeAssociation(ctx.viewer.associationId ?? '', 'MANAGE_TRAINING_RULES');
  const programs = await ctx.services.trainingRules.programs();
  if (!programs.some((p) => p.code === input.programCode))
    throw badInput('input.programCode', `Unknown program ${input.programCode}`);
  if (input.requiresCertificate && !programs.some((p) => p.code === input.requiresCertificate))
    throw badInput('input.requiresCertificate', `Unknown program ${input.requiresCertificate}`);
  if (input.effectiveTo && input.effectiveTo < input.effectiveFrom)
    throw badInput('input.effectiveTo', 'Must not be before effectiveFrom');
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
  const ds = ctx.services.certification.dataSource;
  try {
    return await ds.transaction((manager) =>
      ctx.services.trainingRules.addRule(manager, {
        programCode: input.programCode,
        kind: input.kind,
        effectiveFrom: input.effectiveFrom,
        effectiveTo: input.effectiveTo ?? null,
        params,
        note: input.note?.trim() || null,
        createdBy: recorder(ctx.viewer),
      }),
    );
  } catch (err) {
    if ((err as { code?: string }).code === '23505')
      throw conflict('A version of this rule already starts on that date', 'input.effectiveFrom');
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
  ctx: TrainingContext,
  input: CreditEntryInput,
  today: string = clock.today(),
) {
  await ctx.access.authorizeWrite(input.personId, 'ADD_CREDIT_ENTRY');
  if (!isHalfUnitStep(input.units)) throw badInput('input.units', 'Units must be positive, in steps of 0.5');
  if (!input.evidence?.trim()) throw badInput('input.evidence', 'Evidence is required for a manual entry');
  if (input.earnedOn > today) throw badInput('input.earnedOn', 'Must not be in the future');
  const ds = ctx.services.certification.dataSource;
  try {
    const [row] = await ds.transaction((manager) =>
      ctx.services.creditLedger.appendEntries(manager, [
        { ...input, source: 'MANUAL', recordedBy: recorder(ctx.viewer) },
      ]),
    );
    return row!;
  } catch (err) {
    // the ledger reports entries.0.<field>; this mutation's input is one entry
    const field = err instanceof AppError ? err.extensions.field : undefined;
    if (typeof field === 'string')
      throw badInput(field.replace(/^entries\.0\./, 'input.'), (err as AppError).message);
    throw err;
  }
}

/** Correct an entry by a reversing entry (the same right as adding one). */
export async function reverseCreditEntry(ctx: TrainingContext, entryId: string, reason: string) {
  const ds = ctx.services.certification.dataSource;
  if (!reason?.trim()) throw badInput('reason', 'A reason is required');
  return ds.transaction(async (manager) => {
    const [entry] = await ctx.services.creditLedger.byIdsIn(manager, [entryId]);
    if (!entry) throw notFound('Credit entry not found');
    await ctx.access.authorizeWrite(entry.personId, 'ADD_CREDIT_ENTRY');
    const [row] = await ctx.services.creditLedger.reverseEntries(
      manager,
      [entryId],
      reason,
      recorder(ctx.viewer),
    );
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
export async function fileCertificationApplication(ctx: TrainingContext, input: FileInput) {
  await ctx.access.authorizeWrite(input.personId, 'FILE_CERTIFICATION_APPLICATION');
  const programs = await ctx.services.trainingRules.programs();
  const program = programs.find((p) => p.code === input.programCode);
  if (!program) throw badInput('input.programCode', `Unknown program ${input.programCode}`);
  if (!program.jmaProgram)
    throw badInput('input.programCode', "An association's own program has no JMA certification");
  const holderName = input.holderName?.trim() ?? '';
  if (!holderName || holderName.length > 100)
    throw badInput('input.holderName', 'The name to print: 1 to 100 characters');
  const ds = ctx.services.certification.dataSource;
  const result = await withIdempotency(
    ds,
    {
      operation: 'fileCertificationApplication',
      actor: ctx.viewer.sub ?? '',
      key: input.idempotencyKey,
      payload: input,
    },
    async (manager) => {
      const prefecture = await ctx.services.certification.prefecturalAssociationOf(
        input.personId,
        input.prefecturalAssociationId,
      );
      if (!prefecture)
        throw badInput(
          'input.prefecturalAssociationId',
          'The checking association must be a prefectural association the physician is a member of',
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
          `The rule's requirements are not met: ${missing.join(', ') || 'deadline passed'}`,
          {
            field: 'input.programCode',
            details: { requirements: progress.requirements, deadline: progress.deadline },
          },
        );
      }
      if (progress.evidenceRequired && !input.evidence?.trim())
        throw badInput(
          'input.evidence',
          'This rule needs proof (e.g. of practical activity) with the application',
        );
      if (await ctx.services.certification.openApplication(manager, input.personId, input.programCode))
        throw conflict('An application for this program is already in progress', 'input.programCode');
      const app = await ctx.services.certification.insertApplication(manager, {
        personId: input.personId,
        programCode: input.programCode,
        kind: progress.kind,
        prefecturalAssociationId: prefecture,
        holderName,
        evidence: input.evidence?.trim() || null,
        progressSnapshot: JSON.parse(JSON.stringify(progress)) as Record<string, unknown>,
        renewsCertificateId: progress.renewsCertificateId,
        filedBy: recorder(ctx.viewer),
      });
      await ctx.services.certification.addStep(
        manager,
        app,
        'FILE',
        'FILED',
        null,
        recorder(ctx.viewer),
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

async function lockForDecision(ctx: TrainingContext, manager: EntityManager, input: DecideInput) {
  const app = await ctx.services.certification.lockApplication(manager, input.id);
  if (!app) throw notFound('Application not found');
  return app;
}

/** The prefectural association's check (its own staff: CHECK_CERTIFICATION_APPLICATION). */
export async function checkCertificationApplication(ctx: TrainingContext, input: DecideInput) {
  const ds = ctx.services.certification.dataSource;
  return ds.transaction(async (manager) => {
    const app = await lockForDecision(ctx, manager, input);
    ctx.access.authorizeAssociation(app.prefecturalAssociationId, 'CHECK_CERTIFICATION_APPLICATION');
    if (app.status !== 'FILED')
      throw conflict(`The application is ${app.status}, not waiting for a check`, 'input.id');
    if (app.version !== input.version)
      throw conflict('The application changed since you read it', 'input.version');
    await ctx.services.certification.setStatus(manager, app, input.approve ? 'CHECKED' : 'REJECTED');
    await ctx.services.certification.addStep(
      manager,
      app,
      'CHECK',
      input.approve ? 'PASSED' : 'RETURNED',
      app.prefecturalAssociationId,
      recorder(ctx.viewer),
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
  ctx: TrainingContext,
  input: DecideInput,
  today: string = clock.today(),
) {
  const jmaId = ctx.viewer.associationId ?? '';
  ctx.access.authorizeAssociation(jmaId, 'APPROVE_CERTIFICATION_APPLICATION');
  const ds = ctx.services.certification.dataSource;
  const rules = await ctx.loaders.rules.load('all');
  return ds.transaction(async (manager) => {
    const app = await lockForDecision(ctx, manager, input);
    if (app.status !== 'CHECKED')
      throw conflict(`The application is ${app.status}, not waiting for the JMA`, 'input.id');
    if (app.version !== input.version)
      throw conflict('The application changed since you read it', 'input.version');
    let certificateId: string | undefined;
    if (input.approve) {
      const rule = ruleInForce(rules, app.programCode, app.kind, today);
      if (!rule) throw conflict('No rule in force for this program and kind', 'input.id');
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
        issuerAssociationId: jmaId,
        applicationId: app.id,
        issuedBy: recorder(ctx.viewer),
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
      jmaId,
      recorder(ctx.viewer),
      input.note?.trim() || null,
    );
    return (await manager.findOneBy(CertificationApplicationEntity, { id: app.id }))!;
  });
}
