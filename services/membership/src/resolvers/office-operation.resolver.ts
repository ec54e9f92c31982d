import type { MembershipContext } from '../context';
import type { OfficeOperationEntity } from '../entities/office-operation.entity';
import { officeOperation, officeOperations } from '../services/office-operation.service';

/** 処理状況: reading an association's long office operations (office-operation.service.ts decides). */
export const officeOperationQueryResolvers = {
  officeOperations: (
    _: unknown,
    args: { associationId: string; first?: number | null; after?: string | null },
    ctx: MembershipContext,
  ) => officeOperations(ctx, args),
  officeOperation: (_: unknown, args: { id: string }, ctx: MembershipContext) =>
    officeOperation(ctx, args.id),
};

/** The other fields are the record's own columns. */
export const officeOperationResolvers = {
  association: (o: OfficeOperationEntity, _: unknown, ctx: MembershipContext) =>
    ctx.loaders.associationById.load(o.associationId),
  actorName: async (o: OfficeOperationEntity, _: unknown, ctx: MembershipContext) =>
    (await ctx.loaders.accountNameById.load(o.actor))?.displayName ?? null,
};
