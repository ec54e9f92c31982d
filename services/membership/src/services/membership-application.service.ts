import { actorOf, AppError, ErrorCode, idempotencyScopeOf, Messages, withIdempotency } from '@mamis/platform';
import type { MembershipContext } from '../context';
import type { ApplicationKind } from '../entities/membership-application.entity';
import { MembershipApplicationRepository } from '../repositories/membership-application.repository';

/** Membership applications: filing, each association's decision, and withdrawal. */

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

/** File once (idempotency key): the physician, or staff of a member association for them. */
export async function fileMembershipApplication(
  ctx: MembershipContext,
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
      const app = await MembershipApplicationRepository.file(manager, {
        ...input,
        filedBy: actorOf(ctx.viewer),
      });
      return { id: app.id };
    },
  );
  // the filer is the person or a member association's staff: row security lets them read it
  const [app] = await ctx.services.applications.byIds([id]);
  return app;
}

/** Staff of the step's association approve or reject it; the last approval writes the events. */
export function decideMembershipApplicationStep(
  ctx: MembershipContext,
  args: { stepId: string; decision: 'APPROVE' | 'REJECT'; comment?: string | null },
) {
  return ctx.services.dataSource.transaction(async (manager) => {
    const associationId = await MembershipApplicationRepository.stepAssociation(manager, args.stepId);
    ctx.access.authorizeAssociation(associationId, 'DECIDE_APPLICATION_STEP');
    const id = await MembershipApplicationRepository.decide(
      manager,
      args.stepId,
      args.decision,
      args.comment,
      actorOf(ctx.viewer),
    );
    // read back in the transaction: an applicant who is not a member yet is related to this
    // association through the application only
    const app = await MembershipApplicationRepository.load(manager, id);
    if (app) ctx.access.recordWrite([app.personId], 'MEMBERSHIP');
    return app;
  });
}

/** The applicant (or member-association staff for them) withdraw a pending application. */
export async function cancelMembershipApplication(
  ctx: MembershipContext,
  args: { id: string; reason?: string | null },
) {
  const [visible] = await ctx.services.applications.byIds([args.id]);
  if (!visible) throw new AppError(ErrorCode.NOT_FOUND, Messages.MEMBERSHIP_APPLICATION_NOT_FOUND);
  await ctx.access.authorizeWrite(visible.personId, 'FILE_APPLICATION');
  return ctx.services.dataSource.transaction(async (manager) => {
    await MembershipApplicationRepository.cancel(manager, args.id, args.reason, actorOf(ctx.viewer));
    return MembershipApplicationRepository.load(manager, args.id);
  });
}
