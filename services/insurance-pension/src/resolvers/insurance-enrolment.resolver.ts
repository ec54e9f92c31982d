import { clock } from '@mamis/platform';
import type { InsurancePensionContext } from '../context';
import { coverStatusOn } from '../domain/insurance-rules';
import type { InsuranceEnrolmentEntity } from '../entities';

export const insuranceEnrolmentResolvers = {
  statusHistory: (e: InsuranceEnrolmentEntity, _: unknown, ctx: InsurancePensionContext) =>
    ctx.loaders.insuranceChangesByEnrolmentId.load(e.id),
  statusOn: async (
    e: InsuranceEnrolmentEntity,
    args: { date?: string | null },
    ctx: InsurancePensionContext,
  ) =>
    coverStatusOn(e, await ctx.loaders.insuranceChangesByEnrolmentId.load(e.id), args.date ?? clock.today()),
};
