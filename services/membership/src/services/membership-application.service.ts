import type { EntityManager } from 'typeorm';
import {
  actorOf,
  AppError,
  badInput,
  clock,
  conflict,
  ErrorCode,
  idempotencyScopeOf,
  Messages,
  notFound,
  tokyoDate,
  withIdempotency,
} from '@mamis/platform';
import type { MembershipWriteContext } from '../context';
import type { MembershipApplicationEntity, MembershipApplicationStepEntity } from '../entities';
import type { ApplicationKind } from '../entities/membership-application.entity';
import type { StepAction } from '../entities/membership-application-step.entity';
import { planApplication } from '../domain/application-plan';
import { MembershipApplicationRepository } from '../repositories/membership-application.repository';
import {
  MembershipEventRepository,
  type NewMembershipEvent,
} from '../repositories/membership-event.repository';

/**
 * Membership applications: filing, each association's decision, and withdrawal. The rules live
 * here (steps planned from the current memberships, decisions in step order, the last approval
 * writes the membership events); the repository only reads and writes rows.
 */

export interface FileApplicationArgs {
  input: {
    personId: string;
    kind: ApplicationKind;
    effectiveOn: string;
    associations: { associationId: string; category?: string | null }[];
    transferFrom?: string[] | null;
    comment?: string | null;
  };
  idempotencyKey: string;
}

const EVENT_OF: Record<StepAction, NewMembershipEvent['kind']> = {
  JOIN: 'JOIN',
  LEAVE: 'LEAVE',
  TRANSFER_OUT: 'TRANSFER_OUT',
  TRANSFER_IN: 'TRANSFER_IN',
  CATEGORY_CHANGE: 'CATEGORY_CHANGE',
};

/** A comment or reason: trimmed, at most 1,000 characters, empty → null; `path` names the field. */
export function applicationComment(path: string, value: string | null | undefined): string | null {
  const v = value?.trim() ?? '';
  if (v.length > 1000) throw badInput(path, Messages.TEXT_TOO_LONG({ max: 1000 }));
  return v || null;
}

/**
 * May this step be decided now? The application must be PENDING, the step PENDING and the
 * current one (the lowest pending ordinal); CONFLICT on `stepId` otherwise. Answers whether it is
 * the last pending step (its approval approves the application).
 */
export function decidableStep(
  app: Pick<MembershipApplicationEntity, 'status'>,
  steps: readonly Pick<MembershipApplicationStepEntity, 'id' | 'status'>[],
  stepId: string,
): { last: boolean } {
  if (app.status !== 'PENDING') throw conflict(Messages.APPLICATION_CLOSED({ status: app.status }), 'stepId');
  const step = steps.find((s) => s.id === stepId)!;
  if (step.status !== 'PENDING') throw conflict(Messages.STEP_ALREADY_DECIDED, 'stepId');
  const current = steps.find((s) => s.status === 'PENDING')!;
  if (current.id !== step.id) throw conflict(Messages.STEP_NOT_YET, 'stepId');
  return { last: steps.filter((s) => s.status === 'PENDING').length === 1 };
}

async function loadApplication(manager: EntityManager, id: string): Promise<MembershipApplicationEntity> {
  const app = await MembershipApplicationRepository.findIn(manager, id);
  if (!app) throw notFound(Messages.MEMBERSHIP_APPLICATION_NOT_FOUND);
  return app;
}

async function lockApplication(manager: EntityManager, id: string): Promise<MembershipApplicationEntity> {
  const app = await MembershipApplicationRepository.lock(manager, id);
  if (!app) throw notFound(Messages.MEMBERSHIP_APPLICATION_NOT_FOUND);
  return app;
}

/**
 * File an application in the caller's transaction: its steps are planned from the person's
 * current memberships (the person's row locked); `now` is the filing instant and decides the
 * window of allowed effective dates. One PENDING application per person.
 */
async function file(
  manager: EntityManager,
  input: FileApplicationArgs['input'] & { filedBy: string },
  now: Date,
): Promise<MembershipApplicationEntity> {
  if (!(await MembershipEventRepository.lockPerson(manager, input.personId)))
    throw notFound(Messages.PERSON_NOT_FOUND);
  if (await MembershipApplicationRepository.hasPending(manager, input.personId))
    throw conflict(Messages.PENDING_APPLICATION_EXISTS, 'input.personId');
  const rows = await MembershipApplicationRepository.associationsByIds(manager, [
    ...input.associations.map((a) => a.associationId),
    ...(input.transferFrom ?? []),
  ]);
  const steps = planApplication(input, {
    associations: new Map(rows.map((r) => [r.id, r])),
    active: await MembershipEventRepository.active(manager, input.personId),
    today: tokyoDate(now),
  });
  return MembershipApplicationRepository.insert(
    manager,
    {
      personId: input.personId,
      kind: input.kind,
      effectiveOn: input.effectiveOn,
      comment: applicationComment('input.comment', input.comment),
      filedBy: input.filedBy,
      filedAt: now,
    },
    steps,
  );
}

/** File once (idempotency key): the physician, or staff of a member association for them. */
export async function fileMembershipApplication(
  ctx: MembershipWriteContext,
  { input, idempotencyKey }: FileApplicationArgs,
) {
  await ctx.access.authorizeWrite(input.personId, 'FILE_APPLICATION');
  const { id } = await withIdempotency(
    ctx.services.dataSource,
    {
      operation: 'fileMembershipApplication',
      actor: idempotencyScopeOf(ctx.viewer),
      key: idempotencyKey,
      payload: input,
    },
    async (manager) => {
      const app = await file(manager, { ...input, filedBy: actorOf(ctx.viewer) }, clock.now());
      return { id: app.id };
    },
  );
  // the filer is the person or a member association's staff: row security lets them read it
  const [app] = await ctx.services.applications.byIds([id]);
  return app;
}

/**
 * Approve or reject a step (the viewer authorised for its association). The application row is
 * locked first: a second decision on the same step waits, then finds it decided → CONFLICT. The
 * last approval appends the membership events; a rejection closes the application.
 */
async function decide(
  manager: EntityManager,
  applicationId: string,
  stepId: string,
  decision: 'APPROVE' | 'REJECT',
  note: string | null | undefined,
  actor: string,
  now: Date,
): Promise<void> {
  const app = await lockApplication(manager, applicationId);
  const steps = await MembershipApplicationRepository.stepsOf(manager, app.id);
  const { last } = decidableStep(app, steps, stepId);
  const text = applicationComment('comment', note);
  await MembershipApplicationRepository.setStepDecision(
    manager,
    stepId,
    decision === 'APPROVE' ? 'APPROVED' : 'REJECTED',
    actor,
    text,
    now,
  );
  if (decision === 'REJECT') {
    await MembershipApplicationRepository.close(manager, app.id, 'REJECTED', actor, text, now);
    await MembershipApplicationRepository.skipPendingSteps(manager, app.id);
  } else if (last) {
    await MembershipApplicationRepository.close(manager, app.id, 'APPROVED', actor, null, now);
    await MembershipEventRepository.lockPerson(manager, app.personId);
    await MembershipEventRepository.append(
      manager,
      steps.map((s) => ({
        personId: app.personId,
        associationId: s.associationId,
        kind: EVENT_OF[s.action],
        category: s.category,
        effectiveOn: app.effectiveOn,
        recordedBy: actor,
        applicationId: app.id,
        counterpartAssociationId: s.counterpartAssociationId,
      })),
    );
  } else {
    await MembershipApplicationRepository.bumpVersion(manager, app.id);
  }
}

/** Staff of the step's association approve or reject it; the last approval writes the events. */
export function decideMembershipApplicationStep(
  ctx: MembershipWriteContext,
  args: { stepId: string; decision: 'APPROVE' | 'REJECT'; comment?: string | null },
) {
  return ctx.services.dataSource.transaction(async (manager) => {
    // the step's association authorises the decision before anything is locked
    const ref = await MembershipApplicationRepository.stepRef(manager, args.stepId);
    if (!ref) throw notFound(Messages.APPLICATION_STEP_NOT_FOUND);
    ctx.access.authorizeAssociation(ref.associationId, 'DECIDE_APPLICATION_STEP');
    await decide(
      manager,
      ref.applicationId,
      args.stepId,
      args.decision,
      args.comment,
      actorOf(ctx.viewer),
      clock.now(),
    );
    // read back in the transaction: an applicant who is not a member yet is related to this
    // association through the application only
    const app = await loadApplication(manager, ref.applicationId);
    ctx.access.recordWrite([app.personId], 'MEMBERSHIP');
    return app;
  });
}

/**
 * Withdraw a PENDING application in the caller's transaction (the caller has authorised
 * FILE_APPLICATION for its person, or records the person's death): CONFLICT if it is closed.
 */
export async function withdrawApplication(
  manager: EntityManager,
  id: string,
  reason: string | null | undefined,
  actor: string,
  now: Date = clock.now(),
): Promise<void> {
  const app = await lockApplication(manager, id);
  if (app.status !== 'PENDING') throw conflict(Messages.APPLICATION_CLOSED({ status: app.status }), 'id');
  await MembershipApplicationRepository.close(
    manager,
    id,
    'CANCELLED',
    actor,
    applicationComment('reason', reason),
    now,
  );
  await MembershipApplicationRepository.skipPendingSteps(manager, id);
}

/** The applicant (or member-association staff for them) withdraw a pending application. */
export async function cancelMembershipApplication(
  ctx: MembershipWriteContext,
  args: { id: string; reason?: string | null },
) {
  const [visible] = await ctx.services.applications.byIds([args.id]);
  if (!visible) throw new AppError(ErrorCode.NOT_FOUND, Messages.MEMBERSHIP_APPLICATION_NOT_FOUND);
  await ctx.access.authorizeWrite(visible.personId, 'FILE_APPLICATION');
  return ctx.services.dataSource.transaction(async (manager) => {
    await withdrawApplication(manager, args.id, args.reason, actorOf(ctx.viewer));
    return loadApplication(manager, args.id);
  });
}
