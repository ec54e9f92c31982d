import { clock } from '@mamis/platform';
import { coverStatusOn } from '../domain/insurance-rules';
import type { InsuranceEnrolmentResolvers } from '../generated/resolver-types';

export const insuranceEnrolmentResolvers: InsuranceEnrolmentResolvers = {
  statusHistory: (e, _, ctx) => ctx.loaders.insuranceChangesByEnrolmentId.load(e.id),
  statusOn: async (e, args, ctx) =>
    coverStatusOn(e, await ctx.loaders.insuranceChangesByEnrolmentId.load(e.id), args.date ?? clock.today()),
};
