import type { OfficeOperationResolvers, QueryResolvers } from '../generated/resolver-types';
import { referencedAssociation } from './association.resolver';
import { officeOperation, officeOperations } from '../services/office-operation.service';

/** 処理状況: reading an association's long office operations (office-operation.service.ts decides). */
export const officeOperationQueryResolvers: QueryResolvers = {
  officeOperations: (_, args, ctx) => officeOperations(ctx, args),
  officeOperation: (_, args, ctx) => officeOperation(ctx, args.id),
};

/** The other fields are the record's own columns. */
export const officeOperationResolvers: OfficeOperationResolvers = {
  association: (o, _, ctx) => referencedAssociation(ctx, o.associationId),
  actorName: async (o, _, ctx) => (await ctx.loaders.accountNameById.load(o.actor))?.displayName ?? null,
};
