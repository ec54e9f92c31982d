import { clock } from '@mamis/platform';
import { contributionStatusOn } from '../domain/pension-rules';
import type { PensionChangeResolvers, PhysicianPensionResolvers } from '../generated/resolver-types';

export const physicianPensionResolvers: PhysicianPensionResolvers = {
  contributionStatus: (p) => contributionStatusOn(p, clock.today()),
  history: (p, _, ctx) => ctx.loaders.pensionChangesByEnrolmentId.load(p.id),
};

export const pensionChangeResolvers: PensionChangeResolvers = {
  contributionStatus: (c) => (c.status === 'WITHDRAWN' ? 'STOPPED' : c.contributionStatus),
};
