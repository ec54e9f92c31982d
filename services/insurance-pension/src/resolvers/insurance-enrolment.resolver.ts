import type { InsurancePensionContext } from '../context';
import type { InsuranceEnrolmentEntity } from '../entities';

export const insuranceEnrolmentResolvers = {
  statusHistory: (e: InsuranceEnrolmentEntity, _: unknown, ctx: InsurancePensionContext) =>
    ctx.loaders.insuranceChangesByEnrolmentId.load(e.id),
};
