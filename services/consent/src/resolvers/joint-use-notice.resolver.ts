import type { JointUseNoticeEntity } from '../entities';

export const jointUseNoticeResolvers = {
  responsibleParty: (n: JointUseNoticeEntity) => ({
    name: n.responsibleName,
    address: n.responsibleAddress,
    representative: n.responsibleRepresentative,
  }),
};
