import { clock } from '@mamis/platform';
import { contributionStatusOn } from '../domain/pension-rules';
import type { InsurancePensionContext } from '../context';
import type { PensionChangeEntity, PensionEnrolmentEntity } from '../entities';

export const physicianPensionResolvers = {
  contributionStatus: (p: PensionEnrolmentEntity) => contributionStatusOn(p, clock.today()),
  history: (p: PensionEnrolmentEntity, _: unknown, ctx: InsurancePensionContext) =>
    ctx.loaders.pensionChangesByEnrolmentId.load(p.id),
};

export const pensionChangeResolvers = {
  contributionStatus: (c: PensionChangeEntity) =>
    c.status === 'WITHDRAWN' ? 'STOPPED' : c.contributionStatus,
};
